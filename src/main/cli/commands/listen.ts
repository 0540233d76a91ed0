/**
 * `dsync-console listen`: a local WorkOS webhook endpoint for development. Receives, verifies,
 * prints one line per delivery and optionally re-signs and forwards valid deliveries to your
 * own handler (what `stripe listen` does for Stripe). Runs until Ctrl-C.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { InboxItemSummary } from '../../../shared/api/webhooks.ts';
import { parseHost, parseNonNegativeNumber, parsePort, parseUrl } from '../args.ts';
import { MemoryInbox } from '../../webhooks/inbox.ts';
import { DEFAULT_RECEIVER_PATH, startReceiver, type RunningReceiver } from '../../webhooks/receiver.ts';
import { resignAndSend } from '../../webhooks/resign-send.ts';
import { silentLogger } from '../../log.ts';
import { terminalText, terminalTextOr } from '../terminal-text.ts';
import { collectRepeatable, resolveSecrets, writerOf } from './webhook-options.ts';

export const DEFAULT_LISTEN_PORT = 8787;

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly secrets: readonly string[];
  readonly toleranceS: number;
  readonly forwardTo?: string;
  /** Secret to re-sign forwarded deliveries with (default: the first secret). */
  readonly forwardSecret?: string;
  readonly out: (line: string) => void;
}

export interface Listening {
  readonly receiver: RunningReceiver;
  /** Resolves when every delivery received so far has been printed (and forwarded). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** One `listen` line for a delivery (without its number and forwarding result). */
export function describeDelivery(s: InboxItemSummary): string {
  const time = new Date(s.receivedAt).toISOString().slice(11, 23);
  const flags = [
    s.duplicateOf !== null ? `duplicate of #${s.duplicateOf}` : '',
    s.outOfOrder ? 'out of order' : '',
  ].filter(Boolean);
  return [
    time,
    String(s.status),
    s.valid ? 'valid' : `invalid:${s.reason}`,
    // From the body, even for unsigned deliveries: never printed raw.
    terminalTextOr(s.eventType, '-'),
    terminalTextOr(s.eventId, '-'),
    terminalTextOr(s.directoryId, '-'),
    ...flags,
  ].join('  ');
}

export async function startListening(options: ListenOptions): Promise<Listening> {
  const inbox = new MemoryInbox({ maxItems: 1_000, maxBodyBytes: 64 * 1024 * 1024 });
  const forwardSecret = options.forwardSecret ?? options.secrets.find((s) => s !== '');
  let chain: Promise<void> = Promise.resolve();
  const handle = async (summary: InboxItemSummary): Promise<void> => {
    let line = `#${summary.id}  ${describeDelivery(summary)}`;
    if (options.forwardTo && forwardSecret !== undefined) {
      const record = inbox.get(summary.id);
      if (!summary.valid || !record) {
        line += '  → not forwarded (invalid)';
      } else {
        const result = await resignAndSend({
          url: options.forwardTo,
          secret: forwardSecret,
          payload: Buffer.from(record.body).toString('utf8'),
          timeoutMs: 10_000,
        });
        line +=
          result.status === null
            ? `  → forward failed: ${terminalText(result.error ?? 'no answer')}`
            : `  → forwarded ${result.status}`;
      }
    }
    options.out(line + '\n');
  };
  const receiver = await startReceiver({
    host: options.host,
    port: options.port,
    path: options.path,
    secrets: options.secrets,
    toleranceMs: options.toleranceS * 1000,
    inbox,
    log: silentLogger,
    // Keep output in arrival order even when forwarding takes a while.
    onDelivery: (summary) => {
      chain = chain.then(() => handle(summary)).catch(() => {});
    },
  });
  return { receiver, idle: () => chain, stop: () => receiver.stop() };
}

interface ListenFlags {
  host: string;
  port: number;
  path: string;
  secret?: string[];
  secretFile?: string;
  toleranceS: number;
  forwardTo?: string;
  forwardSecret?: string;
}

function parsePath(value: string): string {
  if (!/^\/[\x21-\x7e]*$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not a URL path (it must start with "/").`);
  return value;
}

export function registerListenCommand(program: Command): void {
  program
    .command('listen')
    .description('Receive WorkOS webhooks locally, verify each, print one line per delivery, optionally forward.')
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, DEFAULT_LISTEN_PORT)
    .option('--host <address>', 'address to bind (loopback unless you know why)', parseHost, '127.0.0.1')
    .option('--path <path>', 'path to receive on', parsePath, DEFAULT_RECEIVER_PATH)
    .option('--secret <secret>', 'webhook secret (repeatable; default: $WORKOS_WEBHOOK_SECRET)', collectRepeatable)
    .option('--secret-file <file>', 'file with one webhook secret per line')
    .option('--tolerance-s <seconds>', 'maximum signature age in seconds', parseNonNegativeNumber('--tolerance-s'), 180)
    .option('--forward-to <url>', 're-sign valid deliveries with a fresh timestamp and POST them here', parseUrl)
    .option('--forward-secret <secret>', 'secret to re-sign forwarded deliveries with (default: the first --secret)')
    .action(async (flags: ListenFlags, command: Command) => {
      const out = writerOf(command, 'out');
      const err = writerOf(command, 'err');
      let secrets: string[] = [];
      try {
        secrets = resolveSecrets(flags);
      } catch (e) {
        command.error(`error: ${e instanceof Error ? e.message : String(e)}`, { exitCode: 2, code: 'dsync.usage' });
      }
      if (secrets.every((s) => s === '')) {
        err(
          'warning: no webhook secret (--secret, --secret-file or WORKOS_WEBHOOK_SECRET): every delivery will be answered 401.\n',
        );
      }
      let listening: Listening;
      try {
        listening = await startListening({ ...flags, secrets, out });
      } catch (e) {
        // A plain Error: the CLI prints it as one line and exits 1 (not a usage error).
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(
          code === 'EADDRINUSE'
            ? `port ${flags.port} is already in use; pass --port <n> (0 = any free port).`
            : `cannot listen on ${flags.host}:${flags.port}: ${e instanceof Error ? e.message : String(e)}`,
          { cause: e },
        );
      }
      const forwarding = flags.forwardTo ? `, forwarding valid deliveries to ${flags.forwardTo}` : '';
      out(
        `Listening for WorkOS webhooks at ${listening.receiver.url} (${secrets.filter((s) => s !== '').length} secret(s)${forwarding}). Ctrl-C to stop.\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await listening.idle();
      await listening.stop();
    });
}
