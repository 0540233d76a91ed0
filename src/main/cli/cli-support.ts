/**
 * What the cache CLI commands share: opening the data folder's cache (without starting any
 * background sync), picking the profile from --profile / --api-url, and the key from
 * --api-key-file or WORKOS_API_KEY.
 */
import { InvalidArgumentError } from 'commander';
import { EventBus } from '../core/event-bus.ts';
import { createLogger } from '../log.ts';
import { ensureDataDir, resolveDataDir } from '../paths.ts';
import { readKeyFile } from '../profiles/key-store.ts';
import { createSyncServices, type SyncServices } from '../sync/core-services.ts';

export interface ProfileFlags {
  profile?: string;
  apiUrl?: string;
  apiKeyFile?: string;
  dataDir?: string;
}

export class CliUsageError extends Error {}

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

/** The profile a command works on: --profile (name or id), --api-url (created on first use), else the active one. */
export function resolveCliProfile(services: SyncServices, flags: ProfileFlags, createFromUrl: boolean): string {
  const pm = services.profileManager;
  if (flags.profile && flags.apiUrl) throw new CliUsageError('Use either --profile or --api-url, not both.');
  if (flags.profile) {
    const byName = pm.findByName(flags.profile) ?? pm.list().find((p) => p.id === flags.profile);
    if (!byName)
      throw new CliUsageError(
        `There is no profile "${flags.profile}". Known: ${pm
          .list()
          .map((p) => p.name)
          .join(', ')}.`,
      );
    return byName.id;
  }
  if (flags.apiUrl) {
    const name = new URL(flags.apiUrl).host;
    const existing = pm.findByName(name);
    if (existing) return existing.id;
    if (!createFromUrl)
      throw new CliUsageError(
        `Nothing has been synced from ${flags.apiUrl} yet; run "dsync-console sync --api-url ${flags.apiUrl}" first.`,
      );
    return pm.create({ name, apiBaseUrl: flags.apiUrl.replace(/\/$/, ''), apiKey: null }).id;
  }
  return pm.activeProfileId();
}

export function parseInstantArg(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidArgumentError(`"${value}" is not a date-time (e.g. 2026-11-01 or 2026-11-01T09:00:00Z).`);
  return new Date(ms).toISOString();
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

/**
 * The shape of every read-only cache command: check the flags, open the cache, pick the
 * profile, read keyset pages until there are no more or `limit` rows, print them, and always
 * close the cache. Usage errors exit 2, everything else 1, each with a one-line message.
 */
export function runCacheListing<T>(
  flags: ProfileFlags & { limit: number },
  readPage: (
    reader: SyncServices['store']['reader'],
    profileId: string,
    cursor: string | undefined,
    limit: number,
  ) => Page<T>,
  print: (rows: T[]) => string,
  validate: () => void = () => {},
): void {
  let opened: ReturnType<typeof openCliServices> | undefined;
  try {
    validate();
    opened = openCliServices(flags);
    const profileId = resolveCliProfile(opened.services, flags, false);
    const rows: T[] = [];
    let cursor: string | undefined;
    do {
      const page = readPage(opened.services.store.reader, profileId, cursor, Math.min(1000, flags.limit - rows.length));
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < flags.limit);
    process.stdout.write(print(rows));
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exitCode = err instanceof CliUsageError ? 2 : 1;
  } finally {
    opened?.services.store.close();
  }
}
