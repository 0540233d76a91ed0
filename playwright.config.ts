/**
 * Playwright drives Debian's Chromium (/usr/bin/chromium) against the web console; it never
 * downloads browsers. The Electron suite (test/electron) has its own project and skips itself
 * where no Electron binary exists.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_IGNORE_DEFAULT_ARGS, chromiumExecutable } from './test/e2e/support/chromium';

export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['./test/support/skip-reporter.ts']],
  use: {
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [...CHROMIUM_ARGS],
      ignoreDefaultArgs: CHROMIUM_IGNORE_DEFAULT_ARGS,
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
