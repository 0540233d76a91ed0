/** Directory health in words: sentences without raw enums, what to do, and how fresh the data really is. */
import { describe, expect, it } from 'vitest';
import { dataAsOf, judgeDirectory } from '../../../src/main/store/queries/directory-health.ts';
import type { DirectoryRow } from '../../../src/main/store/rows.ts';

const NOW = Date.parse('2026-12-05T12:00:00.000Z');

function row(over: Partial<DirectoryRow>): DirectoryRow {
  return {
    profile_id: 'p1',
    id: 'directory_01',
    organization_id: 'org_01',
    name: 'Acme Okta',
    type: 'okta scim v2.0',
    state: 'linked',
    domain: 'acme.test',
    external_key: null,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
    raw_json: '{}',
    first_seen_at: '2026-12-01T00:00:00.000Z',
    state_since: '2026-12-01T00:00:00.000Z',
    last_full_sync_at: '2026-12-05T11:59:00.000Z',
    last_full_sync_run_id: 'run_1',
    last_sync_status: 'succeeded',
    last_sync_error: null,
    membership_strategy: null,
    ...over,
  };
}

describe('directory health', () => {
  it('a broken directory whose sync just "succeeded" has data as of the moment it broke, not now', () => {
    const broken = row({ state: 'invalid_credentials', state_since: '2026-12-04T08:00:00.000Z' });
    expect(dataAsOf(broken)).toBe('2026-12-04T08:00:00.000Z');
    const health = judgeDirectory(broken, NOW);
    expect(health).toMatchObject({ verdict: 'critical', dataAsOf: '2026-12-04T08:00:00.000Z' });
    expect(health.reasons[0]).toBe(
      "The directory's credentials are no longer valid since 2026-12-04T08:00:00.000Z: WorkOS cannot read the identity provider, so no new data arrives.",
    );
    expect(health.advice[0]).toMatch(/^The customer's IT admin re-authorizes the directory in the WorkOS Admin Portal/);
  });

  it('a healthy directory has data as of its last successful full sync, and no advice', () => {
    expect(judgeDirectory(row({}), NOW)).toEqual({
      verdict: 'healthy',
      reasons: [],
      advice: [],
      dataAsOf: '2026-12-05T11:59:00.000Z',
    });
  });

  it('every state and failure reads as words with something to do, never a raw enum', () => {
    for (const state of ['invalid_credentials', 'unlinked', 'deleting', 'validating']) {
      const health = judgeDirectory(row({ state, last_sync_status: 'failed', last_sync_error: 'HTTP 500' }), NOW);
      expect(health.reasons.join(' ')).not.toMatch(/[a-z]+_[a-z]+/);
      expect(health.advice.length).toBeGreaterThanOrEqual(2);
    }
    const never = judgeDirectory(row({ last_full_sync_at: null, last_sync_status: null }), NOW);
    expect(never).toMatchObject({ verdict: 'warning', dataAsOf: null });
    expect(never.advice[0]).toMatch(/Sync now/);
  });
});
