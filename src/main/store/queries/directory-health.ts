/**
 * A directory's health in words: the verdict, each reason as a sentence a support engineer can
 * read aloud (never a raw enum), what to do about it, and how fresh the data really is.
 *
 * "Data as of" is the last moment the cache holds true data for: the last successful full
 * sync, but never later than the moment the directory broke (invalid credentials, unlinked,
 * deleting): after that WorkOS itself receives nothing new from the identity provider, so a
 * sync that "succeeds" only re-reads frozen data.
 */
import type { DirectorySummary } from '../../../shared/api/sync.ts';
import type { DirectoryRow } from '../rows.ts';

const STALE_AFTER_MS = 48 * 3600_000;

type Health = Pick<DirectorySummary, 'verdict' | 'reasons' | 'advice' | 'dataAsOf'>;

interface StateWords {
  reason: (since: string) => string;
  advice: string;
  broken: boolean;
}

/** Every state WorkOS documents; an unknown one is named as sent, quoted. */
const STATE_WORDS: Record<string, StateWords> = {
  invalid_credentials: {
    reason: (since) =>
      `The directory's credentials are no longer valid since ${since}: WorkOS cannot read the identity provider, so no new data arrives.`,
    advice:
      "The customer's IT admin re-authorizes the directory in the WorkOS Admin Portal (send them a setup link from the WorkOS dashboard). Data flows again on the next sync after that.",
    broken: true,
  },
  unlinked: {
    reason: (since) => `The directory is unlinked from its identity provider since ${since}, so no new data arrives.`,
    advice:
      "The customer's IT admin connects the directory again in the WorkOS Admin Portal. Until then the console keeps showing the last data it had.",
    broken: true,
  },
  deleting: {
    reason: (since) => `WorkOS is deleting this directory since ${since}; no new data arrives.`,
    advice:
      'If the deletion is intended there is nothing to do: its users and groups stay in the history as deleted. If not, contact the customer before it completes.',
    broken: true,
  },
  validating: {
    reason: (since) => `WorkOS is still validating the directory's connection (since ${since}).`,
    advice: "Wait for the customer's IT admin to finish the setup in the WorkOS Admin Portal.",
    broken: false,
  },
};

export function isBrokenState(state: string): boolean {
  return STATE_WORDS[state]?.broken === true;
}

/** The last moment the cache holds true data for (see the module comment); null when never synced. */
export function dataAsOf(row: DirectoryRow): string | null {
  if (row.last_full_sync_at === null) return null;
  if (isBrokenState(row.state) && Date.parse(row.state_since) < Date.parse(row.last_full_sync_at))
    return row.state_since;
  return row.last_full_sync_at;
}

export function judgeDirectory(row: DirectoryRow, now: number): Health {
  const critical: string[] = [];
  const warning: string[] = [];
  const advice: string[] = [];
  const words = STATE_WORDS[row.state];
  if (words) {
    (words.broken ? critical : warning).push(words.reason(row.state_since));
    advice.push(words.advice);
  }
  if (row.last_sync_status === 'failed') {
    critical.push(`The last sync of this directory failed: ${row.last_sync_error ?? 'no error was given'}.`);
    advice.push('Check the profile (API key, network) under Settings, then use Sync now.');
  } else if (row.last_sync_status === 'cancelled') {
    warning.push('The last sync of this directory was cancelled before it finished.');
    advice.push('Use Sync now to bring it up to date.');
  }
  const asOf = dataAsOf(row);
  if (row.last_full_sync_at === null) {
    warning.push('Not fully synced yet: the console has no complete picture of this directory.');
    advice.push('Use Sync now; the first full sync is where its history starts.');
  } else if (!words?.broken && now - Date.parse(row.last_full_sync_at) > STALE_AFTER_MS) {
    warning.push(`The last full sync was ${row.last_full_sync_at}, more than 48 hours ago.`);
    advice.push('Check that scheduled syncs run (status bar, Settings › Sync) or use Sync now.');
  }
  const health = { advice: [...new Set(advice)], dataAsOf: asOf };
  if (critical.length > 0) return { verdict: 'critical', reasons: [...critical, ...warning], ...health };
  if (warning.length > 0) return { verdict: 'warning', reasons: warning, ...health };
  return { verdict: 'healthy', reasons: [], ...health };
}
