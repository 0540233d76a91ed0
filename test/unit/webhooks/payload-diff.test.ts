import { describe, expect, it } from 'vitest';
import { diffPayloads } from '../../../src/main/webhooks/payload-diff.ts';

describe('diffPayloads', () => {
  it('lists added, removed, changed and type-changed fields with paths', () => {
    const a = JSON.stringify({
      id: 'e1',
      data: { email: 'a@x', emails: [{ value: 'a@x' }], role: { slug: 'member' }, gone: 1 },
    });
    const b = JSON.stringify({
      id: 'e1',
      data: { email: 'b@x', emails: [{ value: 'a@x' }, { value: 'b@x' }], role: 'admin', 'odd key': true },
    });
    const d = diffPayloads(a, b);
    expect(d.equal).toBe(false);
    expect(d.entries).toEqual([
      { path: 'data.email', kind: 'changed', before: '"a@x"', after: '"b@x"' },
      { path: 'data.emails[1]', kind: 'added', before: null, after: '{"value":"b@x"}' },
      { path: 'data.role', kind: 'type_changed', before: '{"slug":"member"}', after: '"admin"' },
      { path: 'data.gone', kind: 'removed', before: '1', after: null },
      { path: 'data["odd key"]', kind: 'added', before: null, after: 'true' },
    ]);
  });

  it('tells equal values with different bytes from equal bytes', () => {
    expect(diffPayloads('{"a":1,"b":2}', '{ "b": 2, "a": 1 }')).toMatchObject({
      equal: false,
      sameValueDifferentBytes: true,
      entries: [],
    });
    expect(diffPayloads('{"a":1}', '{"a":1}')).toMatchObject({ equal: true, sameValueDifferentBytes: false });
  });

  it('reports which side is not JSON', () => {
    const d = diffPayloads('{', '{}');
    expect(d.aError).toMatch(/A is not JSON/);
    expect(d.bError).toBeNull();
  });

  it('caps very large diffs', () => {
    const a = JSON.stringify(Array.from({ length: 5000 }, (_, i) => i));
    const b = JSON.stringify(Array.from({ length: 5000 }, (_, i) => i + 1));
    const d = diffPayloads(a, b);
    expect(d.truncated).toBe(true);
    expect(d.entries.length).toBe(1000);
  });
});
