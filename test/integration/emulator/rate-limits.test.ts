/**
 * Documented limits hold under concurrent load. The clock is frozen (`now` option) so "within
 * one second" is exact and the test does not depend on machine speed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { WorkOS } from '@workos-inc/node';
import { call } from './support/http.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('rate limits', () => {
  it('4 requests per second per directory on /directory_users, even when 30 arrive at once', async () => {
    let now = 1_800_000_000_000;
    emu = await startEmulator({ seed: 'small', users: 5, directories: 2, now: () => now });
    const running = emu;
    const [a, b] = running.control.directories();
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(running.url, running.apiKey, 'GET', `/directory_users?directory=${i % 2 === 0 ? a?.id : b?.id}`),
      ),
    );
    const ok = burst.filter((r) => r.status === 200).length;
    const limited = burst.filter((r) => r.status === 429);
    expect(ok).toBe(8); // 4 per directory
    expect(limited).toHaveLength(22);
    for (const r of limited) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body).toMatchObject({ message: expect.stringContaining('Rate limit exceeded') });
    }
    const stats = running.control.stats();
    expect(stats.rateLimited.directory).toBe(22);
    // All 30 were in flight together, so none of them ignored a 429 they had seen.
    expect(stats.violations.directory).toBe(0);
    // 100 ms later the client has seen its 429s (Retry-After: 1); calling now is a violation.
    now += 100;
    expect((await call(running.url, running.apiKey, 'GET', `/directory_users?directory=${a?.id}`)).status).toBe(429);
    expect(running.control.stats().violations.directory).toBe(1);
    // Other routes are not under the per-directory rule.
    expect((await call(running.url, running.apiKey, 'GET', `/directory_groups?directory=${a?.id}`)).status).toBe(200);
    // After the window passes, the directory is open again and arriving then is no violation.
    now += 900;
    expect((await call(running.url, running.apiKey, 'GET', `/directory_users?directory=${a?.id}`)).status).toBe(200);
    expect(running.control.stats().violations.directory).toBe(1);
  });

  it('per-key limit (6,000 / 60 s, scaled by 0.01 → 60) across all routes', async () => {
    const now = 1_800_000_000_000;
    emu = await startEmulator({ seed: 'small', users: 3, rateLimitScale: 0.01, now: () => now });
    const running = emu;
    const results = await Promise.all(
      Array.from({ length: 80 }, () => call(running.url, running.apiKey, 'GET', '/directories')),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(20);
    expect(limited[0]?.headers.get('retry-after')).toBe('60');
    expect(running.control.stats().rateLimited.key).toBe(20);
  });

  it('scale 10 allows 40 per second per directory; scale 0 disables limiting', async () => {
    const now = 1_800_000_000_000;
    emu = await startEmulator({ seed: 'small', users: 3, directories: 1, rateLimitScale: 10, now: () => now });
    const running = emu;
    const dir = running.control.directories()[0]?.id;
    const results = await Promise.all(
      Array.from({ length: 45 }, () => call(running.url, running.apiKey, 'GET', `/directory_users?directory=${dir}`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(40);
    await running.close();
    emu = await startEmulator({ seed: 'small', users: 3, directories: 1, rateLimitScale: 0, now: () => now });
    const open = emu;
    const dir2 = open.control.directories()[0]?.id;
    const all = await Promise.all(
      Array.from({ length: 45 }, () => call(open.url, open.apiKey, 'GET', `/directory_users?directory=${dir2}`)),
    );
    expect(all.every((r) => r.status === 200)).toBe(true);
  });

  it('GET /directory_users/:id and ?group= count against the owning directory', async () => {
    const now = 1_800_000_000_000;
    emu = await startEmulator({ seed: 'small', users: 6, directories: 1, now: () => now });
    const truth = emu.control.truth();
    const user = truth.users[0];
    const group = truth.groups[0];
    await call(emu.url, emu.apiKey, 'GET', `/directory_users/${user?.id}`);
    await call(emu.url, emu.apiKey, 'GET', `/directory_users?group=${group?.id}`);
    await call(emu.url, emu.apiKey, 'GET', `/directory_users?directory=${user?.directory_id}`);
    await call(emu.url, emu.apiKey, 'GET', `/directory_users/${user?.id}`);
    expect((await call(emu.url, emu.apiKey, 'GET', `/directory_users?group=${group?.id}`)).status).toBe(429);
    expect(emu.control.stats().directoryUsersRequests[user?.directory_id ?? '']).toBe(5);
  });

  it('a client that honours Retry-After (the SDK with retries) gets everything and commits no violations', async () => {
    emu = await startEmulator({ seed: 'small', users: 5, directories: 1 });
    const dir = emu.control.directories()[0]?.id ?? '';
    const sdk = new WorkOS(emu.apiKey, { apiHostname: '127.0.0.1', port: emu.port, https: false, maxRetries: 3 });
    const pages = await Promise.all(
      Array.from({ length: 6 }, () => sdk.directorySync.listUsers({ directory: dir, limit: 1 })),
    );
    expect(pages).toHaveLength(6);
    const stats = emu.control.stats();
    expect(stats.rateLimited.directory).toBeGreaterThanOrEqual(2);
    expect(stats.violations.total).toBe(0);
  });

  it("the SDK's own autoPagination stays under the documented limits (no 429s)", async () => {
    emu = await startEmulator({ seed: 'small', users: 250, directories: 1 });
    const dir = emu.control.directories()[0];
    const sdk = new WorkOS(emu.apiKey, { apiHostname: '127.0.0.1', port: emu.port, https: false, maxRetries: 0 });
    const all = await (await sdk.directorySync.listUsers({ directory: dir?.id ?? '' })).autoPagination();
    expect(all).toHaveLength((dir?.metadata.users.active ?? 0) + (dir?.metadata.users.inactive ?? 0));
    expect(emu.control.stats().rateLimited.total).toBe(0);
  });
});
