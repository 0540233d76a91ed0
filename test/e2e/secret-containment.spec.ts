/**
 * Secret containment: one session that does everything a user would (add a WorkOS profile with
 * an API key, sync it, browse every screen, start the webhook receiver with a secret, receive
 * signed deliveries, open and export them, export users as CSV) while every byte that crosses
 * the boundary is collected: HTTP responses, the SSE stream, DOM snapshots, localStorage and
 * sessionStorage, cookies, the console's log output, every file in its data folder (the SQLite
 * cache and its WAL included) and CSV exports. The API key and the webhook secret must not
 * appear in any of it.
 *
 * The one place a key may rest in plaintext is the key file of the web/CLI console (no OS
 * keychain there; the console warns). It is checked to be owner-only (0600) instead.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test, expect, openConsole, startConsoleServer } from './support/console';
import { startEmulatorProcess } from './support/emulator-process';

interface Capture {
  where: string;
  text: string;
}

/** Regular files only: the running console's `web --link` socket holds no bytes to read. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}

test('no byte crossing the boundary carries the API key or a webhook secret', async ({ page, context }) => {
  test.setTimeout(180_000);
  const apiKey = `sk_test_CANARYKEY${randomBytes(16).toString('hex')}`;
  const webhookSecret = `whsec_CANARYSECRET${randomBytes(16).toString('hex')}`;
  // Full values and long fragments (the masked form shows the last 4 characters; nothing more).
  const needles = [apiKey, webhookSecret, apiKey.slice(9, 33), webhookSecret.slice(6, 30)];

  const emulator = await startEmulatorProcess([
    '--seed',
    'small',
    '--users',
    '40',
    '--directories',
    '2',
    '--rate-limit-scale',
    '50',
    '--api-key',
    apiKey,
    '--webhook-secret',
    webhookSecret,
  ]);
  const server = await startConsoleServer();
  const captures: Capture[] = [];
  try {
    page.on('response', async (response) => {
      if (!response.url().startsWith(server.url) || response.url().includes('/api/events')) return;
      try {
        captures.push({ where: `response ${response.url()}`, text: await response.text() });
      } catch {
        // Redirects and aborted navigations have no body.
      }
    });
    page.on('console', (message) => captures.push({ where: 'browser console', text: message.text() }));
    await openConsole(page, server);

    // The SSE stream, read with the page's own session for the whole session.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const sse = new AbortController();
    let sseText = '';
    const sseDone = fetch(`${server.url}api/events`, { headers: { Cookie: cookie }, signal: sse.signal })
      .then(async (res) => {
        const reader = res.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          sseText += Buffer.from(value).toString('utf8');
        }
      })
      .catch(() => undefined);

    const call = async <T>(method: string, input?: unknown): Promise<T> => {
      const envelope = await page.evaluate(
        async ([m, body]) => {
          const res = await fetch(`/api/${m}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: body === undefined ? '' : JSON.stringify(body),
          });
          return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
        },
        [method, input] as const,
      );
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
      return envelope.value as T;
    };
    const snapshot = async (label: string): Promise<void> => {
      captures.push({ where: `DOM ${label}`, text: await page.content() });
      captures.push({
        where: `storage ${label}`,
        // A string expression: this file is type-checked without the DOM library.
        text: await page.evaluate<string>(
          'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })',
        ),
      });
    };

    // A WorkOS profile with the key (the key goes in; only a masked form may come back).
    const profile = await call<{ id: string; maskedKey: string | null }>('createProfile', {
      name: 'Canary',
      apiBaseUrl: emulator.url,
      apiKey,
    });
    await call('setActiveProfile', { profileId: profile.id });
    await call('startSync', { profileId: profile.id, kind: 'full' });
    await expect
      .poll(
        async () =>
          (
            await call<{ running: string | null; lastRun: { status: string } | null }>('getSyncStatus', {
              profileId: profile.id,
            })
          ).lastRun?.status,
        { timeout: 60_000 },
      )
      .toBe('succeeded');
    await call('testConnection', { profileId: profile.id });

    for (const path of ['/', '/directories', '/users', '/groups', '/changes', '/inactive', '/settings']) {
      await page.goto(new URL(path, server.url).toString());
      await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
      await snapshot(path);
    }

    // CSV export of users, as the screen offers it.
    await page.goto(new URL('/users', server.url).toString());
    await expect(page.getByTestId('user-row').first()).toBeVisible({ timeout: 30_000 });
    const download = page.waitForEvent('download');
    await page.getByTestId('export-users').click();
    const csvPath = await (await download).path();
    captures.push({ where: 'users CSV export', text: readFileSync(csvPath, 'utf8') });

    // The webhook receiver with the secret, fed by the emulator's signed deliveries.
    const receiver = await call<{ url: string }>('startWebhookReceiver', { port: 0, secrets: [webhookSecret] });
    await emulator.admin('POST', '/webhooks', { url: receiver.url });
    for (let i = 0; i < 4; i++) await emulator.admin('POST', '/step', { scenario: 'joiner' });
    await expect
      .poll(async () => (await call<{ items: unknown[] }>('listInbox', {})).items.length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const inbox = await call<{ items: { id: number; verdict?: unknown }[] }>('listInbox', {});
    const first = inbox.items[0]!;
    await call('getInboxItem', { id: first.id });
    await call('exportInboxItem', { id: first.id, format: 'fixture' });
    await call('exportInboxItem', { id: first.id, format: 'curl' });
    await page.goto(new URL('/webhooks/inbox', server.url).toString());
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
    await snapshot('/webhooks/inbox');
    await page.goto(new URL(`/webhooks/inbox/${first.id}`, server.url).toString());
    await expect(page.getByTestId('inbox-detail')).toBeVisible({ timeout: 30_000 });
    await snapshot('/webhooks/inbox/:id');
    await call('stopWebhookReceiver');

    sse.abort();
    await sseDone;
    captures.push({ where: 'SSE stream', text: sseText });

    // CLI CSV export over the same cache.
    const cli = spawnSync(
      process.execPath,
      ['bin/dsync-console.mjs', 'users', '--format', 'csv', '--data-dir', server.dataDir, '--profile', 'Canary'],
      { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' },
    );
    captures.push({ where: 'CLI users CSV', text: `${cli.stdout}\n${cli.stderr}` });
    captures.push({ where: 'console log output', text: server.output() });

    // Every file the console wrote: the cache, its WAL, backups, logs, exports.
    let keyFiles = 0;
    for (const file of filesUnder(server.dataDir)) {
      const rel = relative(server.dataDir, file);
      if (rel.startsWith('keys/')) {
        // The web console's key file: plaintext by design, owner-only.
        expect((statSync(file).mode & 0o077).toString(8), `${rel} permissions`).toBe('0');
        // Control: the scan looks for the right bytes (they are here, where they belong).
        expect(readFileSync(file, 'utf8')).toContain(apiKey);
        keyFiles++;
        continue;
      }
      captures.push({ where: `file ${rel}`, text: readFileSync(file).toString('latin1') });
    }

    expect(keyFiles, 'the profile key was stored in the key file').toBe(1);
    const bytes = captures.reduce((n, c) => n + c.text.length, 0);
    console.log(
      `[secrets] scanned ${captures.length} captures, ${bytes.toLocaleString('en-US')} characters: ` +
        [...new Set(captures.map((c) => c.where.split(' ')[0]))].join(', '),
    );
    const leaks = captures.flatMap((c) =>
      needles.filter((n) => c.text.includes(n)).map((n) => `${c.where} contains ${n.slice(0, 12)}…`),
    );
    expect(leaks).toEqual([]);
    // The masked form is what the renderer gets.
    expect(profile.maskedKey ?? '').not.toContain(apiKey.slice(9, 33));
  } finally {
    await server.stop();
    await emulator.stop();
  }
});
