/**
 * Fuzz: thousands of generated and mutated deliveries (bodies, headers, secrets) through the
 * verifier. Every one must come back as a verdict that satisfies the contract, with `ok` only
 * for valid deliveries, and — checked on a sample — the same validity the SDK decides.
 * Seeded, so a failure names an input that can be replayed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webhookVerdictSchema } from '../../../src/shared/api/webhooks.ts';
import { verifyWebhookDelivery } from '../../../src/main/webhooks/verify.ts';
import { formatVerdictText } from '../../../src/main/cli/commands/verify.ts';

// eslint-disable-next-line no-control-regex -- what a terminal would interpret
const INTERPRETED = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
import { BODY, headerFor, NOW, SECRET, sdkAccepts } from './fixtures.ts';
import { SOAK, size } from '../../reliability/support/soak.ts';

/** 10k in CI; `npm run test:soak` runs the large version. */
const CASES = size(10_000, 200_000);
const SDK_SAMPLE_EVERY = 50;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD_TEXT = [
  '',
  ' ',
  '=',
  ',',
  ', ',
  't=',
  'v1=',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'é',
  '🙂',
  '\r\n',
  '"',
  '1e309',
  '99999999999999999999999999',
  '-1',
  'NaN',
  'v1=v1=v1',
  ',,,,',
  // Issue 16's hostile corpus.
  '1e999',
  '12345678901234567890',
  '\u001b]0;owned\u0007',
  '\u001b[2J',
  '\u009b',
  '\u202e',
  '\uDC00',
  '["\u0000"]',
  '"' + 'a'.repeat(20_000) + '"',
  '['.repeat(6_000),
  ']'.repeat(6_000),
];

/** Whole bodies from the same corpus: deeper than recursion goes, huge numbers, escapes. */
const HOSTILE_BODIES = [
  `{"id":"event_deep","event":"dsync.user.created","data":${'['.repeat(8_000)}${']'.repeat(8_000)}}`,
  '{"id":"event_n","event":"dsync.\u001b]0;x\u0007","data":{"id":1e999,"n":12345678901234567890},"created_at":"\ud800"}',
  '{"id":"event_c","event":"dsync.user.created\r\n#2  200  valid","data":{"directory_id":"directory_\u202e"}}',
];

function mutateBytes(rand: () => number, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const op = Math.floor(rand() * 6);
  const at = Math.floor(rand() * (out.length + 1));
  switch (op) {
    case 0:
      if (out.length > 0) out[Math.min(at, out.length - 1)] = Math.floor(rand() * 256);
      return out;
    case 1:
      return out.subarray(0, at);
    case 2:
      return Buffer.concat([
        out.subarray(0, at),
        Buffer.from(WEIRD_TEXT[Math.floor(rand() * WEIRD_TEXT.length)] ?? ''),
        out.subarray(at),
      ]);
    case 3:
      return Buffer.from(Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
    case 4:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), out]);
    default:
      return out;
  }
}

function mutateHeader(rand: () => number, header: string): string {
  const pick = (): string => WEIRD_TEXT[Math.floor(rand() * WEIRD_TEXT.length)] ?? '';
  switch (Math.floor(rand() * 9)) {
    case 0:
      return pick();
    case 1: {
      const at = Math.floor(rand() * (header.length + 1));
      return header.slice(0, at) + pick() + header.slice(at);
    }
    case 2:
      return header.slice(0, Math.floor(rand() * header.length));
    case 3:
      return header.split(', ').reverse().join(', ');
    case 4:
      return `t=${'9'.repeat(1 + Math.floor(rand() * 400))}, v1=${header.split('v1=')[1] ?? ''}`;
    case 5:
      return `${header}, v1=${'f'.repeat(64)}`;
    case 6:
      return header.replace(/\d/g, () => String(Math.floor(rand() * 10)));
    case 7:
      return Array.from({ length: Math.floor(rand() * 20) }, pick).join('');
    default:
      return header;
  }
}

function secretsFor(rand: () => number): string[] {
  const pool = [
    SECRET,
    '',
    ' ',
    `${SECRET}\n`,
    `"${SECRET}"`,
    'sk_test_x',
    '\uD800',
    '🙂'.repeat(50),
    'x'.repeat(5000),
  ];
  // Mostly one secret: each secret costs one SDK call (~0.5 ms of WebCrypto), the bulk of the time.
  const n = rand() < 0.08 ? 0 : rand() < 0.9 ? 1 : 2;
  return Array.from({ length: n }, () => (rand() < 0.5 ? SECRET : (pool[Math.floor(rand() * pool.length)] ?? '')));
}

