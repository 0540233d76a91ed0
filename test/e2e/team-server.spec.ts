/**
 * A person opens the team server in a real browser, is sent to the company's IdP (a real
 * oidc-provider with its own login and consent pages), signs in, lands in the console with
 * their role, and signs out. The server is the real CLI (`dsync-console serve`) in a child process.
 */
import { expect, test } from '@playwright/test';
import { startTeamServerProcess, type TeamServerProcess } from './support/team-server-process.ts';

let server: TeamServerProcess;
let base: string;

test.beforeAll(async () => {
  server = await startTeamServerProcess(
    {
      alice: { email: 'alice@example.com', groups: ['dsync-admins'] },
      vera: { email: 'vera@example.com', groups: ['support'] },
    },
    { admin: ['dsync-admins'], viewer: ['support'] },
    { DSYNC_CONSOLE_NO_AUTOSYNC: '1' },
  );
  base = server.base;
});

test.afterAll(async () => {
  await server?.stop();
});

test('signs in through the IdP into the console, with the role from the groups claim, and signs out', async ({
  page,
}) => {
  await page.goto(new URL('/users', base).href);
  // The IdP's own login page.
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await page.locator('input[name="login"]').fill('vera');
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  // Back on the console, on the page asked for first.
  await expect(page).toHaveURL(new URL('/users', base).href);
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  // The status bar says where the data comes from and who is signed in.
  await expect(page.getByTestId('team-session')).toContainText(
    `Team server · ${new URL(base).origin} · signed in as vera@example.com (viewer)`,
  );
  const session = await page.evaluate(async () => (await fetch('/auth/session')).json());
  expect(session).toMatchObject({ email: 'vera@example.com', role: 'viewer' });
  // A viewer may read but not change profiles.
  const denied = await page.evaluate(async () => {
    const res = await fetch('/api/deleteProfile', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ profileId: 'demo' }),
    });
    return res.status;
  });
  expect(denied).toBe(403);
  const out = await page.evaluate(async () => {
    const res = await fetch('/auth/logout', { method: 'POST' });
    return { status: res.status, body: (await res.json()) as { endSessionUrl: string | null } };
  });
  expect(out.status).toBe(200);
  // The IdP's own session can be ended too (RP-initiated logout), at the URL the server gives.
  expect(out.body.endSessionUrl).toContain(server.idp.issuer);
  const after = await page.evaluate(async () => (await fetch('/auth/session')).status);
  expect(after).toBe(401);
});

async function signIn(page: import('@playwright/test').Page, login: string, path: string): Promise<void> {
  await page.goto(new URL(path, base).href);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
}

test('an admin reads the audit log in Settings, filters it and exports it as CSV', async ({ page }) => {
  await signIn(page, 'alice', '/settings');
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('alice@example.com (admin)');
  await expect(table).toContainText('sign_in');
  await page.getByTestId('audit-action').fill('sign_in_refused');
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('settings-audit')).toContainText('Nothing recorded for these filters');
  await page.getByTestId('audit-action').fill('');
  await page.getByTestId('audit-apply').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe('time,actor,role,client address,action,target,outcome,details');
  expect(csv).toContain('alice@example.com,admin');
});

test('a viewer sees no audit log', async ({ page }) => {
  await signIn(page, 'vera', '/settings');
  await expect(page.getByTestId('screen-settings')).toBeVisible();
  await expect(page.getByTestId('team-session')).toHaveAttribute('data-role', 'viewer');
  await expect(page.getByTestId('settings-audit')).toHaveCount(0);
});

test('an admin sees who is signed in and revokes a session', async ({ page }) => {
  await signIn(page, 'alice', '/settings');
  const row = page.getByTestId('session-row').filter({ hasText: 'alice@example.com (admin)' }).first();
  await expect(row).toContainText('browser');
  await row.getByTestId('session-revoke').click();
  // That was this browser's own session: the server now refuses it.
  await expect.poll(async () => page.evaluate(async () => (await fetch('/auth/session')).status)).toBe(401);
});
