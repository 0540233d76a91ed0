/**
 * Settings: profiles (add with a key, masked afterwards, test connection, remove), sync, theme.
 * The API key entered must never reach the DOM, browser storage, or any API response.
 */
import { callApi, expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

// A made-up key in the emulator's test-key shape: not a secret, never valid anywhere.
const API_KEY = 'sk_test_emulator_e2eNeverShowThisKey4f2a';

test('a new profile key is shown only masked, and never leaks to the DOM, storage or API responses', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const { page } = app;
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().includes('/api/') || response.url().endsWith('/api/events')) return;
    bodies.push(await response.text().catch(() => ''));
  });
  await app.open('/settings');
  await page.getByTestId('add-profile').click();
  await page.getByTestId('profile-name').fill('Staging');
  // Nothing listens here: the connection test fails, which the form must say plainly.
  await page.getByTestId('profile-base-url').fill('http://127.0.0.1:9');
  await page.getByTestId('profile-api-key').fill(API_KEY);
  await page.getByTestId('profile-test').click();
  await expect(page.getByTestId('connection-test-result').or(page.getByRole('alert')).first()).toBeVisible({
    timeout: 30_000,
  });
  await page.getByTestId('profile-save').click();

  const row = page.getByTestId('profile-row').filter({ hasText: 'Staging' });
  await expect(row).toBeVisible();
  const masked = await row.getByTestId('profile-masked-key').textContent();
  expect(masked).toMatch(/4f2a$/);
  expect(masked).not.toContain('NeverShowThisKey');
  await saveThemeScreenshots(page, 'settings');

  // The key is gone from the page, the browser's storage and every API answer.
  const html = await page.content();
  expect(html).not.toContain(API_KEY);
  // Evaluated as a string: this file is type-checked without the DOM library.
  const storage = String(
    await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })'),
  );
  expect(storage).not.toContain(API_KEY);
  const cookies = JSON.stringify(await page.context().cookies());
  expect(cookies).not.toContain(API_KEY);
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('profile-row').filter({ hasText: 'Staging' })).toBeVisible();
  expect(bodies.length).toBeGreaterThan(3);
  for (const body of bodies) expect(body).not.toContain(API_KEY);
  expect(await page.content()).not.toContain(API_KEY);

  // Switch back to the demo, then remove the new profile again.
  await page.getByTestId('profile-row').filter({ hasText: 'Demo' }).getByTestId('profile-activate').click();
  await expect(page.getByTestId('status-profile')).toContainText('Demo');
  await page.getByRole('button', { name: 'Actions for Staging' }).click();
  await page.getByRole('menuitem', { name: 'Remove…' }).click();
  await page.getByRole('button', { name: 'Remove profile' }).click();
  await expect(page.getByTestId('profile-row').filter({ hasText: 'Staging' })).toHaveCount(0);
});

test('each profile row shows its status, all of them from one call', async ({ app }) => {
  const { page } = app;
  await app.open('/settings');
  const created: string[] = [];
  const before = (await callApi<unknown[]>(page, 'listProfiles')).length;
  try {
    for (const name of ['Status A', 'Status B', 'Status C']) {
      const p = await callApi<{ id: string }>(page, 'createProfile', {
        name,
        apiBaseUrl: 'http://127.0.0.1:9',
        apiKey: API_KEY,
      });
      created.push(p.id);
    }
    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/getProfileStatus' || path === '/api/listProfileStatuses') asked.push(path);
    });
    await page.reload();
    const rows = page.getByTestId('profile-row');
    await expect(rows).toHaveCount(before + 3);
    for (const name of ['Demo', 'Status A', 'Status B', 'Status C']) {
      // Never synced: "unknown", with the key's source in its tooltip.
      await expect(rows.filter({ hasText: name }).getByTestId('profile-status')).toBeVisible();
    }
    await expect(rows.filter({ hasText: 'Status B' }).getByTestId('profile-status')).toHaveText('unknown');
    expect(asked.filter((a) => a === '/api/getProfileStatus')).toEqual([]);
    expect(asked.filter((a) => a === '/api/listProfileStatuses').length).toBeGreaterThanOrEqual(1);
  } finally {
    for (const id of created) await callApi(page, 'deleteProfile', { profileId: id });
  }
});

test('the demo profile says it is demo data, and sync status is shown', async ({ app }) => {
  const { page } = app;
  await app.open('/settings');
  await expect(page.getByTestId('settings-profiles')).toContainText('demo data');
  await expect(page.getByTestId('settings-sync')).toContainText('Last run');
});

test('sync intervals are validated, saved with the profile, and move the next events poll', async ({ app }) => {
  const { page } = app;
  await app.open('/settings');
  const form = page.getByTestId('sync-intervals');
  const pollInput = form.getByTestId('events-poll-seconds');
  const reconcileInput = form.getByTestId('reconcile-hours');
  await expect(pollInput).toHaveValue('10'); // the Demo's default

  await pollInput.fill('5');
  await expect(form).toContainText('Between 10 and 86,400 seconds.');
  await expect(form.getByTestId('save-sync-intervals')).toBeDisabled();

  await pollInput.fill('120');
  await reconcileInput.fill('12');
  const savedAt = Date.now();
  await form.getByTestId('save-sync-intervals').click();
  await expect(form.getByTestId('sync-intervals-saved')).toBeVisible();
  const status = await callApi<{ nextEventsPollAt: string | null; paused: boolean }>(page, 'getSyncStatus', {
    profileId: 'demo',
  });
  if (!status.paused && status.nextEventsPollAt) {
    const untilPoll = Date.parse(status.nextEventsPollAt) - Date.now();
    if (untilPoll <= 60_000) {
      // Only a webhook may bring the poll sooner: one applied since the save polls 5 s after it
      // (the Demo sends them on its own schedule).
      const since = await callApi<{ items: unknown[] }>(page, 'listInbox', {
        verdict: 'valid',
        receivedFrom: savedAt,
        limit: 1,
      });
      expect(since.items, `next poll in ${untilPoll} ms, and no webhook since the save`).not.toHaveLength(0);
      expect(untilPoll).toBeLessThanOrEqual(5_000);
    }
  }

  await page.reload();
  await expect(page.getByTestId('events-poll-seconds')).toHaveValue('120');
  await expect(page.getByTestId('reconcile-hours')).toHaveValue('12');
  // Back to the defaults, so other tests on this shared console see the Demo's usual pace.
  await callApi(page, 'setSyncIntervals', { profileId: 'demo', eventsPollSeconds: 10, reconcileHours: 24 });
});
