/**
 * The Electron shell itself. Runs only where an Electron binary exists; elsewhere (offline
 * machines, where its first-use download fails) every test reports skipped with the reason.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { locateElectron } from '../../scripts/electron-binary.mjs';
import { electronNativeBinding } from '../../scripts/electron-native.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = locateElectron(root);

const skipReason = binary.ok
  ? ''
  : `Electron suite skipped: Electron is not available on this machine (${binary.reason}).`;
test.skip(!binary.ok, skipReason);

let app: ElectronApplication;

test.beforeAll(async () => {
  if (!binary.ok) return;
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    cwd: root,
  });
  expect(build.status).toBe(0);
  app = await electron.launch({
    executablePath: binary.path,
    args: ['.'],
    cwd: root,
    env: { ...process.env, DSYNC_SQLITE_NATIVE_BINDING: electronNativeBinding(root) },
  });
});

test.afterAll(async () => {
  await app?.close();
});

test('the window loads the console from app:// with a hardened renderer', async () => {
  const page = await app.firstWindow();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/renderer\//);
  const exposed = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((globalThis as unknown as { dsync: object }).dsync).sort(),
  }));
  expect(exposed.require).toBe('undefined');
  expect(exposed.process).toBe('undefined');
  expect(exposed.bridge).toContain('getAppInfo');
});

test('navigation away and new windows are blocked', async () => {
  const page = await app.firstWindow();
  type Win = { location: { href: string }; open(url: string): unknown };
  await page.evaluate(() => {
    (globalThis as unknown as Win).location.href = 'https://example.com/';
  });
  await page.evaluate(() => (globalThis as unknown as Win).open('https://example.com/'));
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toMatch(/^app:\/\/renderer\//);
});
