import { describe, expect, it } from 'vitest';
import { detectAlerts } from '../../../src/renderer/src/alerts/detect.ts';

const d = (verdict: string, users: number, synced = true) => ({
  id: 'dir_1',
  name: 'Acme Okta',
  verdict,
  users,
  synced,
});

describe('alerts', () => {
  it('alerts on a health change, both ways', () => {
    expect(detectAlerts([d('healthy', 100)], [d('critical', 100)])).toMatchObject([
      { kind: 'health', title: 'Acme Okta: now critical' },
    ]);
    expect(detectAlerts([d('critical', 100)], [d('healthy', 100)])[0]!.title).toBe('Acme Okta: healthy again');
  });

  it('alarms when more than the set share of users is removed at once, not at or below it', () => {
    expect(detectAlerts([d('healthy', 100)], [d('healthy', 90)])).toEqual([]);
    expect(detectAlerts([d('healthy', 100)], [d('healthy', 89)])).toMatchObject([
      { kind: 'mass-deprovision', title: 'Acme Okta: 11 of 100 users removed' },
    ]);
    expect(detectAlerts([d('healthy', 100)], [d('healthy', 95)], 0.04)).toHaveLength(1);
    expect(detectAlerts([], [d('healthy', 0)])).toEqual([]);
  });

  it("says nothing while a directory's first full sync is under way", () => {
    expect(detectAlerts([d('warning', 0, false)], [d('healthy', 800)])).toEqual([]);
  });
});