describe('fuzz', () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it(
    `${CASES} generated and mutated deliveries each get a verdict and a reason`,
    { timeout: size(180_000, 3_600_000) },
    async () => {
      const rand = prng(20261123);
      const baseBodies = [
        Buffer.from(BODY),
        Buffer.from(JSON.stringify(JSON.parse(BODY), null, 2)),
        Buffer.alloc(0),
        Buffer.from('{"id":1}'),
        ...HOSTILE_BODIES.map((b) => Buffer.from(b)),
        Buffer.from([0x7b, 0x22, 0xff, 0xc0, 0x80, 0x22, 0x3a, 0xed, 0xa0, 0x80, 0x7d]),
      ];
      const baseHeaders = await Promise.all(baseBodies.map((b) => headerFor(b.toString('utf8'))));
      let valid = 0;
      let sdkChecked = 0;
      for (let i = 0; i < CASES; i++) {
        const which = Math.floor(rand() * baseBodies.length);
        const body =
          rand() < 0.8
            ? mutateBytes(rand, baseBodies[which] ?? Buffer.alloc(0))
            : (baseBodies[which] ?? Buffer.alloc(0));
        const header = rand() < 0.7 ? mutateHeader(rand, baseHeaders[which] ?? '') : (baseHeaders[which] ?? '');
        const secrets = secretsFor(rand);
        const toleranceMs = rand() < 0.1 ? Math.floor(rand() * 1e12) : 180_000;
        let verdict;
        try {
          verdict = await verifyWebhookDelivery(
            { body, header, secrets, toleranceMs, nowMs: NOW },
            // A smaller search budget keeps 10,000 cases fast; the search itself is tested elsewhere.
            { mutationSearch: { byteBudget: 16 * 1024, limits: { maxJsonChars: 16 * 1024, maxPermutedKeys: 3 } } },
          );
        } catch (err) {
          throw new Error(`case ${i} threw: ${String(err)} (header ${JSON.stringify(header)})`, { cause: err });
        }
        const parsed = webhookVerdictSchema.safeParse(verdict);
        if (!parsed.success) throw new Error(`case ${i}: verdict violates the contract: ${parsed.error.message}`);
        expect(verdict.valid === (verdict.reason === 'ok')).toBe(true);
        // What `verify` prints: no control byte from the body or header reaches the terminal.
        for (const line of formatVerdictText(verdict).split('\n')) {
          if (INTERPRETED.test(line))
            throw new Error(`case ${i}: control byte printed: ${JSON.stringify(line.slice(0, 100))}`);
        }
        if (verdict.valid) valid++;
        if (i % SDK_SAMPLE_EVERY === 0) {
          const usable = secrets.filter((s) => s !== '');
          const sdkSays = (await Promise.all(usable.map((s) => sdkAccepts(body, header, s, toleranceMs)))).some(
            Boolean,
          );
          expect(verdict.valid, `case ${i}`).toBe(sdkSays);
          sdkChecked++;
        }
      }
      // Sanity: the generator produces both outcomes, so the test exercises both paths.
      expect(valid).toBeGreaterThan(50);
      expect(valid).toBeLessThan(CASES);
      expect(sdkChecked).toBe(CASES / SDK_SAMPLE_EVERY);
    },
  );
});

// A 100 MB body costs seconds and hundreds of MB: run it by `npm run test:soak`, not in the suite.
describe.runIf(SOAK)('huge bodies', () => {
  it('a 100 MB body gets a verdict with the mutation search cut short', async () => {
    const body = Buffer.alloc(100 * 1024 * 1024, 0x7b);
    const v = await verifyWebhookDelivery({
      body,
      header: await headerFor(BODY),
      secrets: [SECRET],
      toleranceMs: 180_000,
      nowMs: NOW,
    });
    expect(v).toMatchObject({ valid: false, reason: 'signature_mismatch', bodyBytes: body.length });
    expect(v.diagnostics.find((d) => d.step === 'body_mutation')?.facts.budgetExhausted).toBe(true);
  });
});
