/**
 * Issue 16: hostile deliveries. A body nested deeper than JSON.stringify can recurse, escape
 * sequences in event fields, and the receiver's refusals: every request answered is stored,
 * nothing is answered 500, logs carry no stack, and no control byte reaches a terminal line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';
import { startListening } from '../../../src/main/cli/commands/listen.ts';
import { createLogger } from '../../../src/main/log.ts';
import { signatureHeaderFor } from '../../../src/main/webhooks/hmac.ts';
import { MemoryInbox } from '../../../src/main/webhooks/inbox.ts';
import { serializeJson, JsonTooDeepError } from '../../../src/main/webhooks/json-format.ts';
import { diffPayloads } from '../../../src/main/webhooks/payload-diff.ts';
import { startReceiver } from '../../../src/main/webhooks/receiver.ts';
import { verifyWebhookDelivery } from '../../../src/main/webhooks/verify.ts';

const SECRET = 'whsec_hostile_test';
// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const INTERPRETED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function deep(levels: number): string {
  return `{"id":"event_deep","event":"dsync.user.created","data":${'['.repeat(levels)}${']'.repeat(levels)},"created_at":"2026-01-01T00:00:00.000Z"}`;
}

const ESCAPES = JSON.stringify({
  id: 'event_\u001b]0;owned\u0007',
  event: 'dsync.\u001b[2J\u001b[Huser.created\r\n#99  200  valid  forged',
  data: { object: 'directory_user', id: 'directory_user_1', directory_id: 'directory_\u202egnp.exe' },
  created_at: '2026-01-01T00:00:00.000Z',
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsync-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deeply nested bodies', () => {
  it('the receiver answers 200 / 401 (never 500), stores every request, and logs no stack', async () => {
    const logLines: string[] = [];
    const inbox = new MemoryInbox();
    const receiver = await startReceiver({
      port: 0,
      secrets: [SECRET],
      inbox,
      log: createLogger((l) => logLines.push(l)),
    });
    try {
      const statuses: number[] = [];
      for (const levels of [5_000, 100_000]) {
        const body = deep(levels);
        const post = (headers: Record<string, string>) =>
          fetch(receiver.url, { method: 'POST', headers, body }).then((r) => r.status);
        statuses.push(await post({ 'WorkOS-Signature': signatureHeaderFor(SECRET, body, Date.now()) }));
        statuses.push(await post({ 'WorkOS-Signature': signatureHeaderFor('whsec_other', body, Date.now()) }));
        statuses.push(await post({}));
      }
      expect(statuses).toEqual([200, 401, 401, 200, 401, 401]);
      expect(inbox.count()).toBe(statuses.length);
      const invalid = inbox.list({ limit: 10 }).find((i) => i.reason === 'signature_mismatch');
      const verdict = inbox.get(invalid!.id)!.verdict;
      expect(verdict.diagnostics.map((d) => d.title)).toContain(
        'JSON nested deeper than 256 levels; not re-serialised',
      );
      expect(logLines.filter((l) => /\n\s+at |RangeError/.test(l))).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });

  it('re-serialising and diffing refuse with the finding instead of a stack overflow', () => {
    const value = JSON.parse(deep(10_000)) as unknown;
    expect(() => serializeJson(value, 'compact', 'raw')).toThrow(JsonTooDeepError);
    const diff = diffPayloads(deep(10_000), deep(10_001));
    expect(diff.aError).toContain('nested deeper than 256 levels');
  });

  it('verifyWebhookDelivery gives the SDK verdict on any depth', async () => {
    const body = deep(100_000);
    const v = await verifyWebhookDelivery({
      body: Buffer.from(body),
      header: signatureHeaderFor(SECRET, body, 1_780_000_000_000),
      secrets: [SECRET],
      toleranceMs: 180_000,
      nowMs: 1_780_000_000_000,
    });
    expect(v).toMatchObject({ valid: true, reason: 'ok' });
  });

  it('`verify` prints a verdict for a deep body (no "Maximum call stack")', async () => {
    const body = deep(20_000);
    const file = join(dir, 'deep.json');
    writeFileSync(file, body);
    let out = '';
    let err = '';
    const code = await runCli(
      [
        'verify',
        '--header',
        signatureHeaderFor('whsec_other', body, Date.now()),
        '--body-file',
        file,
        '--secret',
        SECRET,
      ],
      { out: (t) => void (out += t), err: (t) => void (err += t) },
    );
    process.exitCode = undefined;
    expect(code).toBe(1);
    expect(out).toMatch(/^INVALID \(signature_mismatch\)/);
    expect(out).toContain('nested deeper than 256 levels');
    expect(err).not.toContain('call stack');
  });
});

describe('requests HTTP parsing refuses', () => {
  it('headers over the limit: answered 431 and stored as bad_request', async () => {
    const inbox = new MemoryInbox();
    const receiver = await startReceiver({ port: 0, secrets: [SECRET], inbox });
    try {
      const res = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'WorkOS-Signature': 'x'.repeat(40_000) },
        body: '{}',
      });
      expect(res.status).toBe(431);
      expect(inbox.list({ limit: 5 }).map((i) => [i.status, i.reason])).toEqual([[431, 'bad_request']]);
    } finally {
      await receiver.stop();
    }
  });
});

describe('escape sequences from the body never reach the terminal', () => {
  it('`listen` prints them visibly, even for unsigned deliveries', async () => {
    const lines: string[] = [];
    const listening = await startListening({
      host: '127.0.0.1',
      port: 0,
      path: '/webhooks/workos',
      secrets: [SECRET],
      toleranceS: 180,
      out: (l) => lines.push(l),
    });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(listening.receiver.url, { method: 'POST', headers, body: ESCAPES }).then((r) => r.status);
      expect(await post({})).toBe(401);
      expect(await post({ 'WorkOS-Signature': signatureHeaderFor(SECRET, ESCAPES, Date.now()) })).toBe(200);
      await listening.idle();
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(line.endsWith('\n')).toBe(true);
        expect(line.slice(0, -1)).not.toMatch(INTERPRETED);
        expect(line.slice(0, -1)).not.toContain('\n');
        expect(line).toContain('\\x1b[2J\\x1b[Huser.created\\r\\n#99');
        expect(line).toContain('directory_\\u202egnp.exe');
      }
    } finally {
      await listening.stop();
    }
  });

  it('`verify` with a wrong secret prints them visibly', async () => {
    const file = join(dir, 'escapes.json');
    writeFileSync(file, ESCAPES);
    let out = '';
    await runCli(
      [
        'verify',
        '--header',
        signatureHeaderFor(SECRET, ESCAPES, Date.now()),
        '--body-file',
        file,
        '--secret',
        'whsec_x',
      ],
      { out: (t) => void (out += t), err: () => {} },
    );
    process.exitCode = undefined;
    expect(out).toContain('\\x1b[2J');
    for (const line of out.split('\n')) expect(line).not.toMatch(INTERPRETED);
  });
});
