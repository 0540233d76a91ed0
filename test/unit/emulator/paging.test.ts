import { describe, expect, it } from 'vitest';
import { paginate, type ListOrder, type Sequence } from '../../../src/emulator/model/paging.ts';
import { createRng } from '../../../src/emulator/util/random.ts';

function sequence(ids: string[], dead: Set<number> = new Set()): Sequence<string> {
  return {
    length: ids.length,
    idAt: (k) => ids[k] as string,
    isLive: (k) => !dead.has(k),
    itemAt: (k) => ids[k] as string,
  };
}

const ids = Array.from({ length: 23 }, (_, i) => `u_${String(i).padStart(3, '0')}`);

describe('paginate', () => {
  it('desc (the default) starts at the newest, pages older with after, and ends with after = null', () => {
    const first = paginate(sequence(ids), { limit: 10, order: 'desc' });
    expect(first.data).toEqual(ids.slice(13).reverse());
    expect(first.before).toBeNull();
    expect(first.after).toBe('u_013');
    const second = paginate(sequence(ids), { limit: 10, order: 'desc', after: 'u_013' });
    expect(second.data).toEqual(ids.slice(3, 13).reverse());
    expect(second.before).toBe('u_012');
    const last = paginate(sequence(ids), { limit: 10, order: 'desc', after: 'u_003' });
    expect(last.data).toEqual(['u_002', 'u_001', 'u_000']);
    expect(last.after).toBeNull();
    expect(last.before).toBe('u_002');
  });

  it('asc pages forward with after and back with before', () => {
    const page = paginate(sequence(ids), { limit: 5, order: 'asc', after: 'u_004' });
    expect(page.data).toEqual(['u_005', 'u_006', 'u_007', 'u_008', 'u_009']);
    const back = paginate(sequence(ids), { limit: 5, order: 'asc', before: 'u_005' });
    expect(back.data).toEqual(['u_000', 'u_001', 'u_002', 'u_003', 'u_004']);
    expect(back.before).toBeNull();
    expect(back.after).toBe('u_004');
  });

  it('normal is descending with before → older and after → newer', () => {
    const first = paginate(sequence(ids), { limit: 10, order: 'normal' });
    expect(first.data[0]).toBe('u_022');
    expect(first.after).toBeNull();
    expect(first.before).toBe('u_013');
    const older = paginate(sequence(ids), { limit: 10, order: 'normal', before: 'u_013' });
    expect(older.data).toEqual(ids.slice(3, 13).reverse());
    const newer = paginate(sequence(ids), { limit: 10, order: 'normal', after: 'u_012' });
    expect(newer.data).toEqual(ids.slice(13).reverse());
    expect(newer.after).toBeNull();
  });

  it('a cursor that no longer exists (deleted record) still positions correctly', () => {
    const dead = new Set([5, 6, 7]);
    const page = paginate(sequence(ids, dead), { limit: 3, order: 'asc', after: 'u_006' });
    expect(page.data).toEqual(['u_008', 'u_009', 'u_010']);
    const between = paginate(sequence(ids), { limit: 2, order: 'asc', after: 'u_004x' });
    expect(between.data).toEqual(['u_005', 'u_006']);
  });

  it('empty lists have both cursors null', () => {
    expect(paginate(sequence([]), { limit: 10, order: 'desc' })).toEqual({ data: [], before: null, after: null });
  });

  it('random lists with tombstones: walking either way in any order visits every live id once', () => {
    const rng = createRng(42);
    for (let trial = 0; trial < 60; trial++) {
      const n = rng.int(40);
      const all = Array.from({ length: n }, (_, i) => `x_${String(i).padStart(3, '0')}`);
      const dead = new Set(all.map((_, i) => i).filter(() => rng.chance(0.3)));
      const live = all.filter((_, i) => !dead.has(i));
      const seq = sequence(all, dead);
      const limit = 1 + rng.int(6);
      for (const order of ['asc', 'desc', 'normal'] as ListOrder[]) {
        const expected = order === 'asc' ? live : [...live].reverse();
        const fwd = order === 'normal' ? 'before' : 'after';
        const bwd = order === 'normal' ? 'after' : 'before';
        const seen: string[] = [];
        let page = paginate(seq, { limit, order });
        seen.push(...page.data);
        while (page[fwd]) {
          page = paginate(seq, { limit, order, [fwd]: page[fwd] as string });
          seen.push(...page.data);
        }
        expect(seen).toEqual(expected);
        const back: string[] = [...page.data];
        while (page[bwd]) {
          page = paginate(seq, { limit, order, [bwd]: page[bwd] as string });
          back.unshift(...page.data);
        }
        expect(back).toEqual(expected);
      }
    }
  });
});
