import { describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../../../src/main/sync/apply-event.ts';
import { EventPageReader, type FetchEventPage } from '../../../src/main/sync/event-page-reader.ts';
import type { Page } from '../../../src/main/workos/client.ts';

const ev = (n: number): IncomingEvent => ({
  id: `event_${String(n).padStart(4, '0')}`,
  event: 'x',
  data: {},
  created_at: '',
});

/** Pages of `size` over `total` events; each fetch waits for `release()` when gated. */
function fakeFeed(total: number, size: number, failAfter?: string) {
  const calls: (string | null)[] = [];
  const gates: (() => void)[] = [];
  let gated = false;
  const fetch: FetchEventPage = async (after): Promise<Page<IncomingEvent>> => {
    calls.push(after);
    if (gated) await new Promise<void>((r) => gates.push(r));
    if (failAfter !== undefined && after === failAfter) throw new Error('boom');
    const start = after === null ? 0 : Number(after.slice(6)) + 1;
    const data = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => ev(start + i));
    return { data, after: null };
  };
  return {
    fetch,
    calls,
    gate: () => (gated = true),
    releaseAll: () => gates.splice(0).forEach((r) => r()),
  };
}

/**
 * The fake fetches resolve without I/O, so the reader's chain advances on microtasks alone: one
 * macrotask turn lets it run until it blocks (queue full, gate, end).
 */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

async function drain(reader: EventPageReader, max: number): Promise<number[][]> {
  const batches: number[][] = [];
  for (;;) {
    const pages = await reader.take(max);
    if (pages.length === 0) return batches;
    batches.push(pages.map((p) => p.length));
  }
}

describe('reading event pages ahead', () => {
  it('hands out every page in order, several per batch when they are already there, ending at a short page', async () => {
    const feed = fakeFeed(250, 100);
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 1000);
    // Let the chain run ahead before taking anything.
    await settled();
    const seen: string[] = [];
    for (;;) {
      const pages = await reader.take(1000);
      if (pages.length === 0) break;
      for (const p of pages) seen.push(...p.map((e) => e.id));
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => ev(i).id));
    expect(feed.calls).toEqual([null, 'event_0099', 'event_0199']);
  });

  it('ends with an empty page when the last full page was the end', async () => {
    const feed = fakeFeed(200, 100);
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 1000);
    const batches = await drain(reader, 100);
    expect(batches.flat()).toEqual([100, 100, 0]);
  });

  it('never puts more than maxEvents in one batch (unless one page is larger)', async () => {
    const feed = fakeFeed(500, 100);
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 1000);
    await settled();
    const batches = await drain(reader, 200);
    for (const b of batches) expect(b.reduce((a, n) => a + n, 0)).toBeLessThanOrEqual(200);
    expect(batches.flat().reduce((a, n) => a + n, 0)).toBe(500);
  });

  it('stops fetching while maxQueuedEvents wait to be applied', async () => {
    const feed = fakeFeed(10_000, 100);
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 300);
    await settled();
    expect(feed.calls.length).toBe(3);
    await reader.take(100);
    await settled();
    expect(feed.calls.length).toBe(4);
    reader.stop();
  });

  it('throws a failed fetch only after the pages fetched before it were taken', async () => {
    const feed = fakeFeed(1000, 100, 'event_0199');
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 1000);
    const first = await reader.take(100);
    const second = await reader.take(100);
    expect([first[0]![0]!.id, second[0]![0]!.id]).toEqual(['event_0000', 'event_0100']);
    await expect(reader.take(100)).rejects.toThrow('boom');
  });

  it('gathers pages that arrive one by one into one batch of maxEvents', async () => {
    const feed = fakeFeed(1000, 100);
    feed.gate();
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 2000);
    // Each fetch is released a macrotask later, so pages trickle in while take() waits.
    const trickle = setInterval(feed.releaseAll, 1);
    try {
      const first = await reader.take(500, 60_000);
      expect(first.map((p) => p.length)).toEqual([100, 100, 100, 100, 100]);
      // Without gathering, the same trickle is taken as it comes: one page.
      expect((await reader.take(500)).map((p) => p.length)).toEqual([100]);
    } finally {
      clearInterval(trickle);
      reader.stop();
    }
  });

  it('gathers no longer than gatherMs when pages are slow', async () => {
    const feed = fakeFeed(1000, 100);
    feed.gate();
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 2000);
    feed.releaseAll(); // the first page arrives; the second fetch waits at the gate
    await settled();
    const pages = await reader.take(1000, 20);
    expect(pages.map((p) => p.length)).toEqual([100]);
    reader.stop();
    feed.releaseAll();
  });

  it('stops gathering at the end of the chain instead of waiting out gatherMs', async () => {
    const feed = fakeFeed(250, 100);
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 2000);
    // A 60 s gather would time the test out if the short page did not end it.
    const pages = await reader.take(1000, 60_000);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(await reader.take(1000, 60_000)).toEqual([]);
  });

  it('stops gathering when a fetch fails, and hands out what came before it', async () => {
    const feed = fakeFeed(1000, 100, 'event_0199');
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 2000);
    const pages = await reader.take(1000, 60_000);
    expect(pages.map((p) => p.length)).toEqual([100, 100]);
    await expect(reader.take(1000, 60_000)).rejects.toThrow('boom');
  });

  it('fetches nothing more once stopped', async () => {
    const feed = fakeFeed(10_000, 100);
    feed.gate();
    const reader = new EventPageReader(feed.fetch, { after: null, rangeStart: null }, 100, 1000);
    await settled();
    reader.stop();
    feed.releaseAll();
    await settled();
    expect(feed.calls).toEqual([null]);
  });
});
