/**
 * What the cache CLI commands share: `sync` opens the data folder's cache for writing (without
 * starting any background sync) and may create a profile from --api-url; the read-only
 * commands open it read-only (read-only-cache.ts) and resolve --profile and --directory
 * without writing anything. The key comes from --api-key-file or WORKOS_API_KEY.
 */
import { InvalidArgumentError } from 'commander';
import { EventBus } from '../core/event-bus.ts';
import { createLogger } from '../log.ts';
import { ensureDataDir, resolveDataDir } from '../paths.ts';
import { readKeyFile } from '../profiles/key-store.ts';
import { activeProfileIdOf } from '../profiles/profile-manager.ts';
import type { ReadableDB } from '../store/db-types.ts';
import { inReadSnapshot, type NotAPromise } from '../store/exec.ts';
import { getProfileRow, getProfileRowByName, listProfileRows } from '../store/profiles-table.ts';
import { createSyncServices, type SyncServices } from '../sync/core-services.ts';
import { resolveDirectoryArg } from './directory-arg.ts';
import { CliUsageError } from './errors.ts';
import { openCacheReadOnly } from './read-only-cache.ts';

export { CliUsageError };
export { parseInstantArg } from './time-args.ts';

export interface ProfileFlags {
  profile?: string;
  apiUrl?: string;
  apiKeyFile?: string;
  dataDir?: string;
}

export function openCliServices(flags: ProfileFlags): { services: SyncServices; events: EventBus } {
  const envKey = flags.apiKeyFile ? readKeyFile(flags.apiKeyFile) : (process.env.WORKOS_API_KEY ?? null);
  const events = new EventBus();
  const dataDir = ensureDataDir(resolveDataDir(flags.dataDir));
  const services = createSyncServices({
    dataDir,
    log: createLogger(),
    events,
    autoSync: false,
    envKey,
    useWorker: false,
  });
  return { services, events };
}

function unknownProfile(name: string, known: string[]): CliUsageError {
  return new CliUsageError(`There is no profile "${name}". Known: ${known.join(', ')}.`);
}

/** The profile a command works on: --profile (name or id), --api-url (created on first use), else the active one. */
export function resolveCliProfile(services: SyncServices, flags: ProfileFlags, createFromUrl: boolean): string {
  const pm = services.profileManager;
  if (flags.profile && flags.apiUrl) throw new CliUsageError('Use either --profile or --api-url, not both.');
  if (flags.profile) {
    const byName = pm.findByName(flags.profile) ?? pm.list().find((p) => p.id === flags.profile);
    if (!byName)
      throw unknownProfile(
        flags.profile,
        pm.list().map((p) => p.name),
      );
    return byName.id;
  }
  if (flags.apiUrl) {
    const name = new URL(flags.apiUrl).host;
    const existing = pm.findByName(name);
    if (existing) return existing.id;
    if (!createFromUrl) throw nothingFrom(flags.apiUrl);
    return pm.create({ name, apiBaseUrl: flags.apiUrl.replace(/\/$/, ''), apiKey: null }).id;
  }
  return pm.activeProfileId();
}

function nothingFrom(apiUrl: string): CliUsageError {
  return new CliUsageError(
    `Nothing has been synced from ${apiUrl} yet; run "dsync-console sync --api-url ${apiUrl}" first.`,
  );
}

/** The same choice as resolveCliProfile, on a read-only connection (never creates a profile). */
export function resolveProfileForReading(db: ReadableDB, flags: ProfileFlags): string {
  if (flags.profile && flags.apiUrl) throw new CliUsageError('Use either --profile or --api-url, not both.');
  const rows = listProfileRows(db);
  if (flags.profile) {
    const row = getProfileRowByName(db, flags.profile) ?? getProfileRow(db, flags.profile);
    if (!row)
      throw unknownProfile(
        flags.profile,
        rows.map((r) => r.name),
      );
    return row.id;
  }
  if (flags.apiUrl) {
    const row = getProfileRowByName(db, new URL(flags.apiUrl).host);
    if (!row) throw nothingFrom(flags.apiUrl);
    return row.id;
  }
  return activeProfileIdOf(rows);
}

export function parseFormat(value: string): 'table' | 'csv' | 'json' {
  if (value !== 'table' && value !== 'csv' && value !== 'json')
    throw new InvalidArgumentError(`"${value}" is not one of table, csv, json.`);
  return value;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a read-only command reads from: the cache, the profile and the --directory it named. */
export interface CacheScope {
  db: ReadableDB;
  profileId: string;
  /** The id --directory named (by id or exact name), if given. */
  directoryId: string | undefined;
}

/**
 * Opens the cache read-only, resolves the profile and --directory, runs `read` (synchronous: it
 * reads one snapshot), always closes.
 */
export function withCacheScope<R>(
  flags: ProfileFlags & { directory?: string },
  read: (scope: CacheScope) => R & NotAPromise,
): R {
  const { db } = openCacheReadOnly(flags.dataDir);
  try {
    // One snapshot for the whole command: a console syncing this cache meanwhile cannot make a
    // listing's pages describe different states of it.
    return inReadSnapshot(db, () => {
      const profileId = resolveProfileForReading(db, flags);
      const directoryId =
        flags.directory === undefined ? undefined : resolveDirectoryArg(db, profileId, flags.directory);
      return read({ db, profileId, directoryId });
    });
  } finally {
    db.close();
  }
}

/**
 * The shape of every read-only listing: check the flags, open the cache read-only, pick the
 * profile and directory, read keyset pages until there are no more or `limit` rows, and print
 * them. Errors propagate to runCli, which prints one line (usage errors exit 2, others 1).
 */
export function runCacheListing<T>(
  flags: ProfileFlags & { limit: number; directory?: string },
  readPage: (scope: CacheScope, cursor: string | undefined, limit: number) => Page<T>,
  print: (rows: T[], scope: CacheScope) => string,
  validate: () => void = () => {},
): void {
  validate();
  const text = withCacheScope(flags, (scope) => {
    const rows: T[] = [];
    let cursor: string | undefined;
    do {
      const page = readPage(scope, cursor, Math.min(1000, flags.limit - rows.length));
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < flags.limit);
    return print(rows, scope);
  });
  process.stdout.write(text);
}
