/**
 * `--since` / `--until`: an ISO date or date-time, or a time relative to now — `30m`, `24h`,
 * `7d`, `2w` (that long ago), `now`, `today` and `yesterday` (the start of that day, local time).
 * Anything else is refused with a one-line reason (exit status 2).
 */
import { InvalidArgumentError } from 'commander';
import { oneLine } from './args.ts';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const RELATIVE = /^(\d{1,6})\s*([smhdw])$/;
/** 2026-11-01, 2026-11-01T09:00, 2026-11-01 09:00:00.5Z, 2026-11-01T09:00:00+02:00 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export const TIME_HELP = 'an ISO date or date-time, or 30m, 24h, 7d, 2w (ago), today, yesterday';

function startOfLocalDay(now: Date, daysBack: number): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);
}

/** Whether the calendar fields name a real date (Date.parse rolls 2026-02-31 over into March). */
function realCalendarDate(m: RegExpExecArray): boolean {
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return false;
  return m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60);
}

/** The instant (as an ISO string in UTC) a --since/--until value names, relative to `now`. */
export function parseTimeArg(value: string, now: Date = new Date()): string {
  const text = value.trim().toLowerCase();
  const shown = `"${oneLine(value.length > 60 ? `${value.slice(0, 60)}…` : value)}"`;
  if (text === 'now') return now.toISOString();
  if (text === 'today') return startOfLocalDay(now, 0).toISOString();
  if (text === 'yesterday') return startOfLocalDay(now, 1).toISOString();
  const rel = RELATIVE.exec(text);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2]!]!).toISOString();
  const iso = ISO.exec(value.trim());
  if (iso && realCalendarDate(iso)) {
    const ms = Date.parse(value.trim().replace(' ', 'T'));
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  throw new InvalidArgumentError(`${shown} is not a time: give ${TIME_HELP}.`);
}

/** The commander option parser (the current time at parse). */
export function parseInstantArg(value: string): string {
  return parseTimeArg(value);
}
