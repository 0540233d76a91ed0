import { describe, expect, it } from 'vitest';
import { SendWindow } from '../../../src/main/workos/send-window.ts';

describe('send window', () => {
  it('is full once `limit` requests went out within the span', () => {
    const w = new SendWindow(4, 1000, true);
    for (const t of [0, 100, 200, 300]) w.arrived(w.record(t), t + 40);
    expect(w.fullUntil(500)).toBe(1000);
    expect(w.fullUntil(1000)).toBe(0);
  });

  it('counts a request held up by a stall as arriving when it could have, not when it was granted', () => {
    const w = new SendWindow(4, 1000, true);
    // Usual round trip 40 ms.
    for (const t of [0, 100, 200]) w.arrived(w.record(t), t + 40);
    // Granted at 300, but the event loop stalled: its response came at 640, so it reached the
    // server around 600, not 300.
    const late = w.record(300);
    w.arrived(late, 640);
    // By grant times the window [300, 1300) would reopen at 1000; by arrivals at 1000 for the
    // first (granted 0) — the late one matters once the first three have left the window.
    expect(w.fullUntil(1000)).toBe(0);
    w.arrived(w.record(1000), 1040);
    w.arrived(w.record(1100), 1140);
    w.arrived(w.record(1200), 1240);
    // Now the oldest in the ring is the late one: it arrived ~600, so the window reopens at 1600, not 1300.
    const reopens = w.fullUntil(1300);
    expect(reopens).toBeGreaterThan(1590);
    expect(reopens).toBeLessThanOrEqual(1600);
  });

  it('judges the first, slow round trips by the usual round trip learned after them', () => {
    const w = new SendWindow(4, 1000, true);
    // The first request (new connection, server warming up) comes back 220 ms after its grant:
    // by that round trip alone it seems to have arrived at its grant time, 0.
    w.arrived(w.record(0), 220);
    // The next ones show the usual round trip is 20 ms: the first reached the server near 200.
    for (const t of [260, 520, 780]) w.arrived(w.record(t), t + 20);
    const reopens = w.fullUntil(1000);
    expect(reopens).toBeGreaterThanOrEqual(1190);
    expect(reopens).toBeLessThanOrEqual(1200);
  });

  it('treats a request still in flight as possibly arriving late, up to the skew cap', () => {
    const w = new SendWindow(2, 1000, true, 500);
    w.arrived(w.record(0), 40);
    w.record(10); // never comes back
    w.arrived(w.record(1100), 1140);
    // The in-flight one (granted at 10) may arrive as late as 510.
    expect(w.fullUntil(1200)).toBe(1510);
  });

  it('uses grant times only when arrivals are not tracked (large windows)', () => {
    const w = new SendWindow(2, 1000, false);
    w.record(0);
    w.arrived(w.record(10), 900);
    expect(w.fullUntil(500)).toBe(1000);
  });
});
