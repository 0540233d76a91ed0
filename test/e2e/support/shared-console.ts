/**
 * One web console per Playwright worker for read-mostly screen specs: started once, signed in
 * once, and each test gets a fresh browser context carrying the session cookie. Starting and
 * stopping a console per test costs seconds each; specs that need a pristine data directory
 * use `./console` instead.
 */
import { test as base, expect, type Cookie, type Page } from '@playwright/test';
import { startConsoleServer, type ConsoleServer } from './console';

interface SharedConsole {
  server: ConsoleServer;
  cookies: Cookie[];
}

export interface AppPage {
  page: Page;
  server: ConsoleServer;
  /** Navigates to an in-app path and waits until the app reports it has loaded. */
  open(path: string): Promise<void>;
}

export const test = base.extend<{ app: AppPage }, { sharedConsole: SharedConsole }>({
  sharedConsole: [
    async ({ browser }, use) => {
      const server = await startConsoleServer();
      const context = await browser.newContext();
      const login = await context.newPage();
      await login.goto(server.launchUrl);
      const cookies = await context.cookies();
      await context.close();
      await use({ server, cookies });
      await server.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, sharedConsole }, use) => {
    await page.context().addCookies(sharedConsole.cookies);
    const open = async (path: string): Promise<void> => {
      await page.goto(new URL(path, sharedConsole.server.url).toString());
      await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
    };
    await use({ page, server: sharedConsole.server, open });
  },
});

export { expect };
