/**
 * Emulator at scale: startup time and memory for one 1,000,000-user directory, then per-page
 * latency of cursor pagination deep into the list. Not a test; prints figures.
 *
 *   node --import tsx bench/emulator-scale.ts [users=1000000]
 */
import { startEmulator } from '../src/emulator/index.ts';

const users = Number(process.argv[2] ?? 1_000_000);
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const emu = await startEmulator({ seed: 'large', users, rateLimitScale: 0 });
const startupMs = performance.now() - t0;
globalThis.gc?.();
const mem = process.memoryUsage();
console.log(`users: ${users.toLocaleString('en-US')}`);
console.log(`startup: ${(startupMs / 1000).toFixed(2)} s`);
console.log(
  `rss: ${mb(mem.rss)} (before start ${mb(rssBefore)}), heap used: ${mb(mem.heapUsed)}, external+arrays: ${mb(mem.external + mem.arrayBuffers)}`,
);

const dir = emu.control.directories()[0];
if (!dir) throw new Error('no directory');
const headers = { Authorization: `Bearer ${emu.apiKey}` };

async function page(query: string): Promise<{ ms: number; after: string | null; count: number }> {
  const t = performance.now();
  const res = await fetch(`${emu.url}/directory_users?directory=${dir?.id}&limit=100&${query}`, { headers });
  const body = (await res.json()) as { data: unknown[]; list_metadata: { after: string | null } };
  return { ms: performance.now() - t, after: body.list_metadata.after, count: body.data.length };
}

// Walk 200 pages from the start, then jump deep (cursor near the end) and page again.
const times: number[] = [];
let after: string | null = null;
for (let i = 0; i < 200; i++) {
  const r: { ms: number; after: string | null } = await page(after ? `after=${after}` : '');
  times.push(r.ms);
  after = r.after;
}
times.sort((a, b) => a - b);
const pct = (p: number): string => (times[Math.floor((times.length - 1) * p)] ?? 0).toFixed(2);
console.log(`page of 100 (first 200 pages): p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`);

const asc = await fetch(`${emu.url}/directory_users?directory=${dir.id}&limit=1&order=asc`, { headers });
const oldest = ((await asc.json()) as { data: { id: string }[] }).data[0]?.id ?? '';
const deep: number[] = [];
for (let i = 0; i < 50; i++) deep.push((await page(`order=asc&after=${oldest}`)).ms);
deep.sort((a, b) => a - b);
console.log(`page of 100 from a cursor at the far end: p50 ${(deep[25] ?? 0).toFixed(2)} ms`);

// Members of the biggest group ("All Employees", ~97% of users) and one user's groups.
const groups = await fetch(`${emu.url}/directory_groups?directory=${dir.id}&limit=1&order=asc`, { headers });
const everyone = ((await groups.json()) as { data: { id: string }[] }).data[0]?.id ?? '';
const groupTimes: number[] = [];
let groupAfter: string | null = null;
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  const res = await fetch(
    `${emu.url}/directory_users?group=${everyone}&limit=100${groupAfter ? `&after=${groupAfter}` : ''}`,
    { headers },
  );
  groupAfter = ((await res.json()) as { list_metadata: { after: string | null } }).list_metadata.after;
  groupTimes.push(performance.now() - t);
}
groupTimes.sort((a, b) => a - b);
console.log(`page of 100 members of the largest group: p50 ${(groupTimes[25] ?? 0).toFixed(2)} ms`);

const pagesPerSecond = 4;
console.log(
  `full walk at the documented 4 req/s per directory: ${Math.ceil(users / 100 / pagesPerSecond / 60)} min; emulator time per page ≈ ${pct(0.5)} ms, so the rate limit (250 ms/page) dominates`,
);
await emu.close();
