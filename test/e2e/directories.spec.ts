/** Directories: every demo directory with its health verdict and reasons; the detail page. */
import type { DirectorySummary } from '../../src/shared/api';
import { callApi, expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

async function syncedDirectories(page: import('@playwright/test').Page): Promise<DirectorySummary[]> {
  // The demo profile syncs on start; wait until the table shows what the cache holds.
  await expect(page.getByTestId('directory-row').first()).toBeVisible({ timeout: 30_000 });
  return callApi<DirectorySummary[]>(page, 'listDirectories', { profileId: 'demo' });
}

test('lists every cached directory, problems first, with the reason', async ({ app }) => {
  const { page } = app;
  await app.open('/directories');
  const directories = await syncedDirectories(page);
  expect(directories.length).toBeGreaterThan(1);
  await expect(page.getByTestId('directory-row')).toHaveCount(directories.length);

  const broken = directories.find((d) => d.state === 'invalid_credentials');
  expect(broken, 'the demo data has a directory with invalid credentials').toBeTruthy();
  const row = page.locator(`[data-testid="directory-row"][data-directory-id="${broken!.id}"]`);
  await expect(row).toContainText(broken!.name);
  await expect(row.getByTestId('verdict-badge')).toHaveAttribute('data-verdict', 'critical');
  await expect(row.getByTestId('directory-reason')).toContainText(
    "The directory's credentials are no longer valid since",
  );
  await expect(row.getByTestId('directory-reason')).not.toContainText('invalid_credentials');
  // Health is the default sort: the first row is a critical one.
  await expect(page.getByTestId('directory-row').first().getByTestId('verdict-badge')).toHaveAttribute(
    'data-verdict',
    'critical',
  );
  await saveThemeScreenshots(page, 'directories');
});

test('filters by health and searches by name', async ({ app }) => {
  const { page } = app;
  await app.open('/directories');
  const directories = await syncedDirectories(page);
  const healthy = directories.filter((d) => d.verdict === 'healthy');
  await page
    .getByTestId('verdict-filter')
    .getByText(/^Healthy/)
    .click();
  await expect(page.getByTestId('directory-row')).toHaveCount(healthy.length);
  for (const badge of await page.getByTestId('verdict-badge').all()) {
    await expect(badge).toHaveAttribute('data-verdict', 'healthy');
  }
  await page.getByTestId('verdict-filter').getByText('All').click();
  const target = directories[0]!;
  await page.getByTestId('directory-search').fill(target.name);
  await expect(page.getByTestId('directory-row').first()).toContainText(target.name);
});

test('a directory page explains its health and shows its groups; the link survives reload', async ({ app }) => {
  const { page } = app;
  await app.open('/directories');
  const directories = await syncedDirectories(page);
  const broken = directories.find((d) => d.verdict === 'critical')!;
  await page.locator(`[data-testid="directory-row"][data-directory-id="${broken.id}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/directories/${broken.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: broken.name })).toBeVisible();
  await expect(page.getByTestId('health-reasons')).toContainText('needs attention');
  // The state in words, never the raw enum; what to do; data as of the last successful data.
  await expect(page.getByTestId('health-reasons')).not.toContainText(broken.state);
  await expect(page.getByTestId('health-reasons')).toContainText(broken.reasons[0]!.split(' since ')[0]!);
  await expect(page.getByTestId('health-advice')).toContainText(broken.advice[0]!.slice(0, 40));
  await expect(page.getByTestId('health-reasons').getByTestId('data-as-of')).toContainText('Data as of');
  // Breadcrumbs by name: the directory's name, its id only on hover.
  await expect(page.getByTestId('breadcrumb')).toContainText(broken.name);
  await expect(page.getByTestId('breadcrumb')).not.toContainText(broken.id);
  await expect(page.getByTestId('counts-chart')).toContainText('Users and groups, last 30 days');

  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: broken.name })).toBeVisible();
  await page.getByRole('tab', { name: /Groups/ }).click();
  if (broken.groups > 0) await expect(page.getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('tab', { name: /Sync runs/ }).click();
  await expect(page.getByTestId('sync-runs')).toContainText('full');
  await page.getByRole('tab', { name: /Recent changes/ }).click();
  await saveThemeScreenshots(page, 'directory-detail');
});
