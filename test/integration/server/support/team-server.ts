/** A team server on loopback signed in through a test IdP, with a clock the tests can move. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../../../src/main/server/config.ts';
import { createJsonLog } from '../../../../src/main/server/json-log.ts';
import { startTeamServer, type TeamServer } from '../../../../src/main/server/start.ts';
import { oidcConfigOf, startTestIdp, type TestAccount, type TestIdp } from './idp.ts';

export const ACCOUNTS: Record<string, TestAccount> = {
  alice: { email: 'alice@example.com', groups: ['dsync-admins', 'support'] },
  oscar: { email: 'oscar@example.com', groups: ['dsync-operators'] },
  vera: { email: 'vera@example.com', groups: ['support'] },
  carol: { email: 'Carol@Example.com', groups: [] },
  dave: { email: 'dave@example.com', groups: ['marketing'] },
};

export interface Fixture {
  idp: TestIdp;
  server: TeamServer;
  base: string;
  logs: string[];
  clock: { now: number };
  close(): Promise<void>;
}

export async function startFixture(extra: Partial<ServerConfig> = {}): Promise<Fixture> {
  const idp = await startTestIdp(ACCOUNTS);
  const logs: string[] = [];
  const clock = { now: Date.now() };
  const config: ServerConfig = {
    oidc: oidcConfigOf(idp),
    roles: {
      groupsClaim: 'groups',
      groups: { admin: ['dsync-admins'], operator: ['dsync-operators'], viewer: ['support'] },
      emails: { operator: ['carol@example.com'] },
    },
    session: { idleMinutes: 30, absoluteHours: 12 },
    ...extra,
  };
  const server = await startTeamServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'dsync-team-')),
    rendererDir: mkdtempSync(join(tmpdir(), 'dsync-team-ui-')),
    config,
    autoSync: false,
    discoveryRetryMs: 20,
    log: createJsonLog((line) => logs.push(line)),
    now: () => clock.now,
  });
  idp.register(new URL('/auth/callback', server.url).href);
  await server.whenReady();
  return {
    idp,
    server,
    base: server.url,
    logs,
    clock,
    close: async () => {
      await server.close();
      await idp.close();
    },
  };
}
