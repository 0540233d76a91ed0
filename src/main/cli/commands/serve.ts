/**
 * `dsync-console serve`: the team server. One process holds the WorkOS key (encrypted at
 * rest), syncs on its schedule, receives webhooks, and serves the console to people signed in
 * through the company's identity provider, each with a role, every lookup audited.
 */
import type { Command } from 'commander';
import { parseDir, parseHost, parsePort, parseUrl } from '../args.ts';
import { resolveDataDir } from '../../paths.ts';
import { ensureRendererBuilt } from '../../web/renderer-build.ts';
import { loadServerConfig } from '../../server/config.ts';
import { createJsonLog } from '../../server/json-log.ts';
import { checkListenPolicy } from '../../server/policy.ts';
import { startTeamServer } from '../../server/start.ts';

interface ServeOptions {
  host: string;
  port: number;
  dataDir?: string;
  config?: string;
  tlsCert?: string;
  tlsKey?: string;
  trustProxy: boolean;
  publicUrl?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the team server: one sync for the whole team, sign-in with your identity provider.')
    .option(
      '--host <address>',
      'address to bind (beyond loopback only with sign-in configured)',
      parseHost,
      '127.0.0.1',
    )
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 8080)
    .option('--data-dir <dir>', 'where the cache, settings and encrypted keys live', parseDir)
    .option('--config <file>', 'server settings (JSON): oidc, roles, session, keyEncryptionKeyFile, backups')
    .option('--tls-cert <file>', 'TLS certificate chain (PEM)')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--trust-proxy', 'plain HTTP behind a TLS-terminating reverse proxy (trust X-Forwarded-For)', false)
    .option('--public-url <url>', 'the address people open (the IdP redirects back to it)', parseUrl)
    .action(async (opts: ServeOptions) => {
      const log = createJsonLog();
      const config = loadServerConfig(opts.config);
      // Refuse before the slow part (building the UI), with the reason.
      const tls = Boolean(opts.tlsCert && opts.tlsKey);
      const publicUrl = opts.publicUrl ?? config.publicUrl;
      checkListenPolicy({ ...opts, tls, publicUrl }, config, { cert: opts.tlsCert, key: opts.tlsKey });
      const rendererDir = ensureRendererBuilt((line) => log.event('info', line));
      const server = await startTeamServer({
        ...opts,
        dataDir: resolveDataDir(opts.dataDir),
        config,
        rendererDir,
        log,
      });
      const link = server.launchUrl();
      if (link) process.stdout.write(`dsync-console team server (no sign-in configured, loopback only): ${link}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          log.event('info', 'stopping', {});
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
