/** The palette: the first result is preselected (Enter opens it); directories and groups that match a short query rank first. */
import type { Page } from '@playwright/test';
import type { DirectorySummary, GroupSummary } from '../../src/shared/api';
import { callApi, expect, test } from './support/shared-console';

test.use({ viewport: { width: 1440, height: 900 } });

async function typeInPalette(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+K');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await expect(async () => {
    if ((await input.inputValue()) !== query) await input.fill(query);
    await expect(input).toHaveValue(query, { timeout: 500 });
  }).toPass();
}

test('a directory name ranks first and Enter opens it', async ({ app }) => {
  const { page } = app;
  await app.open('/users');
  await expect(page.getByTestId('user-row').first()).toBeVisible({ timeout: 30_000 });
  const directories = await callApi<DirectorySummary[]>(page, 'listDirectories', { profileId: 'demo' });
  const target = directories[0]!;
  const word = target.name.split(/\s+/)[0]!.toLowerCase();
  await typeInPalette(page, word);
  const first = page.getByTestId('palette-entity').first();
  await expect(first).toContainText(directories.find((d) => d.name.toLowerCase().startsWith(word))!.name);
  await expect(first).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/directories\/directory_/);
});

test('"sales" shows the Sales group above users', async ({ app }) => {
  const { page } = app;
  await app.open('/groups');
  await expect(page.getByTestId('group-row').first()).toBeVisible({ timeout: 30_000 });
  const groups = await callApi<{ items: GroupSummary[] }>(page, 'listGroups', {
    profileId: 'demo',
    search: 'sales',
    limit: 50,
  });
  const sales = groups.items.find((g) => g.name.toLowerCase() === 'sales');
  test.skip(!sales, 'the demo data has no group named Sales');
  await typeInPalette(page, 'sales');
  const first = page.getByTestId('palette-entity').first();
  await expect(first).toContainText('Sales');
  await expect(first).toContainText('members');
  await expect(first).toHaveAttribute('data-selected', 'true');
});
