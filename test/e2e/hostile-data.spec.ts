/**
 * Hostile data in the UI: a profile synced from a provider whose names and attributes carry
 * HTML, script, SQL metacharacters, RTL overrides and emoji. Every screen that shows them must
 * render them as text: the literal markup is visible, no element or script from the data
 * exists, and nothing ran (`window.__xss` stays unset, no dialog opened).
 */
import { test, expect, openConsole, startConsoleServer } from './support/console';
import {
  HOSTILE_IDS,
  HOSTILE_STRINGS,
  hostileDataSet,
  startHostileWorkos,
} from '../reliability/support/hostile-workos';

test('hostile names and attributes render as text on every screen that shows them', async ({ page }) => {
  test.setTimeout(180_000);
  const provider = await startHostileWorkos();
  const server = await startConsoleServer();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await openConsole(page, server);
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
    const profile = await call<{ id: string }>('createProfile', {
      name: 'Hostile',
      apiBaseUrl: provider.url,
      apiKey: 'sk_test_hostile',
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
        { timeout: 90_000 },
      )
      .toBe('partial');

    const noInjection = async (where: string): Promise<void> => {
      expect(await page.evaluate<unknown>('window.__xss'), `${where}: script from data ran`).toBeUndefined();
      expect(
        await page.locator('img[src="x"], svg[onload], script:not([src])').count(),
        `${where}: element from data`,
      ).toBe(0);
      expect(dialogs, `${where}: dialogs`).toEqual([]);
    };
    const hostile = hostileDataSet().find((d) => d.directory.id === HOSTILE_IDS.hostile)!;

    // Users list: the hostile first names shown literally.
    await page.goto(new URL('/users', server.url).toString());
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('user-row').first()).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('user-search').fill('script');
    await expect(page.getByText('<script>window.__xss=1</script>', { exact: false }).first()).toBeVisible({
      timeout: 30_000,
    });
    await noInjection('/users');

    // Each hostile user's detail page: names, title and custom attributes as text.
    for (const text of [
      '<img src=x onerror="window.__xss=1">',
      '</textarea><svg onload=window.__xss=1>',
      "Robert'); DROP TABLE users;--",
      '\u202eevil\u202c reversed',
      '👩‍💻🏳️‍🌈 Zoë 日本語',
    ]) {
      const user = hostile.users.find((u) => u.first_name === text)!;
      await page.goto(new URL(`/users/${user.id as string}`, server.url).toString());
      const identity = page.getByTestId('user-identity');
      await expect(identity).toBeVisible({ timeout: 30_000 });
      await expect(identity).toContainText(text);
      await expect(page.getByTestId('custom-attributes')).toContainText(text);
      await noInjection(`/users/${user.id as string}`);
    }

    // Groups and directories: hostile names as text.
    await page.goto(new URL('/groups', server.url).toString());
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(HOSTILE_STRINGS[3]!).first()).toBeVisible({ timeout: 30_000 });
    await noInjection('/groups');
    await page.goto(new URL('/directories', server.url).toString());
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(hostile.directory.name as string).first()).toBeVisible({ timeout: 30_000 });
    expect(await page.locator('b', { hasText: 'Hostile' }).count(), 'markup in a directory name').toBe(0);
    await noInjection('/directories');
    await page.goto(new URL(`/directories/${HOSTILE_IDS.hostile}`, server.url).toString());
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
    await noInjection(`/directories/${HOSTILE_IDS.hostile}`);
    await page.goto(new URL('/changes', server.url).toString());
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
    await noInjection('/changes');
  } finally {
    await server.stop();
    await provider.close();
  }
});
