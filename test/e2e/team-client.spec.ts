/**
 * The local web console as a client of a team server: add a "Team server" profile, sign in
 * through the server's IdP in a browser window, and read the server's users, with the status
 * bar naming the source, the viewer's role limiting what can be pressed, and neither a WorkOS
 * key nor a sync on this machine. Both consoles are the real CLI in child processes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { openConsole, startConsoleServer } from './support/console.ts';
import { startTeamServerProcess, type TeamServerProcess } from './support/team-server-process.ts';

let team: TeamServerProcess;
let local: Awaited<ReturnType<typeof startConsoleServer>>;

test.beforeAll(async () => {
  // The server syncs its Demo profile at once; the local console syncs nothing by itself.
  team = await startTeamServerProcess(
    { vera: { email: 'vera@example.com', groups: ['support'] } },
    { admin: ['dsync-admins'], viewer: ['support'] },
  );
  local = await startConsoleServer([], { DSYNC_CONSOLE_NO_AUTOSYNC: '1' });
});

test.afterAll(async () => {
  await local?.stop();
  await team?.stop();
});

test('adds a team server, signs in through its IdP, and reads its users with no key or sync here', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const server = new URL(team.base).origin;
  await openConsole(page, local, '/settings');
  await page.getByTestId('team-server-name').fill('Team');
  await page.getByTestId('team-server-url').fill(server);
  await page.getByTestId('add-team-server').click();
  const row = page.getByTestId('team-server-row');
  await expect(row).toContainText(server);
  await row.getByTestId('profile-activate').click();

  // Not signed in yet: the banner says why nothing shows, and opens the server's sign-in.
  await expect(page.getByTestId('team-sign-in')).toContainText(server);
  const popup = context.waitForEvent('page');
  await page.getByTestId('team-sign-in-button').click();
  const signIn = await popup;
  await signIn.locator('input[name="login"]').fill('vera');
  await signIn.locator('input[name="password"]').fill('any password');
  await signIn.getByRole('button', { name: 'Sign-in' }).click();
  await signIn.getByRole('button', { name: 'Continue' }).click();
  // The team server asks before handing this computer a session of its own.
  await expect(signIn.getByRole('heading', { name: 'Connect a console to this team server?' })).toBeVisible();
  await expect(signIn.locator('body')).toContainText('vera@example.com');
  await signIn.getByRole('button', { name: 'Connect' }).click();
  await expect(signIn.getByRole('heading', { name: 'Connected' })).toBeVisible();
  await signIn.close();

  // The console picks the session up by itself: the banner goes, the status bar names the source.
  await expect(page.getByTestId('team-sign-in')).toHaveCount(0);
  const source = page.getByTestId('team-session');
  await expect(source).toHaveAttribute('data-mode', 'connected');
  await expect(source).toContainText(`Team server · ${server} · signed in as vera@example.com (viewer)`);
  await expect(page.getByTestId('team-server-state')).toContainText('vera@example.com (viewer)');

  // The server's users (its Demo sync may still be running: rows arrive through relayed events).
  await page.goto(new URL('/users', local.url).href);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('user-row').first()).toBeVisible({ timeout: 60_000 });

  // A viewer cannot start a sync: the button is disabled and says which role it needs.
  await page.goto(new URL('/directories', local.url).href);
  await expect(page.getByTestId('sync-now')).toBeDisabled();
  await page.getByTestId('denied-startSync').first().hover();
  await expect(page.getByRole('tooltip')).toContainText('Needs the operator role on the team server');

  // Nothing of the server's is kept here: only the session token, and no sync ever ran.
  expect(readdirSync(join(local.dataDir, 'keys'))).toEqual([expect.stringMatching(/^team_[a-f0-9]{16}\.key$/)]);
  const cache = new Database(join(local.dataDir, 'cache.sqlite'), { readonly: true, fileMustExist: true });
  try {
    expect(cache.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    expect(cache.prepare('SELECT count(*) AS n FROM sync_runs').get()).toEqual({ n: 0 });
  } finally {
    cache.close();
  }
});
