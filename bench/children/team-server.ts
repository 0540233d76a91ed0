/**
 * The team server (`dsync-console serve`'s `startTeamServer`) in a process of its own, signed in
 * through a real OpenID Connect provider (the tests' `oidc-provider` helper) in the same
 * process. The server's log goes to a file in its data directory, as a deployed server's goes
 * to journald, not to the bench's pipe. Prints one JSON line
 * `{"ready": {url, issuer, pid, dataDir, logPath}}`, then serves until stopped.
 *
 *   node --import tsx bench/children/team-server.ts <dataDir> <viewers>
 *
 * On SIGUSR2 it prints the main thread's event-loop delay since the previous SIGUSR2
 * (`{"loop": {p50, p99, max, samples}}` in ms): a synchronous wait there holds every request.
 *
 * Accounts: `lead` (group dsync-admins: admin) and `agent01`…`agentNN` (group support: viewer).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ServerConfig } from '../../src/main/server/config.ts';
import { createJsonLog } from '../../src/main/server/json-log.ts';
import { startTeamServer } from '../../src/main/server/start.ts';
import { oidcConfigOf, startTestIdp, type TestAccount } from '../../test/integration/server/support/idp.ts';
import { agentLogin, LEAD_LOGIN } from '../lib/team-accounts.ts';

const [dataDir, viewersText] = process.argv.slice(2, 4);
const viewers = Number(viewersText);
if (!dataDir || !Number.isInteger(viewers) || viewers < 1 || viewers > 999) {
  console.error('usage: team-server.ts <dataDir> <viewers 1-999>');
  process.exit(2);
}

const accounts: Record<string, TestAccount> = {
  [LEAD_LOGIN]: { email: `${LEAD_LOGIN}@example.com`, groups: ['dsync-admins'] },
};
for (let i = 1; i <= viewers; i++)
  accounts[agentLogin(i)] = { email: `${agentLogin(i)}@example.com`, groups: ['support'] };

mkdirSync(join(dataDir, 'ui'), { recursive: true });
const logPath = join(dataDir, 'server.log');
const logFile = createWriteStream(logPath, { flags: 'a' });
const idp = await startTestIdp(accounts);
const config: ServerConfig = {
  oidc: oidcConfigOf(idp),
  roles: {
    groupsClaim: 'groups',
    groups: { admin: ['dsync-admins'], operator: [], viewer: ['support'] },
    emails: {},
  },
  session: { idleMinutes: 30, absoluteHours: 12 },
  keyEncryptionKey: randomBytes(32),
  keyEncryptionKeySource: 'bench (random per run)',
};
const server = await startTeamServer({
  host: '127.0.0.1',
  port: 0,
  dataDir: join(dataDir, 'data'),
  rendererDir: join(dataDir, 'ui'),
  config,
  autoSync: false,
  log: createJsonLog((line) => logFile.write(line + '\n')),
});
idp.register(new URL('/auth/callback', server.url).href);
await server.whenReady();
console.log(JSON.stringify({ ready: { url: server.url, issuer: idp.issuer, pid: process.pid, dataDir, logPath } }));

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
process.on('SIGUSR2', () => {
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  console.log(
    JSON.stringify({
      loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), samples: loop.count },
    }),
  );
  loop.reset();
});

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await server.close();
    await idp.close();
    logFile.end(() => process.exit(0));
  })();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
