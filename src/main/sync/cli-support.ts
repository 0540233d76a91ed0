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
import { createSyncServices, type SyncServices } from './core-services.ts';

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
