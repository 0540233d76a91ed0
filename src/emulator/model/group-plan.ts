/** The group catalogue of a generated directory: everyone, departments, offices, apps, teams. */
import { APP_GROUPS, DEPARTMENTS, LOCATIONS, TEAM_SUFFIXES, TEAM_WORDS } from '../data/vocabulary.ts';

export type GroupKind = 'everyone' | 'department' | 'location' | 'team' | 'app';

export interface GroupPlan {
  kind: GroupKind;
  name: string;
  /** Department index or location index for those kinds. */
  ref: number;
}

/** Group catalogue: everyone, then departments, locations, and a long tail of teams and apps. */
export function planGroups(count: number): GroupPlan[] {
  const plans: GroupPlan[] = [{ kind: 'everyone', name: 'All Employees', ref: 0 }];
  DEPARTMENTS.forEach((d, i) => plans.push({ kind: 'department', name: d.name, ref: i }));
  LOCATIONS.forEach((l, i) => plans.push({ kind: 'location', name: `Office - ${l}`, ref: i }));
  APP_GROUPS.forEach((a) => plans.push({ kind: 'app', name: a, ref: 0 }));
  for (let k = 0; plans.length < count; k++) {
    const word = TEAM_WORDS[k % TEAM_WORDS.length] as string;
    const suffix = TEAM_SUFFIXES[Math.floor(k / TEAM_WORDS.length) % TEAM_SUFFIXES.length] as string;
    const round = Math.floor(k / (TEAM_WORDS.length * TEAM_SUFFIXES.length));
    plans.push({ kind: 'team', name: `${word} ${suffix}${round > 0 ? ` ${round + 1}` : ''}`, ref: 0 });
  }
  return plans.slice(0, Math.max(0, count));
}
