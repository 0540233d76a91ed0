/** The renderer shell: navigation, deep links, theme, command palette, status bar. */
import { expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

test('opens on Directories and every section is reachable from the sidebar', async ({ app }) => {
  const { page } = app;
  await app.open('/');
  await expect(page).toHaveURL(/\/directories$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Directories' })).toBeVisible();
  const sections: [string, string][] = [
    ['users', 'Users'],
    ['groups', 'Groups'],
    ['changes', 'Changes'],
    ['inactive', 'Inactive'],
    ['webhooks', 'Webhooks'],
    ['settings', 'Settings'],
    ['directories', 'Directories'],
  ];
  for (const [id, title] of sections) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page).toHaveURL(new RegExp(`/${id}(/[a-z]+)?$`));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
  }
  await saveThemeScreenshots(page, 'shell-directories');
});

test('a deep link survives a reload', async ({ app }) => {
  const { page } = app;
  await app.open('/');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('screen-settings')).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId('screen-settings')).toBeVisible();
});

test('an unknown address says so and offers a way back', async ({ app }) => {
  const { page, server } = app;
  await app.open('/');
  await page.goto(new URL('/no/such/screen', server.url).toString());
  await expect(page.getByTestId('screen-not-found')).toContainText('/no/such/screen');
  await page.getByRole('link', { name: 'Back to directories' }).click();
  await expect(page).toHaveURL(/\/directories$/);
});

test('the theme follows the system by default and a chosen theme is remembered', async ({ app }) => {
  const { page } = app;
  await app.open('/');
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');

  await page.getByTestId('theme-toggle').getByText('Dark').click({ force: true });
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
});

test('Ctrl+K opens the palette and it navigates', async ({ app }) => {
  const { page } = app;
  await app.open('/');
  await page.keyboard.press('Control+K');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await input.fill('inact');
  // The first result is preselected: Enter opens it.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/inactive$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Inactive' })).toBeVisible();
});

test('keyboard shortcuts move between sections', async ({ app }) => {
  const { page } = app;
  await app.open('/');
  await page.keyboard.press('Alt+2');
  await expect(page).toHaveURL(/\/users$/);
  await page.keyboard.press('Alt+7');
  await expect(page).toHaveURL(/\/settings$/);
});

test('the status bar shows the profile, a live connection and the sync state', async ({ app }) => {
  const { page } = app;
  await app.open('/');
  await expect(page.getByTestId('status-profile')).toContainText('Demo');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('sync-state')).toBeVisible();
});
