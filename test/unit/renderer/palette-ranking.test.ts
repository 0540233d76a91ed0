import { describe, expect, it } from 'vitest';
import { matchScore, orderSections, rankByQuery } from '../../../src/renderer/src/palette/ranking.ts';

describe('palette ranking', () => {
  it('ranks exact, prefix, word prefix, substring', () => {
    const names = ['Wholesale', 'Sales Ops', 'Inside sales', 'Sales', 'Marketing'];
    expect(rankByQuery(names, 'sales', (n) => [n])).toEqual([
      'Sales',
      'Sales Ops',
      'Inside sales',
      'Wholesale',
      'Marketing',
    ]);
    expect(matchScore(['anna@acme.com'], 'acme')).toBeLessThan(matchScore(['Macmeadow'], 'acme'));
  });

  it('puts a directory or group that matches exactly or by prefix above users', () => {
    const sections = orderSections([
      { kind: 'users' as const, best: matchScore(['acme-admin@acme.com'], 'acme'), items: ['user'] },
      { kind: 'groups' as const, best: matchScore(['Engineering'], 'acme'), items: [] },
      { kind: 'directories' as const, best: matchScore(['Acme Okta'], 'acme'), items: ['dir'] },
    ]);
    expect(sections.map((s) => s.kind)).toEqual(['directories', 'users', 'groups']);
    const sales = orderSections([
      { kind: 'users' as const, best: matchScore(['Sales Person'], 'sales'), items: ['u'] },
      { kind: 'directories' as const, best: 4, items: [] },
      { kind: 'groups' as const, best: matchScore(['Sales'], 'sales'), items: ['g'] },
    ]);
    expect(sales[0]!.kind).toBe('groups');
  });
});
