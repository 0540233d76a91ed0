/**
 * Playwright fixtures: each test gets its own web console (the real CLI, `dsync-console web`,
 * in a child process) on a fresh data directory, and a page already signed in through the
 * one-time link. Tests wait on `data-app-state="loaded"`, never on sleeps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { spawnWebConsole } from '../../support/web-console-process.ts';

export interface ConsoleServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** The one-time launch link the CLI printed (already spent by `consolePage`). */
  launchUrl: string;
  port: number;
  dataDir: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

export async function startConsoleServer(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ConsoleServer & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsync-e2e-'));
  const { child, url, launchUrl, output } = await spawnWebConsole(dataDir, extraArgs, env);
  const port = Number(new URL(url).port);
  return {
    url,
    launchUrl,
    port,
    dataDir,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the launch link and waits until the app says it has loaded its first data. */
export async function openConsole(page: Page, server: ConsoleServer, path = '/'): Promise<void> {
  await page.goto(server.launchUrl);
  if (path !== '/') await page.goto(new URL(path, server.url).toString());
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible({ timeout: 30_000 });
}

export const test = base.extend<{ server: ConsoleServer; consolePage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  server: async ({}, use) => {
    const server = await startConsoleServer();
    await use(server);
    await server.stop();
  },
  consolePage: async ({ page, server }, use) => {
    await openConsole(page, server);
    await use(page);
  },
});

export { expect };
