import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../../src/main/sync/pool.ts';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('WorkQueue room for a producer', () => {
  it('resolves once the waiting items drain to the mark, and processes everything', async () => {
    const done: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new WorkQueue<number>(1, async (n) => {
      await gate;
      done.push(n);
    });
    queue.push(1, 2, 3, 4, 5);
    let roomy = false;
    const room = queue.whenPendingAtMost(1).then(() => (roomy = true));
    await tick();
    expect(roomy).toBe(false);
    expect(queue.pending).toBe(4);
    release();
    await room;
    expect(queue.pending).toBeLessThanOrEqual(1);
    await queue.finish();
    expect(done).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not leave a producer waiting when a worker fails', async () => {
    const queue = new WorkQueue<number>(1, async (n) => {
      await tick();
      if (n === 1) throw new Error('boom');
    });
    queue.push(1, 2, 3);
    await queue.whenPendingAtMost(0);
    expect(queue.failed).toBe(true);
    await expect(queue.finish()).rejects.toThrow('boom');
  });
});
