/**
 * Webhook verifier figures: `node --import tsx bench/webhook-verify.ts [--big-mb N]`.
 * Prints time per verification for the common cases and for huge bodies (the mutation
 * search is bounded by a byte budget, so a 100 MB body costs about as much as the SDK's own
 * HMAC over it). Not a test: numbers depend on the machine. Peak memory of the CLI on
 * 200 MB bodies: bench/webhook-verify-memory.ts.
 */
import { performance } from 'node:perf_hooks';
import { signatureHeaderFor } from '../src/main/webhooks/hmac.ts';
import { verifyWebhookDelivery } from '../src/main/webhooks/verify.ts';

const SECRET = 'whsec_bench_secret';
const bigMb = Number(process.argv[process.argv.indexOf('--big-mb') + 1]) || 100;

function event(padding = 0): string {
  return JSON.stringify({
    id: 'event_01BENCH',
    event: 'dsync.user.updated',
    data: {
      object: 'directory_user',
      id: 'directory_user_01BENCH',
      directory_id: 'directory_01BENCH',
      email: 'zoë@example.com',
      custom_attributes: { note: 'x'.repeat(padding) },
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    },
    created_at: '2026-01-01T00:00:00.000Z',
  });
}

async function time(
  label: string,
  runs: number,
  body: string | Buffer,
  header: string,
  secrets = [SECRET],
): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let last = '';
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const v = await verifyWebhookDelivery({ body: bytes, header, secrets, toleranceMs: 180_000, nowMs: Date.now() });
    last = `${v.reason}${v.bodyMutation ? ` (${v.bodyMutation.changes.join(',')})` : ''}`;
  }
  const perRun = (performance.now() - start) / runs;
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(`${label.padEnd(44)} ${perRun.toFixed(2).padStart(9)} ms/verify   ${last.padEnd(28)} rss ${rss} MB`);
}

const small = event();
const now = Date.now();
const header = signatureHeaderFor(SECRET, small, now);
await time('valid, 0.4 KB', 500, small, header);
await time('wrong secret, 0.4 KB (full search)', 200, small, header, ['whsec_other']);
await time('pretty-printed, 0.4 KB', 200, JSON.stringify(JSON.parse(small), null, 2), header);
const mb = event(1024 * 1024);
const mbHeader = signatureHeaderFor(SECRET, mb, now);
await time('valid, 1 MB', 10, mb, mbHeader);
await time('pretty-printed, 1 MB', 5, JSON.stringify(JSON.parse(mb), null, 2), mbHeader);
await time('edited, 1 MB (search to the budget)', 5, mb.replace('zoë', 'zoe'), mbHeader);
const big = Buffer.alloc(bigMb * 1024 * 1024, 0x61);
await time(`${bigMb} MB of bytes, bad signature`, 2, big, header);
