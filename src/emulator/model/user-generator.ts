/**
 * Builds directory users and groups from their index alone. Nothing per user is kept in memory
 * unless it changes later: a 1,000,000-user directory costs its membership arrays, not its people.
 */
import { hashFloat, hashInt, hash3, pickBy } from '../util/random.ts';
import { deterministicUlid, makeId } from '../util/ulid.ts';
import { NAME_COMBINATIONS, emailSafe, nameAt } from '../data/names.ts';
import { DEPARTMENTS, EMPLOYEE_TYPES, LOCATIONS, type Department } from '../data/vocabulary.ts';
import type { DirectorySpec } from './directory-spec.ts';
import { planGroups, type GroupPlan } from './group-plan.ts';
import { groupIdpIdFor, idpIdFor } from './idp-ids.ts';
import { iso, type WireDirectoryGroup, type WireDirectoryUser } from './wire.ts';

// Salts: each attribute draws from its own hash stream so it can be computed on its own.
const S = {
  created: 1,
  state: 2,
  dept: 3,
  title: 4,
  location: 5,
  employeeType: 6,
  costCenter: 7,
  manager: 8,
  missingEmail: 9,
  duplicateEmail: 10,
  role: 11,
  extraRole: 12,
  updated: 13,
  allEmployees: 14,
  teamCount: 15,
  team: 16,
  groupCreated: 18,
  idSeed: 19,
  groupIdSeed: 20,
} as const;

const DEPT_TOTAL = DEPARTMENTS.reduce((s, d) => s + d.weight, 0);
const TYPE_TOTAL = EMPLOYEE_TYPES.reduce((s, t) => s + t.weight, 0);

