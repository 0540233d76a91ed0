/** Starts the team server: checks the listen policy, builds the core, listens (TLS or not). */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createConsoleCore, type ConsoleCore } from '../core/console-core.ts';
import { FileKeyStore } from '../profiles/key-store.ts';
import { AccessControl, isLoopbackHost } from '../web/access.ts';
import type { OpenStreams } from '../web/api-routes.ts';
import { createServerApp, type ServerAuth } from './app.ts';
import { AuditTrail } from './audit.ts';
import { BackupScheduler } from './backups.ts';
import type { ServerConfig } from './config.ts';
import { EncryptedFileKeyStore } from './encrypted-key-store.ts';
import { createJsonLog, type JsonLog } from './json-log.ts';
import { OidcSignIn } from './oidc.ts';
import { checkListenPolicy } from './policy.ts';
import { RequestGuard } from './request-guard.ts';
import { sessionHandle, SessionStore } from './sessions.ts';

export interface TeamServerOptions {
  host: string;
  port: number;
  dataDir: string;
  config: ServerConfig;
  rendererDir: string;
  tlsCert?: string;
  tlsKey?: string;
  trustProxy?: boolean;
  publicUrl?: string;
  log?: JsonLog;
  /** Run the sync scheduler (default on; tests turn it off). */
  autoSync?: boolean;
  /** How often discovery is retried while the IdP cannot be reached. */
  discoveryRetryMs?: number;
  /** The sessions' clock (tests move it to expire sessions). */
  now?: () => number;
}

