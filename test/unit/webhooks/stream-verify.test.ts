/**
 * The streaming verifier (bodies too large for memory) must reach the same verdict as the
 * in-memory one, which follows the SDK: checked case by case on small bodies, fed in small
 * chunks. Its JSON check must agree with JSON.parse on any text.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';
import { MAX_VERIFY_BYTES, STREAM_ABOVE_BYTES } from '../../../src/main/cli/commands/verify.ts';
import { signatureHeaderFor, signBytes } from '../../../src/main/webhooks/hmac.ts';
import { isJsonText, JsonSyntaxCheck } from '../../../src/main/webhooks/json-syntax.ts';
import { StreamingVerifier } from '../../../src/main/webhooks/stream-verify.ts';
import { verifyWebhookDelivery } from '../../../src/main/webhooks/verify.ts';
import { BODY, NOW, SECRET } from './fixtures.ts';

function streamed(body: Buffer, header: string, secrets: string[]) {
  const v = new StreamingVerifier(header, secrets, 180_000, NOW);
  for (let i = 0; i < body.length; i += 7) v.update(body.subarray(i, i + 7));
  return v.finish();
}

const sig = (body: string | Buffer, t: number | string = NOW, secret = SECRET) =>
  typeof body === 'string'
    ? signatureHeaderFor(secret, body, Number(t))
    : `t=${t}, v1=${signBytes(secret, String(t), body)}`;

describe('streaming verdict = in-memory verdict', () => {
  const bin = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
  const cases: Array<[string, Buffer, string, string[]]> = [
    ['valid', Buffer.from(BODY), sig(BODY), [SECRET]],
    ['valid, second secret', Buffer.from(BODY), sig(BODY), ['whsec_old', SECRET]],
    ['wrong secret', Buffer.from(BODY), sig(BODY), ['whsec_other']],
    ['API key as secret', Buffer.from(BODY), sig(BODY), ['sk_test_abc']],
    ['padded secret', Buffer.from(BODY), sig(BODY), [` ${SECRET} `]],
    ['edited content', Buffer.from(BODY.replace('dsync.', 'xsync.')), sig(BODY), [SECRET]],
    ['too old', Buffer.from(BODY), sig(BODY, NOW - 600_000), [SECRET]],
    ['seconds', Buffer.from(BODY), sig(BODY, Math.floor(NOW / 1000)), [SECRET]],
    ['future', Buffer.from(BODY), sig(BODY, NOW + 3_600_000), [SECRET]],
    ['space before comma', Buffer.from(BODY), sig(BODY).replace(',', ' ,'), [SECRET]],
    ['no comma', Buffer.from(BODY), `t=${NOW}`, [SECRET]],
    ['no header', Buffer.from(BODY), '', [SECRET]],
    ['no secret', Buffer.from(BODY), sig(BODY), ['']],
    ['signed, not JSON', Buffer.from('hello'), sig('hello'), [SECRET]],
    ['signed null', Buffer.from('null'), sig('null'), [SECRET]],
    ['signed [1,2]', Buffer.from('[1,2]'), sig('[1,2]'), [SECRET]],
    ['empty', Buffer.alloc(0), sig(''), [SECRET]],
    ['BOM', Buffer.from(`\ufeff${BODY}`), sig(`\ufeff${BODY}`), [SECRET]],
    ['raw bytes signed (not UTF-8)', bin, sig(bin), [SECRET]],
  ];
  it.each(cases)('%s', async (_label, body, header, secrets) => {
    const full = await verifyWebhookDelivery({ body, header, secrets, toleranceMs: 180_000, nowMs: NOW });
    const stream = streamed(body, header, secrets);
    expect({ valid: stream.valid, reason: stream.reason, matched: stream.matchedSecret }).toEqual({
      valid: full.valid,
      reason: full.reason,
      matched: full.matchedSecret,
    });
  });
});

describe('streaming JSON check', () => {
  it('agrees with JSON.parse on 20k random texts fed in random chunks', () => {
    const parts = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      'u',
      '0',
      '7',
      '-',
      '+',
      '.',
      'e',
      'true',
      'fals',
      'null',
      ' ',
      '\n',
      '\u0001',
      'a',
      '"k"',
      '1e999',
      '12345678901234567890',
      '\ufeff',
      '\ud800',
      'é',
      '/',
      'F',
    ];
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let k = rnd(12); k > 0; k--) text += parts[rnd(parts.length)];
      let expected = true;
      try {
        JSON.parse(text);
      } catch {
        expected = false;
      }
      const check = new JsonSyntaxCheck();
      for (let at = 0; at < text.length;) {
        const n = 1 + rnd(4);
        check.update(text.slice(at, at + n));
        at += n;
      }
      if (check.end() !== expected || isJsonText(text) !== expected) wrong.push(JSON.stringify(text));
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('any depth, in constant stack', () => {
    expect(isJsonText('['.repeat(1_000_000) + ']'.repeat(1_000_000))).toBe(true);
    expect(isJsonText('['.repeat(1_000_000) + ']'.repeat(999_999))).toBe(false);
  });
});

describe('verify CLI on large bodies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsync-verify-large-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    process.exitCode = undefined;
    return { code, out, err };
  };

  it('streams a body above the threshold and still gives the verdict', async () => {
    const body = JSON.stringify({ id: 'event_big', event: 'dsync.user.updated', pad: 'a'.repeat(STREAM_ABOVE_BYTES) });
    const file = join(dir, 'big.json');
    writeFileSync(file, body);
    const now = Date.now();
    const r = await run([
      'verify',
      '--header',
      signatureHeaderFor(SECRET, body, now),
      '--body-file',
      file,
      '--secret',
      SECRET,
    ]);
    expect(r.out).toMatch(/^VALID \(ok\)/);
    expect(r.out).toContain('verified as a stream');
    expect(r.code).toBe(0);
  });

  it('refuses a body above the documented maximum with one clear line (exit 2)', async () => {
    const file = join(dir, 'huge.bin');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_VERIFY_BYTES + 1); // sparse: no disk used
    closeSync(fd);
    const r = await run(['verify', '--header', `t=${Date.now()}, v1=00`, '--body-file', file, '--secret', SECRET]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('at most 536870912 bytes (512 MiB)');
  });
});
