/** Users: search finds the emulator's user, filters narrow, export matches the view, detail and timeline. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { UserDetail, UserSummary } from '../../src/shared/api';
import { callApi, expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

interface UserPage {
  items: UserSummary[];
  nextCursor: string | null;
  total: number | null;
}

async function usersLoaded(page: Page): Promise<void> {
  await expect(page.getByTestId('user-row').first()).toBeVisible({ timeout: 30_000 });
}

test('the table is virtualized: a screenful of rows in the DOM for thousands of users', async ({ app }) => {
  const { page } = app;
  await app.open('/users');
  await usersLoaded(page);
  const all = await callApi<UserPage>(page, 'listUsers', { profileId: 'demo', limit: 1 });
  expect(all.total).toBeGreaterThan(1000);
  await expect(page.getByTestId('user-count')).toContainText(all.total!.toLocaleString('en-US'));
  expect(await page.getByTestId('user-row').count()).toBeLessThan(80);

  // Scrolling to the end of what is loaded fetches the next keyset page.
  const table = page.getByTestId('user-table');
  const lastIndexBefore = Number(await page.getByTestId('user-row').last().getAttribute('aria-rowindex'));
  await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect
    .poll(async () => Number(await page.getByTestId('user-row').last().getAttribute('aria-rowindex')))
    .toBeGreaterThan(Math.max(lastIndexBefore, 200));
  expect(await page.getByTestId('user-row').count()).toBeLessThan(80);
  await table.evaluate((el) => el.scrollTo(0, 0));
  await saveThemeScreenshots(page, 'users');
});

test('searching an email finds exactly the user the emulator generated, and opens it', async ({ app }) => {
  const { page } = app;
  await app.open('/users');
  await usersLoaded(page);
  const sample = (
    await callApi<UserPage>(page, 'listUsers', { profileId: 'demo', limit: 50, sort: 'updatedAt' })
  ).items.find((u) => u.email)!;
  await page.getByTestId('user-search').fill(sample.email!);
  const row = page.locator(`[data-testid="user-row"][data-user-id="${sample.id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(sample.email!);
  await expect(row).toContainText(sample.directoryName);
  await expect(page).toHaveURL(/[?&]q=/);

  await row.click();
  await expect(page).toHaveURL(new RegExp(`/users/${sample.id}$`));
  const detail = await callApi<UserDetail>(page, 'getUser', { profileId: 'demo', userId: sample.id });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sample.displayName);
  await expect(page.getByTestId('user-identity')).toContainText(sample.id);
  await expect(page.getByTestId('user-identity')).toContainText(sample.email!);
  await expect(page.getByTestId('user-groups')).toContainText(String(detail.groups.length));
  for (const g of detail.groups.slice(0, 3)) await expect(page.getByTestId('user-groups')).toContainText(g.name);
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await expect(page.getByTestId('user-raw-json')).toContainText(`"id": "${sample.id}"`);

  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sample.displayName);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await saveThemeScreenshots(page, 'user-detail');
});

test('filters narrow the list and the CSV export contains exactly the filtered view', async ({ app }) => {
  const { page } = app;
  await app.open('/users');
  await usersLoaded(page);
  const directories = await callApi<{ id: string; name: string }[]>(page, 'listDirectories', { profileId: 'demo' });
  const dir = directories[0]!;
  const expected = await callApi<UserPage>(page, 'listUsers', {
    profileId: 'demo',
    directoryId: dir.id,
    state: 'inactive',
    limit: 1000,
  });
  expect(expected.items.length).toBeGreaterThan(0);

  await page.goto(new URL(`/users?directory=${dir.id}&state=inactive`, app.server.url).toString());
  await usersLoaded(page);
  await expect(page.getByTestId('user-count')).toHaveText(
    `${expected.items.length} ${expected.items.length === 1 ? 'user' : 'users'}`,
  );
  for (const row of (await page.getByTestId('user-row').all()).slice(0, 10)) {
    await expect(row).toContainText(dir.name);
    await expect(row.getByTestId('user-state')).toHaveText('inactive');
  }

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-users').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  // The same column names as `dsync-console users --format csv` (src/shared/user-csv-columns.ts).
  expect(lines[0]!.split(',')[0]).toBe('name');
  expect(lines[0]).toContain('id,directory_id');
  expect(lines).toHaveLength(expected.items.length + 1);
  const ids = new Set(lines.slice(1).map((l) => l.split(',').at(-2)));
  for (const u of expected.items) expect(ids.has(u.id)).toBe(true);
  for (const line of lines.slice(1)) expect(line).toContain(',inactive,');
});

test('Ctrl+K finds a user by name across directories and opens their page', async ({ app }) => {
  const { page } = app;
  await app.open('/directories');
  // Directories arrive before their users; wait until users are cached.
  let found: UserSummary | undefined;
  await expect
    .poll(
      async () => {
        const page1 = await callApi<UserPage>(page, 'listUsers', { profileId: 'demo', limit: 20, sort: 'updatedAt' });
        found = page1.items[0];
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const sample = found!;
  await page.keyboard.press('Control+K');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  const query = sample.email ?? sample.displayName;
  // Typed once the palette has finished opening; re-typed if the opening reset it.
  await expect(async () => {
    if ((await input.inputValue()) !== query) await input.fill(query);
    await expect(input).toHaveValue(query, { timeout: 500 });
  }).toPass();
  const hit = page.getByTestId('palette-entity').filter({ hasText: sample.displayName }).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/users/${sample.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sample.displayName);
});

test('an attribute filter matches values case-insensitively; a malformed one says what is wrong', async ({ app }) => {
  const { page } = app;
  await app.open('/users');
  await usersLoaded(page);
  const count = async (value: string) =>
    (
      await callApi<UserPage>(page, 'listUsers', {
        profileId: 'demo',
        customAttribute: { key: 'department', value },
        limit: 200,
      })
    ).total;
  // The demo may still be syncing: compare counts taken together until they agree.
  await expect
    .poll(
      async () => {
        const [upper, lower] = [await count('Sales'), await count('sales')];
        return upper !== null && upper > 0 && upper === lower;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.getByTestId('user-attribute-filter').fill('department=sales');
  await page.getByTestId('user-attribute-filter').press('Enter');
  await expect
    .poll(
      async () =>
        (await page.getByTestId('user-count').textContent()) ===
        `${(await count('Sales'))!.toLocaleString('en-US')} users`,
      { timeout: 60_000 },
    )
    .toBe(true);

  await page.getByTestId('user-attribute-filter').fill('department');
  await page.getByTestId('user-attribute-filter').press('Enter');
  await expect(page.getByTestId('empty-state')).toContainText('The attribute filter is malformed');
  await expect(page.getByTestId('empty-state')).toContainText('No "=" in "department"');
  await expect(page.getByTestId('user-row')).toHaveCount(0);
  // Nothing is listed, so there is no count and nothing to export (the filter is not applied).
  await expect(page.getByTestId('user-count')).toBeEmpty();
  await expect(page.getByTestId('export-users')).toBeDisabled();
});

test('a result that matched a field not on screen says which', async ({ app }) => {
  const { page } = app;
  await app.open('/users');
  await usersLoaded(page);
  const sample = (await callApi<UserPage>(page, 'listUsers', { profileId: 'demo', limit: 50 })).items.find(
    (u) => typeof u.customAttributes.cost_center === 'string',
  )!;
  const costCenter = String(sample.customAttributes.cost_center);
  await page.getByTestId('user-search').fill(costCenter);
  const row = page.locator(`[data-testid="user-row"][data-user-id="${sample.id}"]`);
  await expect(row.getByTestId('matched-field')).toHaveText('matched cost center');
});

test('typing a substring from inside a name or a hidden email finds the user and says which field', async ({ app }) => {
  const { page } = app;
  await app.open('/users');
  // The Demo's first sync can take longer than usersLoaded allows on a loaded machine.
  await expect(page.getByTestId('user-row').first()).toBeVisible({ timeout: 120_000 });
  const candidates = (await callApi<UserPage>(page, 'listUsers', { profileId: 'demo', limit: 200 })).items;
  const search = (text: string) => callApi<UserPage>(page, 'listUsers', { profileId: 'demo', search: text, limit: 20 });

  // A piece of a last name that starts inside it ("derso" of Anderson), narrow enough that the
  // user's row is on screen: the row is shown and, matched on its name, carries no badge.
  let inside: { user: UserSummary; text: string } | null = null;
  for (const u of candidates) {
    const last = u.lastName ?? '';
    if (last.length < 6) continue;
    const text = `${last.slice(1, 5).toLowerCase()} ${u.firstName?.slice(1, 4).toLowerCase() ?? ''}`.trim();
    const found = await search(text);
    if (found.total !== null && found.total <= 10 && found.items.some((x) => x.id === u.id)) {
      inside = { user: u, text };
      break;
    }
  }
  expect(inside, 'a user findable by substrings of its names').not.toBeNull();
  await page.getByTestId('user-search').fill(inside!.text);
  const row = page.locator(`[data-testid="user-row"][data-user-id="${inside!.user.id}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText(inside!.user.displayName);
  await expect(row.getByTestId('matched-field')).toHaveCount(0);

  // A fragment from the middle of a manager's email (hidden on the Users table): a report of
  // that manager is found and says it matched its manager.
  const report = candidates.find(
    (u) => typeof u.customAttributes.manager === 'string' && (u.customAttributes.manager as string).indexOf('@') > 4,
  )!;
  expect(report, 'a user with a manager').toBeDefined();
  const manager = report.customAttributes.manager as string;
  // The local part without its first letter: no word of the manager's email starts with it.
  const fragment = manager.slice(1, manager.indexOf('@'));
  const answer = await search(fragment);
  const expected = answer.items.find((x) => x.id === report.id);
  expect(expected?.matchedField).toBe('manager');
  await page.getByTestId('user-search').fill(fragment);
  const reportRow = page.locator(`[data-testid="user-row"][data-user-id="${report.id}"]`);
  await expect(reportRow.getByTestId('matched-field')).toHaveText('matched manager', { timeout: 30_000 });
});