export interface TeamServer {
  readonly url: string;
  readonly core: ConsoleCore;
  readonly sessions: SessionStore;
  readonly backups: BackupScheduler | null;
  /** Only without an IdP (loopback): a one-time link that signs its holder in as admin. */
  launchUrl(): string | null;
  /** Resolves when the server can sign people in (the IdP's discovery succeeded). */
  whenReady(): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamServer(o: TeamServerOptions): Promise<TeamServer> {
  const log = o.log ?? createJsonLog();
  const tls = Boolean(o.tlsCert && o.tlsKey);
  const trustProxy = o.trustProxy ?? false;
  checkListenPolicy(
    { host: o.host, port: o.port, tls, trustProxy, publicUrl: o.publicUrl ?? o.config.publicUrl },
    o.config,
    { cert: o.tlsCert, key: o.tlsKey },
  );
  const tlsOptions = tls ? { cert: readFileSync(o.tlsCert!), key: readFileSync(o.tlsKey!) } : null;
  const keys = o.config.keyEncryptionKey
    ? new EncryptedFileKeyStore(o.dataDir, o.config.keyEncryptionKey)
    : new FileKeyStore(o.dataDir);
  if (!o.config.keyEncryptionKey) log.event('warn', 'API keys are not encrypted at rest (loopback only)', {});
  const sessions = new SessionStore(
    {
      idleMs: o.config.session.idleMinutes * 60_000,
      absoluteMs: o.config.session.absoluteHours * 3_600_000,
    },
    o.now,
  );
  const core = createConsoleCore({
    dataDir: o.dataDir,
    transport: 'web',
    log,
    keys,
    autoSync: o.autoSync,
    teamServers: false,
    sessions: {
      list: () =>
        sessions.list().map((x) => ({
          handle: sessionHandle(x.id),
          email: x.email,
          name: x.name,
          role: x.role,
          via: x.via,
          createdAt: new Date(x.createdAt).toISOString(),
          lastSeenAt: new Date(x.lastSeenAt).toISOString(),
        })),
      revoke: (handle) => sessions.revokeHandle(handle),
    },
  });
  const sweep = setInterval(() => sessions.sweep(), 60_000).unref();
  const audit = new AuditTrail(core.context.store.writer, (err) =>
    log.event('error', 'audit log write failed', { error: (err as Error).message }),
  );
  const openStreams: OpenStreams = new Set();

  // The app needs the public URL, which may depend on the port: build it once listening.
  let handler: ((req: Request, env: unknown) => Response | Promise<Response>) | null = null;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req, env) => (handler ? handler(req, env) : new Response('starting', { status: 503 })),
        hostname: o.host,
        port: o.port,
        ...(tlsOptions ? { createServer: createHttpsServer, serverOptions: tlsOptions } : {}),
      },
      () => resolve(s as Server),
    );
    (s as Server).once('error', reject);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  const boundUrl = `${tls ? 'https' : 'http'}://${shownHost}:${port}`;
  const publicUrl = new URL(o.publicUrl ?? o.config.publicUrl ?? boundUrl);
  const boundHosts = isLoopbackHost(o.host)
    ? ['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${port}`)
    : [`${shownHost}:${port}`];

  let auth: ServerAuth;
  let signIn: OidcSignIn | null = null;
  let access: AccessControl | null = null;
  let retry: NodeJS.Timeout | null = null;
  if (o.config.oidc) {
    signIn = new OidcSignIn({ ...o.config.oidc, redirectUri: new URL('/auth/callback', publicUrl).href });
    auth = { kind: 'oidc', signIn, roleMap: o.config.roles };
    const discover = (): void => {
      signIn!.discover().then(
        () => log.event('info', 'identity provider reached', { issuer: o.config.oidc!.issuer }),
        (err: Error) => {
          log.event('warn', 'identity provider not reachable; retrying', {
            issuer: o.config.oidc!.issuer,
            error: err.message,
          });
          retry = setTimeout(discover, o.discoveryRetryMs ?? 5_000).unref();
        },
      );
    };
    discover();
  } else {
    access = new AccessControl();
    access.bind(o.host, port);
    auth = { kind: 'local', access };
  }

  const hooks = o.config.webhooks;
  if (hooks) {
    const status = await core.context.webhooks.start({ ...hooks, applyToCache: true });
    if (status.running)
      log.event('info', 'webhook receiver listening', { url: status.url, secrets: status.secretsConfigured });
    else log.event('error', 'webhook receiver did not start', { error: status.error });
  }

  const backups = o.config.backups
    ? new BackupScheduler({
        db: core.context.store.writer,
        dir: o.config.backups.dir,
        everyMs: o.config.backups.everyHours * 3_600_000,
        keep: o.config.backups.keep,
        log,
      })
    : null;
  backups?.start();

  const app = createServerApp({
    core,
    auth,
    sessions,
    guard: new RequestGuard(publicUrl, boundHosts),
    secure: publicUrl.protocol === 'https:',
    trustProxy,
    rendererDir: o.rendererDir,
    log,
    audit,
    openStreams,
    readiness: () => {
      const checks: Record<string, string> = { store: 'ok' };
      if (signIn) checks.identityProvider = signIn.ready ? 'ok' : 'not reached yet';
      if (backups?.lastError) checks.backups = `last backup failed: ${backups.lastError}`;
      return { ready: !signIn || signIn.ready, checks };
    },
  });
  handler = (req, env) => app.fetch(req, env);
  log.event('info', 'listening', {
    url: boundUrl,
    publicUrl: publicUrl.href,
    tls,
    trustProxy,
    signIn: o.config.oidc ? 'oidc' : 'one-time link (loopback)',
    keysAtRest: o.config.keyEncryptionKeySource
      ? `encrypted (${o.config.keyEncryptionKeySource})`
      : 'file (not encrypted)',
    dataDir: core.context.dataDir,
  });
  return {
    url: `${publicUrl.origin}/`,
    core,
    sessions,
    backups,
    whenReady: () => signIn?.whenReady() ?? Promise.resolve(),
    launchUrl: () => (access ? `${publicUrl.origin}/?token=${access.issueToken()}` : null),
    close: async () => {
      clearInterval(sweep);
      if (retry) clearTimeout(retry);
      await backups?.close();
      for (const stream of openStreams) stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      audit.close();
      await core.close();
    },
  };
}
