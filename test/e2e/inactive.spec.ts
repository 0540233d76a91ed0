/** Inactive audit: inactive and deleted users with the groups they hold; the CSV matches the filter. */
import { readFileSync } from 'node:fs';
import type { InactiveUser } from '../../src/shared/api';
import { callApi, expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

interface InactivePage {
  items: InactiveUser[];
  nextCursor: string | null;
  total: number | null;
}

test('lists the inactive users of the cache with their groups, and exports the filtered view', async ({ app }) => {
  const { page } = app;
  await app.open('/inactive');
  await expect(page.getByTestId('inactive-row').first()).toBeVisible({ timeout: 30_000 });
  const all = await callApi<InactivePage>(page, 'listInactiveUsers', { profileId: 'demo', limit: 1000 });
  expect(all.items.length).toBeGreaterThan(0);
  const first = all.items[0]!;
  await expect(page.getByTestId('inactive-row').first()).toContainText(first.displayName);
  await expect(page.getByTestId('inactive-row').first()).toContainText(first.directoryName);
  await saveThemeScreenshots(page, 'inactive');

  // Narrow to one directory; the screen and the CSV hold exactly that directory's users.
  const directoryId = first.directoryId;
  const expected = all.items.filter((u) => u.directoryId === directoryId);
  await page.goto(new URL(`/inactive?directory=${directoryId}`, app.server.url).toString());
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('inactive-row')).toHaveCount(expected.length);
  await expect(page.getByTestId('inactive-count')).toHaveText(`${expected.length} users`);

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-inactive').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^inactive-users-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    'name,email,directory,status,inactive_since,inactive_since_estimated,days_inactive,deleted_by_workos_at,groups_still_held,user_id,directory_id',
  );
  expect(lines).toHaveLength(expected.length + 1);
  for (const u of expected) expect(lines.some((l) => l.includes(`,${u.id},${directoryId}`))).toBe(true);
});

test('hiding users deleted by WorkOS leaves only inactive ones', async ({ app }) => {
  const { page } = app;
  await app.open('/inactive?deleted=no');
  await expect(page.getByTestId('inactive-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid="inactive-row"][data-status="deleted"]')).toHaveCount(0);
  await expect(page.getByTestId('inactive-include-deleted')).not.toBeChecked();
});
