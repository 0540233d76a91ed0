/**
 * Profiles: name, API base URL, key (kept in the KeyStore, shown masked), status. The Demo
 * profile always exists and is backed by the in-process emulator. Keys never leave this
 * module except inside a WorkosClient.
 */
import { randomUUID } from 'node:crypto';
import { ConsoleError, type ProfileSummary } from '../../shared/api.ts';
import type { ProfileStatus } from '../../shared/api/sync.ts';
import { inTransaction } from '../store/exec.ts';
import {
  deleteProfileRow,
  getProfileRow,
  getProfileRowByName,
  insertProfileRow,
  listProfileRows,
  updateProfileRow,
  type ProfileRow,
} from '../store/profiles-table.ts';
import { execute } from '../store/exec.ts';
import { sql } from '../store/sql.ts';
import type { Store } from '../store/store.ts';
import { sdkHostOptions } from '../workos/base-url.ts';
import { WORKOS_RATE_LIMITS, type RateLimits } from '../workos/rate-limiter.ts';
import { DEMO_PROFILE_ID, DemoBackend } from './demo-backend.ts';
import type { KeyStore } from './key-store.ts';
import { maskKey } from './mask.ts';

export interface Connection {
  baseUrl: string;
  apiKey: string;
  rateLimits: RateLimits;
}

export interface ProfileManagerOptions {
  store: Store;
  keys: KeyStore;
  /** `WORKOS_API_KEY` for CLI/web: used by profiles that have no stored key. */
  envKey?: string | null;
  demo?: DemoBackend;
}

function settingsOf(row: ProfileRow): { active?: boolean } {
  try {
    return JSON.parse(row.settings_json) as { active?: boolean };
  } catch {
    return {};
  }
}

/** The active profile: the one marked active, else the first WorkOS one, else the Demo. */
export function activeProfileIdOf(rows: readonly ProfileRow[]): string {
  const flagged = rows.find((r) => settingsOf(r).active === true);
  if (flagged) return flagged.id;
  return rows.find((r) => r.kind === 'workos')?.id ?? DEMO_PROFILE_ID;
}

export class ProfileManager {
  readonly demo: DemoBackend;
  private readonly store: Store;
  private readonly keys: KeyStore;
  private readonly envKey: string | null;

  constructor(options: ProfileManagerOptions) {
    this.store = options.store;
    this.keys = options.keys;
    this.envKey = options.envKey ?? null;
    this.demo = options.demo ?? new DemoBackend();
    this.ensureDemoProfile();
  }

  private ensureDemoProfile(): void {
    if (getProfileRow(this.store.writer, DEMO_PROFILE_ID)) return;
    const at = new Date().toISOString();
    insertProfileRow(this.store.writer, {
      id: DEMO_PROFILE_ID,
      name: 'Demo',
      kind: 'demo',
      apiBaseUrl: 'built-in emulator',
      maskedKey: null,
      at,
    });
  }

  private activeId(rows: ProfileRow[]): string {
    return activeProfileIdOf(rows);
  }

