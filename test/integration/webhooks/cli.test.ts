import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';
import { startListening } from '../../../src/main/cli/commands/listen.ts';
import { signatureHeaderFor } from '../../../src/main/webhooks/hmac.ts';
import { MemoryInbox } from '../../../src/main/webhooks/inbox.ts';
import { startReceiver } from '../../../src/main/webhooks/receiver.ts';

const SECRET = 'whsec_cli_test_secret';
const NOW = 1_780_000_000_000;
const BODY = JSON.stringify({
  id: 'event_cli_1',
  event: 'dsync.group.created',
  data: { object: 'directory_group', id: 'directory_group_1', directory_id: 'directory_1', name: 'Developers' },
  created_at: '2026-01-15T12:00:00.000Z',
});
const HEADER = signatureHeaderFor(SECRET, BODY, NOW);

let dir: string;
let bodyFile: string;
const savedEnv = process.env.WORKOS_WEBHOOK_SECRET;

function capture() {
  let out = '';
  let err = '';
  return {
    io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t) },
    out: () => out,
    err: () => err,
  };
}

async function run(argv: string[]) {
  const c = capture();
  const code = await runCli(argv, c.io);
  process.exitCode = undefined;
  return { code, out: c.out(), err: c.err() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsync-verify-'));
  bodyFile = join(dir, 'body.json');
  writeFileSync(bodyFile, BODY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  if (savedEnv === undefined) delete process.env.WORKOS_WEBHOOK_SECRET;
  else process.env.WORKOS_WEBHOOK_SECRET = savedEnv;
});

describe('dsync-console verify', () => {
  const base = (): string[] => ['verify', '--header', HEADER, '--body-file', bodyFile, '--now-ms', String(NOW)];

  it('exits 0 for a valid delivery and prints the checklist', async () => {
    const r = await run([...base(), '--secret', SECRET]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^VALID \(ok\)/);
    expect(r.out).toContain('dsync.group.created');
    expect(r.out).not.toContain(SECRET);
  });

  it('exits 1 for an invalid one; --json has valid, reason, diagnostics, matchedSecret, event', async () => {
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(JSON.parse(BODY), null, 2));
    const r = await run([
      'verify',
      '--header',
      HEADER,
      '--body-file',
      tampered,
      '--secret',
      SECRET,
      '--now-ms',
      String(NOW),
      '--json',
    ]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as Record<string, unknown>;
    expect(json).toMatchObject({
      valid: false,
      reason: 'body_modified',
      matchedSecret: null,
      event: { type: 'dsync.group.created' },
    });
    expect(Array.isArray(json.diagnostics)).toBe(true);
    expect(r.out).not.toContain(SECRET);
  });

  it('repeated --secret reports the matching index', async () => {
    const r = await run([...base(), '--secret', 'whsec_old', '--secret', SECRET, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ valid: true, matchedSecret: 1 });
  });

  it('reads WORKOS_WEBHOOK_SECRET and --secret-file (one per line, final newline ignored)', async () => {
    process.env.WORKOS_WEBHOOK_SECRET = SECRET;
    expect((await run(base())).code).toBe(0);
    const file = join(dir, 'secrets.txt');
    writeFileSync(file, `whsec_other\n${SECRET}\n`);
    const r = await run([...base(), '--secret-file', file, '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ valid: true, matchedSecret: 1 });
  });

  it('honours --tolerance-s and --now-ms', async () => {
    const later = String(NOW + 600_000);
    expect(
      (await run(['verify', '--header', HEADER, '--body-file', bodyFile, '--secret', SECRET, '--now-ms', later])).code,
    ).toBe(1);
    expect(
      (
        await run([
          'verify',
          '--header',
          HEADER,
          '--body-file',
          bodyFile,
          '--secret',
          SECRET,
          '--now-ms',
          later,
          '--tolerance-s',
          '900',
        ])
      ).code,
    ).toBe(0);
  });

  it('exits 2 with one line for usage errors', async () => {
    delete process.env.WORKOS_WEBHOOK_SECRET;
    const cases: string[][] = [
      ['verify', '--body-file', bodyFile, '--secret', SECRET],
      ['verify', '--header', HEADER, '--secret', SECRET],
      ['verify', '--header', HEADER, '--body-file', bodyFile, '--body-stdin', '--secret', SECRET],
      ['verify', '--header', HEADER, '--body-file', bodyFile],
      ['verify', '--header', HEADER, '--body-file', join(dir, 'missing.json'), '--secret', SECRET],
      ['verify', '--header', HEADER, '--body-file', bodyFile, '--secret-file', join(dir, 'nope.txt')],
      ['verify', '--header', HEADER, '--body-file', bodyFile, '--secret', SECRET, '--tolerance-s', '-5'],
      ['verify', '--header', HEADER, '--body-file', bodyFile, '--secret', SECRET, '--now-ms', 'soon'],
      ['verify', '--bogus'],
    ];
    for (const argv of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it('reads the body from stdin through the package bin', () => {
    const env = { ...process.env };
    delete env.WORKOS_WEBHOOK_SECRET;
    const ok = spawnSync(
      'npx',
      [
        '--no-install',
        'dsync-console',
        'verify',
        '--header',
        HEADER,
        '--body-stdin',
        '--secret',
        SECRET,
        '--now-ms',
        String(NOW),
        '--json',
      ],
      {
        input: BODY,
        encoding: 'utf8',
        env,
      },
    );
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, reason: 'ok' });
  });
});

describe('dsync-console listen', () => {
  it('prints one line per delivery and forwards valid ones re-signed', async () => {
    const FORWARD_SECRET = 'whsec_local_handler';
    const handlerInbox = new MemoryInbox();
    const handler = await startReceiver({ port: 0, secrets: [FORWARD_SECRET], inbox: handlerInbox });
    const lines: string[] = [];
    const listening = await startListening({
      host: '127.0.0.1',
      port: 0,
      path: '/webhooks/workos',
      secrets: [SECRET],
      toleranceS: 180,
      forwardTo: handler.url,
      forwardSecret: FORWARD_SECRET,
      out: (l) => lines.push(l),
    });
    try {
      const fresh = signatureHeaderFor(SECRET, BODY, Date.now());
      const post = (headers: Record<string, string>) =>
        fetch(listening.receiver.url, { method: 'POST', headers, body: BODY });
      expect((await post({ 'WorkOS-Signature': fresh })).status).toBe(200);
      expect((await post({ 'WorkOS-Signature': fresh })).status).toBe(200);
      expect((await post({ 'WorkOS-Signature': HEADER })).status).toBe(401);
      await listening.idle();
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(
        /#1 .* 200 {2}valid {2}dsync\.group\.created {2}event_cli_1 {2}directory_1 {2}→ forwarded 200/,
      );
      expect(lines[1]).toMatch(/duplicate of #1 {2}→ forwarded 200/);
      expect(lines[2]).toMatch(/401 {2}invalid:timestamp_outside_tolerance .* → not forwarded \(invalid\)/);
      // The handler got the exact body, signed with its own secret.
      expect(handlerInbox.list({ limit: 10 }).map((i) => i.valid)).toEqual([true, true]);
      expect(Buffer.from(handlerInbox.get(1)?.body ?? []).toString()).toBe(BODY);
    } finally {
      await listening.stop();
      await handler.stop();
    }
  });

  it('runs as `dsync-console listen` until Ctrl-C, one line per delivery', async () => {
    const env = { ...process.env, WORKOS_WEBHOOK_SECRET: SECRET };
    // The bin directly (npx would not pass Ctrl-C on to it).
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../../../bin/dsync-console.mjs', import.meta.url)), 'listen', '--port', '0'],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    const waitFor = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = (): void => {
          const m = pattern.exec(stdout);
          if (m) resolve(m);
        };
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString('utf8');
          check();
        });
        child.on('exit', () => reject(new Error(`listen exited early: ${stdout}`)));
        check();
      });
    try {
      const [, url] = await waitFor(/Listening for WorkOS webhooks at (\S+) \(1 secret\(s\)\)/);
      const res = await fetch(url ?? '', {
        method: 'POST',
        headers: { 'WorkOS-Signature': signatureHeaderFor(SECRET, BODY, Date.now()) },
        body: BODY,
      });
      expect(res.status).toBe(200);
      await waitFor(/#1 .* 200 {2}valid {2}dsync\.group\.created/);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });

  it('rejects a bad --path and a taken port', async () => {
    expect((await run(['listen', '--path', 'no-slash'])).code).toBe(2);
    const inbox = new MemoryInbox();
    const taken = await startReceiver({ port: 0, secrets: [], inbox });
    try {
      const r = await run(['listen', '--port', String(taken.port), '--secret', SECRET]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/already in use/);
    } finally {
      await taken.stop();
    }
  });
});