function weighted<T extends { weight: number }>(items: readonly T[], total: number, draw: number): T {
  let x = draw * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items[items.length - 1] as T;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Everything derivable about one directory's generated population. */
export class UserGenerator {
  readonly stepMs: number;
  private readonly permuteA: number;
  private readonly permuteB: number;
  readonly groupPlans: GroupPlan[];
  /** Cumulative weights for picking team/app groups: a few are huge, most are small (Zipf). */
  private readonly teamCdf: Float64Array;
  private readonly teamGroupIndexes: number[];
  private readonly deptGroupIndex: Int32Array;
  private readonly locationGroupIndex: Int32Array;

  /** `legacyFields`: fill the deprecated fields as before 15 Apr 2026 (see user-shape.ts). */
  constructor(
    readonly spec: DirectorySpec,
    readonly legacyFields = false,
  ) {
    const n = Math.max(1, spec.userCount);
    this.stepMs = Math.max(2, Math.floor((spec.usersUntilMs - spec.usersFromMs) / n));
    // An affine bijection over [0, n) so neighbouring users get unrelated names, yet no two
    // users share the same (name, suffix) unless a duplicate is planted on purpose.
    let a = Math.max(1, Math.floor(n * 0.6180339887));
    while (gcd(a, n) !== 1) a++;
    this.permuteA = a;
    this.permuteB = hash3(spec.seed, 0, 99) % n;
    this.groupPlans = planGroups(spec.groupCount);
    this.deptGroupIndex = new Int32Array(DEPARTMENTS.length).fill(-1);
    this.locationGroupIndex = new Int32Array(LOCATIONS.length).fill(-1);
    this.teamGroupIndexes = [];
    this.groupPlans.forEach((plan, index) => {
      if (plan.kind === 'department') this.deptGroupIndex[plan.ref] = index;
      else if (plan.kind === 'location') this.locationGroupIndex[plan.ref] = index;
      else if (plan.kind === 'team' || plan.kind === 'app') this.teamGroupIndexes.push(index);
    });
    this.teamCdf = new Float64Array(this.teamGroupIndexes.length);
    let total = 0;
    for (let k = 0; k < this.teamGroupIndexes.length; k++) {
      total += 1 / Math.pow(k + 1, 1.1);
      this.teamCdf[k] = total;
    }
    for (let k = 0; k < this.teamCdf.length; k++) this.teamCdf[k] = (this.teamCdf[k] as number) / total;
  }

  private h(slot: number, salt: number): number {
    return hashFloat(this.spec.seed, slot, salt);
  }

  createdAtMs(slot: number): number {
    return this.spec.usersFromMs + slot * this.stepMs + hashInt(this.spec.seed, slot, S.created, this.stepMs - 1);
  }

  userId(slot: number): string {
    return makeId('directory_user', deterministicUlid(this.createdAtMs(slot), this.spec.seed ^ S.idSeed, slot));
  }

  isInactive(slot: number): boolean {
    return this.h(slot, S.state) < this.spec.inactiveRate;
  }

  departmentIndex(slot: number): number {
    return DEPARTMENTS.indexOf(weighted(DEPARTMENTS, DEPT_TOTAL, this.h(slot, S.dept)));
  }

  locationIndex(slot: number): number {
    // Squaring skews people towards the first (headquarters) locations.
    const d = this.h(slot, S.location);
    return Math.min(LOCATIONS.length - 1, Math.floor(d * d * LOCATIONS.length));
  }

  /** Group indexes this user belongs to as generated, ascending. */
  baseGroups(slot: number): number[] {
    const out: number[] = [];
    if (this.groupPlans.length > 0 && this.groupPlans[0]?.kind === 'everyone' && this.h(slot, S.allEmployees) < 0.97) {
      out.push(0);
    }
    const dept = this.deptGroupIndex[this.departmentIndex(slot)] ?? -1;
    if (dept >= 0) out.push(dept);
    const loc = this.locationGroupIndex[this.locationIndex(slot)] ?? -1;
    if (loc >= 0) out.push(loc);
    if (this.teamGroupIndexes.length > 0) {
      const c = this.h(slot, S.teamCount);
      const teams = c < 0.25 ? 0 : c < 0.65 ? 1 : c < 0.9 ? 2 : 3;
      for (let t = 0; t < teams; t++) {
        const g = this.teamGroupIndexes[this.pickTeam(hashFloat(this.spec.seed, slot * 4 + t, S.team))];
        if (g !== undefined && !out.includes(g)) out.push(g);
      }
    }
    return out.sort((x, y) => x - y);
  }

  private pickTeam(draw: number): number {
    let lo = 0;
    let hi = this.teamCdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.teamCdf[mid] as number) < draw) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  nameOf(slot: number): { first: string; last: string; suffix: number } {
    const n = Math.max(1, this.spec.userCount);
    // Joiners beyond the generated range keep their own slot number.
    const permuted = slot < n ? (slot * this.permuteA + this.permuteB) % n : slot;
    const name = nameAt(permuted % NAME_COMBINATIONS);
    return { first: name.first, last: name.last, suffix: Math.floor(permuted / NAME_COMBINATIONS) };
  }

  private ownEmail(slot: number): string {
    const { first, last, suffix } = this.nameOf(slot);
    return `${emailSafe(first)}.${emailSafe(last)}${suffix > 0 ? suffix + 1 : ''}@${this.spec.domain}`;
  }

  emailOf(slot: number): string | null {
    if (this.h(slot, S.missingEmail) < this.spec.missingEmailRate) return null;
    if (slot > 0 && this.h(slot, S.duplicateEmail) < this.spec.duplicateEmailRate) return this.ownEmail(slot - 1);
    return this.ownEmail(slot);
  }

  idpIdOf(slot: number): string {
    return idpIdFor(this.spec.type, this.spec.seed, slot);
  }

  user(slot: number): WireDirectoryUser {
    const spec = this.spec;
    const createdAt = this.createdAtMs(slot);
    const { first, last } = this.nameOf(slot);
    const email = this.emailOf(slot);
    const dept: Department = DEPARTMENTS[this.departmentIndex(slot)] as Department;
    const title = pickBy(dept.titles, this.h(slot, S.title));
    const location = LOCATIONS[this.locationIndex(slot)] as string;
    const employeeType = weighted(EMPLOYEE_TYPES, TYPE_TOTAL, this.h(slot, S.employeeType)).value;
    const managerSlot = slot === 0 ? -1 : Math.floor(this.h(slot, S.manager) * slot);
    const roleDraw = this.h(slot, S.role);
    const role = roleDraw < 0.02 ? 'admin' : 'member';
    const roles = [{ slug: role }];
    if (this.h(slot, S.extraRole) < 0.04) roles.push({ slug: 'billing' });
    const updatedAt = createdAt + Math.floor(this.h(slot, S.updated) * Math.max(0, spec.usersUntilMs - createdAt));
    const state = this.isInactive(slot) ? 'inactive' : 'active';
    const idpId = this.idpIdOf(slot);
    // Today's shape unless legacy: built directly (this runs for every listed user).
    const legacy = this.legacyFields;
    return {
      object: 'directory_user',
      id: this.userId(slot),
      directory_id: spec.directoryId,
      organization_id: spec.organizationId,
      idp_id: idpId,
      email,
      first_name: first,
      last_name: last,
      name: `${first} ${last}`,
      emails: !legacy || email === null ? [] : [{ primary: true, type: 'work', value: email }],
      job_title: legacy ? title : null,
      username: legacy ? email : null,
      state,
      raw_attributes: legacy
        ? { userName: email ?? idpId, active: state === 'active', title, department: dept.name }
        : {},
      custom_attributes: {
        department: dept.name,
        job_title: title,
        manager: managerSlot >= 0 ? this.emailOf(managerSlot) : null,
        manager_id: managerSlot >= 0 ? this.idpIdOf(managerSlot) : null,
        employee_type: employeeType,
        cost_center: `${dept.code}-${100 + hashInt(spec.seed, slot, S.costCenter, 40)}`,
        location,
      },
      role: { slug: role },
      roles,
      created_at: iso(createdAt),
      updated_at: iso(updatedAt),
    };
  }

  groupCreatedAtMs(index: number): number {
    // Groups exist before most of their members: spread over the first half of the user span.
    const span = Math.max(this.groupPlans.length * 2, Math.floor((this.spec.usersUntilMs - this.spec.usersFromMs) / 2));
    const step = Math.max(2, Math.floor(span / Math.max(1, this.groupPlans.length)));
    return this.spec.usersFromMs - span + index * step + hashInt(this.spec.seed, index, S.groupCreated, step - 1);
  }

  group(index: number): WireDirectoryGroup {
    const plan = this.groupPlans[index];
    if (!plan) throw new Error(`group index ${index} out of range`);
    const createdAt = this.groupCreatedAtMs(index);
    const idpId = groupIdpIdFor(this.spec.type, this.spec.seed, index);
    return {
      object: 'directory_group',
      id: makeId('directory_group', deterministicUlid(createdAt, this.spec.seed ^ S.groupIdSeed, index)),
      idp_id: idpId,
      directory_id: this.spec.directoryId,
      organization_id: this.spec.organizationId,
      name: plan.name,
      raw_attributes: { displayName: plan.name, id: idpId },
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
    };
  }
}
