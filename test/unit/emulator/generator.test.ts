import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../../src/emulator/model/build-world.ts';
import { resolveSeed } from '../../../src/emulator/model/seed-spec.ts';
import { readTruth } from '../../../src/emulator/truth.ts';

const NOW = Date.UTC(2026, 10, 23, 12);

function world(seed: Parameters<typeof resolveSeed>[0], overrides = {}, randomSeed = 1) {
  return buildWorld(resolveSeed(seed, overrides), { randomSeed, now: () => NOW, groupsPopulated: true }).world;
}

let big: ReturnType<typeof readTruth> | undefined;
/** One 3,000-person directory shared by the realism checks (built once). */
function bigTruth(): ReturnType<typeof readTruth> {
  big ??= readTruth(world('small', { users: 3000, directories: 1 }));
  return big;
}

describe('generated directories', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const a = readTruth(world('small', { users: 30 }));
    const b = readTruth(world('small', { users: 30 }));
    const c = readTruth(world('small', { users: 30 }, 2));
    expect(b).toEqual(a);
    expect(c.users.map((u) => u.id)).not.toEqual(a.users.map((u) => u.id));
  });

  it('ids follow creation time, so id order is creation order', () => {
    const truth = readTruth(world('small', { users: 200 }));
    for (const dir of truth.directories) {
      const users = truth.users.filter((u) => u.directory_id === dir.id);
      const byId = [...users].sort((x, y) => (x.id < y.id ? -1 : 1)).map((u) => u.created_at);
      expect(byId).toEqual([...byId].sort());
      for (const u of users) expect(u.id).toMatch(/^directory_user_[0-9A-HJKMNP-TV-Z]{26}$/);
    }
  });

  it('the demo seed has 4–6 organisations, mixed providers and states, ~20k users, hundreds of groups', () => {
    const w = world('demo');
    const dirs = w.directories().map((d) => d.toWire());
    expect(w.organizations.size).toBeGreaterThanOrEqual(4);
    expect(w.organizations.size).toBeLessThanOrEqual(6);
    expect(new Set(dirs.map((d) => d.type)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(dirs.map((d) => d.state))).toEqual(
      new Set(['linked', 'invalid_credentials', 'unlinked', 'validating']),
    );
    const users = dirs.reduce((s, d) => s + d.metadata.users.active + d.metadata.users.inactive, 0);
    expect(users).toBeGreaterThan(19_000);
    expect(users).toBeLessThan(21_000);
    const groups = dirs.reduce((s, d) => s + d.metadata.groups, 0);
    expect(groups).toBeGreaterThanOrEqual(200);
    expect(groups).toBeLessThan(1000);
    const recent = w.events.all();
    expect(recent.filter((e) => e.wire.event === 'dsync.user.deleted').length).toBeGreaterThan(0);
    expect(recent.filter((e) => e.wire.event === 'dsync.user.created').length).toBeGreaterThan(0);
  });

  it('people look real: international names, missing and duplicate emails, inactive users, custom attributes', () => {
    const truth = bigTruth();
    const users = truth.users;
    expect(users.some((u) => /[^\u0020-\u007e]/.test(u.name ?? ''))).toBe(true);
    expect(users.filter((u) => u.email === null).length).toBeGreaterThan(5);
    const emails = users.map((u) => u.email).filter((e): e is string => e !== null);
    expect(new Set(emails).size).toBeLessThan(emails.length);
    const inactive = users.filter((u) => u.state === 'inactive').length / users.length;
    expect(inactive).toBeGreaterThan(0.01);
    expect(inactive).toBeLessThan(0.06);
    for (const u of users.slice(0, 50)) {
      expect(Object.keys(u.custom_attributes)).toEqual(
        expect.arrayContaining(['department', 'job_title', 'manager', 'employee_type', 'cost_center', 'location']),
      );
      expect(u.role.slug).toMatch(/^(member|admin)$/);
    }
    expect(new Set(users.map((u) => u.custom_attributes.department)).size).toBeGreaterThan(5);
  });

  it('group sizes are skewed: a few huge groups, many small ones', () => {
    const truth = bigTruth();
    const sizes = new Map<string, number>();
    for (const m of truth.memberships) sizes.set(m.group_id, (sizes.get(m.group_id) ?? 0) + 1);
    const sorted = truth.groups.map((g) => sizes.get(g.id) ?? 0).sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(sorted[0]).toBeGreaterThan(2500);
    expect(median * 10).toBeLessThan(sorted[0] ?? 0);
  });

  it('a JSON seed file sets organisations, providers, states, sizes and rates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-seed-'));
    try {
      const file = join(dir, 'seed.json');
      writeFileSync(
        file,
        JSON.stringify({
          organizations: [
            {
              name: 'Seeded Co',
              domain: 'seeded.example',
              directories: [
                { name: 'HR feed', type: 'personio', state: 'validating', users: 50, groups: 4, inactive_rate: 1 },
              ],
            },
          ],
          history: { steps: 0, days: 0 },
        }),
      );
      const truth = readTruth(world(file));
      expect(truth.organizations.map((o) => o.name)).toEqual(['Seeded Co']);
      expect(truth.directories.map((d) => [d.name, d.type, d.state, d.domain])).toEqual([
        ['HR feed', 'personio', 'validating', 'seeded.example'],
      ]);
      expect(truth.users).toHaveLength(50);
      expect(truth.users.every((u) => u.state === 'inactive')).toBe(true);
      expect(truth.groups).toHaveLength(4);
      writeFileSync(file, '{ not json');
      expect(() => resolveSeed(file, {})).toThrow(/is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a seed file that is malformed names the bad field', () => {
    expect(() => resolveSeed({ organizations: [{ name: 'X', directories: [{ users: -1 }] }] } as never, {})).toThrow(
      /organizations\.0\.directories\.0\.users/,
    );
    expect(() => resolveSeed('/nonexistent/seed.json', {})).toThrow(/Cannot read seed file/);
  });
});