  private summary(row: ProfileRow, activeId: string): ProfileSummary {
    const key = row.kind === 'workos' ? this.keyFor(row.id) : null;
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      apiBaseUrl: row.api_base_url,
      maskedKey: key ? maskKey(key) : null,
      isDemo: row.kind === 'demo',
      active: row.id === activeId,
    };
  }

  private keyFor(profileId: string): string | null {
    return this.keys.get(profileId) ?? this.envKey;
  }

  list(): ProfileSummary[] {
    const rows = listProfileRows(this.store.reader);
    const active = this.activeId(rows);
    return rows.map((r) => this.summary(r, active));
  }

  get(profileId: string): ProfileSummary {
    const row = getProfileRow(this.store.reader, profileId);
    if (!row) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
    return this.summary(row, this.activeId(listProfileRows(this.store.reader)));
  }

  findByName(name: string): ProfileSummary | null {
    const row = getProfileRowByName(this.store.reader, name);
    return row ? this.get(row.id) : null;
  }

  activeProfileId(): string {
    return this.activeId(listProfileRows(this.store.reader));
  }

  create(input: { name: string; apiBaseUrl: string; apiKey: string | null }): ProfileSummary {
    this.checkBaseUrl(input.apiBaseUrl);
    if (getProfileRowByName(this.store.reader, input.name)) {
      throw new ConsoleError('conflict', `A profile named "${input.name}" already exists.`);
    }
    const id = `prof_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    if (input.apiKey) this.keys.set(id, input.apiKey);
    insertProfileRow(this.store.writer, {
      id,
      name: input.name,
      kind: 'workos',
      apiBaseUrl: input.apiBaseUrl,
      maskedKey: input.apiKey ? maskKey(input.apiKey) : null,
      at: new Date().toISOString(),
    });
    return this.get(id);
  }

  update(profileId: string, input: { name?: string; apiBaseUrl?: string; apiKey?: string }): ProfileSummary {
    const row = this.requireWorkos(profileId);
    if (input.apiBaseUrl) this.checkBaseUrl(input.apiBaseUrl);
    if (input.name && input.name !== row.name && getProfileRowByName(this.store.reader, input.name)) {
      throw new ConsoleError('conflict', `A profile named "${input.name}" already exists.`);
    }
    if (input.apiKey) this.keys.set(profileId, input.apiKey);
    updateProfileRow(this.store.writer, profileId, {
      name: input.name,
      apiBaseUrl: input.apiBaseUrl,
      maskedKey: input.apiKey ? maskKey(input.apiKey) : undefined,
      at: new Date().toISOString(),
    });
    return this.get(profileId);
  }

  delete(profileId: string): boolean {
    if (profileId === DEMO_PROFILE_ID) throw new ConsoleError('invalid_input', 'The Demo profile cannot be deleted.');
    if (!getProfileRow(this.store.reader, profileId)) return false;
    // In a transaction: its directories' users go with it, and the search indexes with them.
    inTransaction(this.store.writer, () => deleteProfileRow(this.store.writer, profileId));
    this.keys.delete(profileId);
    return true;
  }

  setActive(profileId: string): ProfileSummary {
    if (!getProfileRow(this.store.reader, profileId))
      throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
    inTransaction(this.store.writer, () => {
      for (const row of listProfileRows(this.store.writer)) {
        const settings = { ...settingsOf(row), active: row.id === profileId };
        execute(
          this.store.writer,
          sql`UPDATE profiles SET settings_json = ${JSON.stringify(settings)} WHERE id = ${row.id}`,
        );
      }
    });
    return this.get(profileId);
  }

  status(profileId: string): ProfileStatus {
    const row = getProfileRow(this.store.reader, profileId);
    if (!row) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
    return this.statusOf(row);
  }

  /** Every profile's status, in the order of `list()`: one call for the Settings table. */
  statuses(): ProfileStatus[] {
    return listProfileRows(this.store.reader).map((row) => this.statusOf(row));
  }

  private statusOf(row: ProfileRow): ProfileStatus {
    const profileId = row.id;
    if (row.kind === 'demo')
      return { profileId, status: row.status, message: row.status_message, keySource: 'demo', keyWarning: null };
    const stored = this.keys.get(profileId);
    const keySource = stored ? this.keys.protection : this.envKey ? 'env' : 'none';
    return {
      profileId,
      status: row.status,
      message:
        keySource === 'none' ? 'No API key: set WORKOS_API_KEY or add a key to this profile.' : row.status_message,
      keySource,
      keyWarning: stored && this.keys.protection === 'file' ? this.keys.warning() : null,
    };
  }

  /** Everything a WorkosClient needs for this profile (starting the demo emulator if needed). */
  async connection(profileId: string): Promise<Connection> {
    const row = getProfileRow(this.store.reader, profileId);
    if (!row) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
    if (row.kind === 'demo') return this.demo.connection();
    const apiKey = this.keyFor(profileId);
    if (!apiKey) {
      throw new ConsoleError(
        'unauthorized',
        `Profile "${row.name}" has no API key. Set WORKOS_API_KEY or add a key to the profile.`,
      );
    }
    return { baseUrl: row.api_base_url, apiKey, rateLimits: WORKOS_RATE_LIMITS };
  }

  private requireWorkos(profileId: string): ProfileRow {
    const row = getProfileRow(this.store.reader, profileId);
    if (!row) throw new ConsoleError('not_found', `There is no profile "${profileId}".`);
    if (row.kind === 'demo') throw new ConsoleError('invalid_input', 'The Demo profile cannot be edited.');
    return row;
  }

  private checkBaseUrl(url: string): void {
    try {
      sdkHostOptions(url);
    } catch (err) {
      throw new ConsoleError('invalid_input', (err as Error).message);
    }
  }

  async close(): Promise<void> {
    await this.demo.close();
  }
}
