/**
 * `dsync-console verify`: verify one webhook delivery offline, as the SDK would, and say why
 * it fails. Exit 0 valid, 1 invalid, 2 usage error. `--json` prints the verdict as
 * `{"valid","reason","diagnostics","matchedSecret","event", …}`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { WebhookVerdict } from '../../../shared/api/webhooks.ts';
import { parseNonNegativeNumber } from '../args.ts';
import { StreamingVerifier } from '../../webhooks/stream-verify.ts';
import { verifyWebhookDelivery } from '../../webhooks/verify.ts';
import { terminalText } from '../terminal-text.ts';
import { collectRepeatable, resolveSecrets, writerOf } from './webhook-options.ts';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

interface VerifyFlags {
  header?: string;
  bodyFile?: string;
  bodyStdin?: boolean;
  secret?: string[];
  secretFile?: string;
  toleranceS: number;
  nowMs?: number;
  json?: boolean;
}

const MARK: Record<string, string> = { pass: '✓', fail: '✗', warn: '!', info: '·', skipped: '-' };

/** Titles and details quote the body and header (event type, label, timestamp): never raw. */
export function formatVerdictText(v: WebhookVerdict): string {
  const lines = [`${v.valid ? 'VALID' : 'INVALID'} (${v.reason}): ${terminalText(v.message)}`];
  for (const d of v.diagnostics) {
    if (d.status === 'skipped') continue;
    lines.push(`  ${MARK[d.status] ?? '?'} ${terminalText(d.title)}`);
    if (d.status === 'fail' || d.status === 'warn') lines.push(`      ${terminalText(d.detail)}`);
  }
  if (v.sdkError) lines.push(`  SDK: ${terminalText(v.sdkError)}`);
  return lines.join('\n') + '\n';
}

export function verdictJson(v: WebhookVerdict): string {
  return (
    JSON.stringify({
      valid: v.valid,
      reason: v.reason,
      message: v.message,
      matchedSecret: v.matchedSecret,
      sdkError: v.sdkError,
      diagnostics: v.diagnostics,
      bodyMutation: v.bodyMutation,
      event: v.event,
    }) + '\n'
  );
}

/**
 * The largest body `verify` reads (512 MiB; WorkOS events are a few KB). Bodies above
 * `STREAM_ABOVE_BYTES` are verified as a stream, so memory stays flat up to the maximum.
 */
export const MAX_VERIFY_BYTES = 512 * 1024 * 1024;
export const STREAM_ABOVE_BYTES = 16 * 1024 * 1024;

function tooLarge(bytes: number | string): string {
  return `the body is ${bytes} bytes; verify reads at most ${MAX_VERIFY_BYTES} bytes (512 MiB). WorkOS events are a few KB: is this the right file?`;
}

/** Reads the body from --body-file or stdin and verifies it, streaming it when it is large. */
async function verifyBodySource(
  flags: VerifyFlags,
  secrets: string[],
  usage: (message: string) => never,
): Promise<WebhookVerdict> {
  const request = {
    header: flags.header ?? '',
    secrets,
    toleranceMs: flags.toleranceS * 1000,
    nowMs: flags.nowMs ?? Date.now(),
  };
  let source: AsyncIterable<Buffer>;
  if (flags.bodyFile !== undefined) {
    let size = 0;
    try {
      size = statSync(flags.bodyFile).size;
      if (size <= STREAM_ABOVE_BYTES)
        return await verifyWebhookDelivery({ ...request, body: readFileSync(flags.bodyFile) });
    } catch (err) {
      usage(`cannot read --body-file ${flags.bodyFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    if (size > MAX_VERIFY_BYTES) usage(tooLarge(size));
    source = createReadStream(flags.bodyFile, { highWaterMark: 1024 * 1024 });
  } else {
    source = process.stdin as AsyncIterable<Buffer>;
  }
  // Buffer up to the streaming threshold; beyond it, hand what was read to the stream verifier.
  const head: Buffer[] = [];
  let read = 0;
  let streaming: StreamingVerifier | null = null;
  for await (const chunk of source) {
    read += chunk.length;
    if (read > MAX_VERIFY_BYTES) usage(tooLarge(`more than ${MAX_VERIFY_BYTES}`));
    if (streaming) {
      streaming.update(chunk);
      continue;
    }
    head.push(chunk);
    if (read > STREAM_ABOVE_BYTES) {
      streaming = new StreamingVerifier(request.header, secrets, request.toleranceMs, request.nowMs);
      for (const c of head.splice(0)) streaming.update(c);
    }
  }
  if (streaming) return streaming.finish();
  return verifyWebhookDelivery({ ...request, body: Buffer.concat(head) });
}

function parseNowMs(value: string): number {
  return parseNonNegativeNumber('--now-ms, milliseconds since 1970')(value);
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('Verify a WorkOS webhook delivery offline and explain the verdict (exit 0 valid, 1 invalid, 2 usage).')
    .option('--header <value>', 'the WorkOS-Signature header value, e.g. "t=1712345678901, v1=ab12…"')
    .option('--body-file <file>', 'file with the exact raw request body (at most 512 MiB)')
    .option('--body-stdin', 'read the exact raw request body from stdin')
    .option('--secret <secret>', 'webhook secret (repeatable; default: $WORKOS_WEBHOOK_SECRET)', collectRepeatable)
    .option('--secret-file <file>', 'file with one webhook secret per line')
    .option('--tolerance-s <seconds>', 'maximum signature age in seconds', parseNonNegativeNumber('--tolerance-s'), 180)
    .option('--now-ms <ms>', 'verify as of this time (ms since 1970) instead of now', parseNowMs)
    .option('--json', 'print the verdict as JSON')
    .action(async (flags: VerifyFlags, command: Command) => {
      const out = writerOf(command, 'out');
      const usage = (message: string): never =>
        command.error(`error: ${message}`, { exitCode: EXIT_USAGE, code: 'dsync.usage' });
      if (flags.header === undefined) usage('--header is required (the WorkOS-Signature value).');
      if (Boolean(flags.bodyFile) === Boolean(flags.bodyStdin))
        usage('give exactly one of --body-file <file> or --body-stdin.');
      let secrets: string[] = [];
      try {
        secrets = resolveSecrets(flags);
      } catch (err) {
        usage(err instanceof Error ? err.message : String(err));
      }
      if (secrets.length === 0) usage('no secret: pass --secret, --secret-file, or set WORKOS_WEBHOOK_SECRET.');
      const verdict = await verifyBodySource(flags, secrets, usage);
      out(flags.json ? verdictJson(verdict) : formatVerdictText(verdict));
      process.exitCode = verdict.valid ? EXIT_VALID : EXIT_INVALID;
    });
}
