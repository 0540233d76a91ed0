/** Each injected fault does what it says, set by option, by control and by the admin endpoint. */
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WorkOS } from '@workos-inc/node';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { call } from './support/http.ts';

let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator({ seed: 'small', users: 20, directories: 1, rateLimitScale: 0 });
  dir = emu.control.directories()[0]?.id ?? '';
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.control.setFaults(null);
  emu.control.resetStats();
});

/** Raw GET that reports how many chunks the body arrived in. */
function chunkedGet(path: string): Promise<{ status: number; chunks: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}${path}`, { headers: { Authorization: `Bearer ${emu.apiKey}` } }, (res) => {
      let chunks = 0;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        chunks++;
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, chunks, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('faults', () => {
  it('error=1 answers every API call with the chosen 5xx, admin routes untouched', async () => {
    emu.control.setFaults('error=1,status=503');
    const res = await call(emu.url, emu.apiKey, 'GET', '/directories');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect((await call(emu.url, emu.apiKey, 'GET', '/_emulator/health')).status).toBe(200);
    expect(emu.control.stats().faults.serverError).toBe(1);
  });

  it('reset=1 drops the connection before any response', async () => {
    emu.control.setFaults({ resetRate: 1 });
    await expect(
      fetch(`${emu.url}/directories`, { headers: { Authorization: `Bearer ${emu.apiKey}` } }),
    ).rejects.toThrow();
    expect(emu.control.stats().faults.reset).toBe(1);
  });

  it('burst=2 gives exactly two 429s with Retry-After, then normal service', async () => {
    let now = 1_800_000_000_000;
    const clocked = await startEmulator({ seed: 'small', users: 2, faults: 'burst=2,retry-after=3', now: () => now });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const r = await call(clocked.url, clocked.apiKey, 'GET', '/directories');
        statuses.push(r.status);
        if (r.status === 429) expect(r.headers.get('retry-after')).toBe('3');
        now += 1000;
      }
      expect(statuses).toEqual([429, 429, 200]);
      // The second and third came 1 s and 2 s after "Retry-After: 3": violations.
      expect(clocked.control.stats().violations.key).toBe(2);
    } finally {
      await clocked.close();
    }
  });

  it('malformed=1 cuts 2xx bodies short while still labelled JSON; the SDK fails to parse', async () => {
    emu.control.setFaults({ malformedRate: 1 });
    const res = await call(emu.url, emu.apiKey, 'GET', `/directory_users?directory=${dir}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(() => JSON.parse(res.text)).toThrow();
    const sdk = new WorkOS(emu.apiKey, { apiHostname: '127.0.0.1', port: emu.port, https: false, maxRetries: 0 });
    await expect(sdk.directorySync.listUsers({ directory: dir })).rejects.toThrow();
  });

  it('slow=1 trickles the body in many chunks, intact at the end', async () => {
    emu.control.setFaults('slow=1,slow-ms=200');
    const res = await chunkedGet(`/directory_users?directory=${dir}&limit=20`);
    expect(res.status).toBe(200);
    expect(res.chunks).toBeGreaterThan(3);
    expect((JSON.parse(res.body) as { data: unknown[] }).data).toHaveLength(20);
    expect(emu.control.stats().faults.slowBody).toBe(1);
  });

  it('latency is applied (counted) and paths limit where faults apply', async () => {
    emu.control.setFaults({ latencyMs: 5, jitterMs: 5, errorRate: 1, paths: ['/events'] });
    expect((await call(emu.url, emu.apiKey, 'GET', '/directories')).status).toBe(200);
    expect((await call(emu.url, emu.apiKey, 'GET', '/events?events=dsync.user.created')).status).toBe(500);
    expect(emu.control.stats().faults.delayed).toBe(1);
  });

  it('the admin endpoint sets, reads and clears faults; bad specs get a clear 400', async () => {
    const set = await call(emu.url, emu.apiKey, 'POST', '/_emulator/faults', { spec: 'error=1' });
    expect(set.body).toMatchObject({ errorRate: 1 });
    expect((await call(emu.url, emu.apiKey, 'GET', '/directories')).status).toBe(500);
    const bad = await call(emu.url, emu.apiKey, 'POST', '/_emulator/faults', { spec: 'explode=1' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: expect.stringContaining('Unknown fault "explode"') });
    await call(emu.url, emu.apiKey, 'DELETE', '/_emulator/faults');
    expect((await call(emu.url, emu.apiKey, 'GET', '/directories')).status).toBe(200);
  });

  it('faults given at start apply from the first request', async () => {
    const faulty = await startEmulator({ seed: 'small', users: 2, faults: 'error=1,status=502' });
    try {
      expect((await call(faulty.url, faulty.apiKey, 'GET', '/directories')).status).toBe(502);
    } finally {
      await faulty.close();
    }
  });
});
