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
      // Specs compare screens with the Demo's whole data: hand the console over once its first
      // sync has finished (the first spec of a run, alone or first in line, otherwise races it).
      await expect
        .poll(
          async () =>
            (await callApi<{ lastSyncAt: string | null }>(login, 'getHealthSummary', { profileId: 'demo' })).lastSyncAt,
          {
            timeout: 60_000,
          },
        )
        .not.toBeNull();
      const cookies = await context.cookies();
      await context.close();
      await use({ server, cookies });
      await server.stop();
    },
    // Starting the console and waiting for its first sync can take longer than a test may.
    { scope: 'worker', timeout: 120_000 },
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

/**
 * Calls the console's API from inside the page (same origin, same session cookie), so a test
 * can compare what the screen shows with what the core answers.
 */
export async function callApi<T>(page: Page, method: string, input?: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ([m, body]) => {
      const response = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? '' : JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [method, input] as const,
  );
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error?.message}`);
  return envelope.value as T;
}
