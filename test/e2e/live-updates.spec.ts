/**
 * Screens follow the cache without a reload: a sync that runs while a screen is open fills it,
 * and the status bar says when it finished. The console starts with automatic sync off, so the
 * screen is certainly open (and empty) before the sync begins.
 */
import { expect, test as base } from '@playwright/test';
import { openConsole, startConsoleServer, type ConsoleServer } from './support/console';
import { callApi } from './support/shared-console';

const test = base.extend<{ quietServer: ConsoleServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  quietServer: async ({}, use) => {
    const server = await startConsoleServer([], { DSYNC_CONSOLE_NO_AUTOSYNC: '1' });
    await use(server);
    await server.stop();
  },
});

test.use({ viewport: { width: 1440, height: 900 } });

test('a sync started while Groups is open fills it and the status bar, without a reload', async ({
  page,
  quietServer,
}) => {
  await openConsole(page, quietServer, '/groups');
  await expect(page.getByText('No groups cached yet')).toBeVisible();
  await expect(page.getByTestId('sync-state')).toContainText('Not synced yet');
  await expect(page.getByTestId('status-counts')).toContainText(/\b0 users/);
  // A mark on this document: a reload would start a new one without it.
  await page.evaluate(() => Object.assign(window, { __beforeSync: true }));

  await callApi(page, 'startSync', { profileId: 'demo' });

  await expect(page.getByTestId('group-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sync-state')).toContainText('Synced', { timeout: 30_000 });
  await expect(page.getByTestId('status-counts')).not.toContainText(/\b0 users/);
  expect(await page.evaluate(() => (window as unknown as { __beforeSync?: boolean }).__beforeSync)).toBe(true);
});
