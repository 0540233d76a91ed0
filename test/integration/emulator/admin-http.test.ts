/** The admin endpoint gives out-of-process users the same control as the in-process API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type Truth } from '../../../src/emulator/index.ts';
import { call } from './support/http.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: 'small', users: 15, directories: 2 });
});
afterAll(async () => {
  await emu.close();
});

describe('/_emulator admin API', () => {
  it('lists scenarios and steps one, returning changes and events', async () => {
    const list = await call(emu.url, emu.apiKey, 'GET', '/_emulator/scenarios');
    expect((list.body as { scenarios: string[] }).scenarios).toEqual(
      expect.arrayContaining(['joiner', 'leaver', 'bulk_reorg', 'mixed', 'demo']),
    );
    const dir = emu.control.directories()[1]?.id;
    const step = await call(emu.url, emu.apiKey, 'POST', '/_emulator/step', { scenario: 'joiner', directory_id: dir });
    expect(step.status).toBe(200);
    const body = step.body as { scenario: string; changes: { directoryId: string }[]; events: { event: string }[] };
    expect(body.scenario).toBe('joiner');
    expect(body.changes.every((c) => c.directoryId === dir)).toBe(true);
    expect(body.events[0]?.event).toBe('dsync.user.created');
    const bad = await call(emu.url, emu.apiKey, 'POST', '/_emulator/step', { scenario: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: expect.stringContaining('Unknown scenario') });
  });

  it('reads truth (whole or one directory) that matches the in-process view', async () => {
    const all = (await call(emu.url, emu.apiKey, 'GET', '/_emulator/truth')).body as Truth;
    expect(all).toEqual(emu.control.truth());
    const dir = all.directories[0]?.id ?? '';
    const one = (await call(emu.url, emu.apiKey, 'GET', `/_emulator/truth?directory=${dir}`)).body as Truth;
    expect(one.directories.map((d) => d.id)).toEqual([dir]);
    expect(one.users.every((u) => u.directory_id === dir)).toBe(true);
    const counts = (await call(emu.url, emu.apiKey, 'GET', `/_emulator/counts?directory=${dir}`)).body as {
      users: number;
    };
    expect(counts.users).toBe(one.users.length);
  });

  it('reports and resets stats; admin calls are not counted as API traffic', async () => {
    await call(emu.url, emu.apiKey, 'DELETE', '/_emulator/stats');
    await call(emu.url, emu.apiKey, 'GET', '/directories');
    await call(emu.url, emu.apiKey, 'GET', '/directories');
    const stats = (await call(emu.url, emu.apiKey, 'GET', '/_emulator/stats')).body as {
      requests: number;
      byEndpoint: Record<string, number>;
    };
    expect(stats.requests).toBe(2);
    expect(stats.byEndpoint).toEqual({ 'GET /directories': 2 });
  });

  it('bad admin input gets a 400 naming the problem, and nothing changes', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['/_emulator/webhooks', { url: 'ftp://example.com/hook' }, /http\(s\)/],
      ['/_emulator/webhooks', { url: 'not a url' }, /Invalid URL/],
      ['/_emulator/webhooks', { delivery: { maxAttempts: 0 } }, /maxAttempts/],
      ['/_emulator/step', { scenario: 'joiner', directory_id: 'directory_nope' }, /Unknown directory/],
      ['/_emulator/faults', { latencyMs: 'slow' }, /latencyMs/],
      ['/_emulator/clock', { scenario: 'joiner', interval_ms: 1 }, /at least 10 ms/],
    ];
    for (const [path, body, message] of cases) {
      const res = await call(emu.url, emu.apiKey, 'POST', path, body);
      expect(res.status, path).toBe(400);
      expect((res.body as { message: string }).message).toMatch(message);
    }
    expect(emu.control.webhooks.endpoints()).toEqual([]);
  });

  it('bad start options are rejected with a clear message', async () => {
    await expect(startEmulator({ users: -5 })).rejects.toThrow(
      /Invalid small preset \(check users\/directories\) at organizations\.0\.directories\.0\.users/,
    );
    await expect(startEmulator({ faults: 'error=7' })).rejects.toThrow(/errorRate/);
  });

  it('unknown admin paths are 404 JSON', async () => {
    const res = await call(emu.url, emu.apiKey, 'GET', '/_emulator/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: expect.any(String) });
  });
});
