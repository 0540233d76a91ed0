const DAY_MS = 24 * 3600_000;

/** Whole days from an ISO instant until now (0 for today or the future). */
export function daysSince(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / DAY_MS));
}

/** The instant N days ago, as ISO, for "inactive for at least N days" filters. */
export function daysAgoIso(days: number, now: number = Date.now()): string {
  return new Date(now - days * DAY_MS).toISOString();
}
