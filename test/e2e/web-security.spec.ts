/** The web console's front door: token exchange, Host and Origin checks, as a browser sees them. */
import { request as httpRequest } from 'node:http';
import { expect, openConsole, test } from './support/console';

function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('without the one-time token the console refuses and explains how to get in', async ({ page, server }) => {
  const response = await page.goto(server.url);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'This console link is not valid' })).toBeVisible();
});

test('the token works once and is then exchanged for an HttpOnly SameSite=Strict cookie', async ({
  page,
  browser,
  server,
}) => {
  await openConsole(page, server);
  expect(new URL(page.url()).search).toBe(''); // the token does not linger in the address bar
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'dsync_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');

  const other = await browser.newContext();
  const replay = await (await other.newPage()).goto(server.launchUrl);
  expect(replay?.status()).toBe(401);
  await other.close();
});

test('a forged Host header is refused (DNS rebinding)', async ({ server }) => {
  expect(await rawGet(server.port, '/', { Host: `attacker.example:${server.port}` })).toBe(403);
  expect(await rawGet(server.port, '/', { Host: `127.0.0.1:${server.port}` })).toBe(401);
});

test('a cross-origin API call from a signed-in browser is refused (CSRF)', async ({ page, server }) => {
  await openConsole(page, server);
  const sameOrigin = await page.evaluate(async () => {
    const r = await fetch('/api/getAppInfo', { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    return r.status;
  });
  expect(sameOrigin).toBe(200);
  const forged = await page.request.post(`${server.url}api/getAppInfo`, {
    headers: { 'Content-Type': 'application/json', Origin: 'http://attacker.example' },
  });
  expect(forged.status()).toBe(403);
});
