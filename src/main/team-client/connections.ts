/**
 * This machine's team-server profiles: name, server address, who it is signed in as and which
 * of the server's profiles it shows. They are not rows of the cache's `profiles` table (there
 * is nothing of theirs in the cache: no key, no sync), but one small JSON file in the data
 * directory, mode 0600. The session token is not in it: it rests in the KeyStore, like a key.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConsoleError, roles } from '../../shared/api.ts';

const storedSchema = z.object({
  id: z.string().regex(/^team_[a-f0-9]{16}$/),
  name: z.string().min(1).max(80),
  serverUrl: z.string().url(),
  active: z.boolean(),
  identity: z.object({ email: z.string().nullable(), name: z.string().nullable(), role: z.enum(roles) }).nullable(),
  remote: z.object({ profileId: z.string(), profileName: z.string() }).nullable(),
  message: z.string().nullable(),
});
export type StoredConnection = z.infer<typeof storedSchema>;

const fileSchema = z.object({ version: z.literal(1), connections: z.array(storedSchema).max(100) });

export const TEAM_PROFILE_PREFIX = 'team_';

export function isTeamProfileId(id: string): boolean {
  return id.startsWith(TEAM_PROFILE_PREFIX);
}

export class TeamConnections {
  private readonly path: string;
  private list: StoredConnection[];

  constructor(dataDir: string, onUnreadable: (message: string) => void) {
    this.path = join(dataDir, 'team-servers.json');
    this.list = [];
    if (!existsSync(this.path)) return;
    try {
      this.list = fileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8'))).connections;
    } catch (err) {
      onUnreadable(`${this.path} is not readable (${(err as Error).message.slice(0, 200)}); team servers ignored.`);
    }
  }

  all(): readonly StoredConnection[] {
    return this.list;
  }

  find(id: string): StoredConnection | undefined {
    return this.list.find((c) => c.id === id);
  }

  get(id: string): StoredConnection {
    const found = this.find(id);
    if (!found) throw new ConsoleError('not_found', `There is no team-server profile "${id}".`);
    return found;
  }

  active(): StoredConnection | null {
    return this.list.find((c) => c.active) ?? null;
  }

  add(name: string, serverUrl: string, takenNames: readonly string[]): StoredConnection {
    if (takenNames.includes(name) || this.list.some((c) => c.name === name)) {
      throw new ConsoleError('conflict', `A profile named "${name}" already exists.`);
    }
    const connection: StoredConnection = {
      id: `${TEAM_PROFILE_PREFIX}${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      name,
      serverUrl: new URL(serverUrl).origin,
      active: false,
      identity: null,
      remote: null,
      message: 'Not signed in yet.',
    };
    this.list = [...this.list, connection];
    this.save();
    return connection;
  }

  update(id: string, change: Partial<Omit<StoredConnection, 'id' | 'serverUrl'>>): StoredConnection {
    const next = { ...this.get(id), ...change };
    this.list = this.list.map((c) => (c.id === id ? next : c));
    this.save();
    return next;
  }

  /** Makes `id` the active profile, or none of them (a local profile is active) with null. */
  setActive(id: string | null): void {
    if (id !== null) this.get(id);
    this.list = this.list.map((c) => ({ ...c, active: c.id === id }));
    this.save();
  }

  remove(id: string): boolean {
    const before = this.list.length;
    this.list = this.list.filter((c) => c.id !== id);
    if (this.list.length === before) return false;
    this.save();
    return true;
  }

  private save(): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, connections: this.list }, null, 2), { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }
}
