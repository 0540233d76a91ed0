/**
 * Scenarios change the world and emit the right dsync.* events; /events filters, cursors and
 * retention behave as documented; the API always agrees with `control.truth()`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator, type WireEvent } from '../../../src/emulator/index.ts';
import { call } from './support/http.ts';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(now?: () => number): Promise<RunningEmulator> {
  emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: 'small',
    users: 40,
    directories: 1,
    rateLimitScale: 0,
    groupsPopulated: true,
    ...(now ? { now } : {}),
  });
  return emu;
}

function names(events: WireEvent[]): string[] {
  return events.map((e) => e.event);
}

describe('scenarios', () => {
  it('joiner: user created then added to groups; visible through the API', async () => {
    const e = await start();
    const step = e.control.step('joiner');
    expect(step.events[0]?.event).toBe('dsync.user.created');
    expect(names(step.events.slice(1)).every((n) => n === 'dsync.group.user_added')).toBe(true);
    expect(step.events.length).toBeGreaterThan(1);
    const user = step.events[0]?.data as { id: string; state: string };
    expect(user.state).toBe('active');
    const got = await call(e.url, e.apiKey, 'GET', `/directory_users/${user.id}`);
    expect(got.status).toBe(200);
    // Newest first: the joiner heads the default (desc) listing.
    const list = await call(
      e.url,
      e.apiKey,
      'GET',
      `/directory_users?directory=${e.control.directories()[0]?.id}&limit=1`,
    );
    expect((list.body as { data: { id: string }[] }).data[0]?.id).toBe(user.id);
  });

  it('mover: updated with previous_attributes inside data, department group swapped', async () => {
    const e = await start();
    const step = e.control.step('mover');
    const updated = step.events.find((x) => x.event === 'dsync.user.updated');
    const data = updated?.data as {
      custom_attributes: { department: string };
      previous_attributes: { custom_attributes: { department: string } };
    };
    expect(data.previous_attributes.custom_attributes.department).not.toBe(data.custom_attributes.department);
    const removed = step.events.find((x) => x.event === 'dsync.group.user_removed')?.data as
      { group: { name: string } } | undefined;
    const added = step.events.find((x) => x.event === 'dsync.group.user_added')?.data as
      { group: { name: string } } | undefined;
    if (removed) expect(removed.group.name).toBe(data.previous_attributes.custom_attributes.department);
    expect(added?.group.name).toBe(data.custom_attributes.department);
  });

  it('leaver: deactivated (state inactive, previous active) and then deleted', async () => {
    const e = await start();
    const step = e.control.step('leaver');
    const ns = names(step.events);
    expect(ns[0]).toBe('dsync.user.updated');
    expect(ns[ns.length - 1]).toBe('dsync.user.deleted');
    const first = step.events[0]?.data as { id: string; state: string; previous_attributes: { state: string } };
    expect(first.state).toBe('inactive');
    expect(first.previous_attributes.state).toBe('active');
    expect((await call(e.url, e.apiKey, 'GET', `/directory_users/${first.id}`)).status).toBe(404);
    expect(e.control.truth().users.some((u) => u.id === first.id)).toBe(false);
  });

  it('deactivate then reactivation; rename changes name and email', async () => {
    const e = await start();
    const off = e.control.step('deactivate').events[0]?.data as { id: string; state: string };
    expect(off.state).toBe('inactive');
    // Reactivation picks some inactive user; it must come back as active with previous inactive.
    const on = e.control.step('reactivation').events[0]?.data as {
      state: string;
      previous_attributes: { state: string };
    };
    expect(on.state).toBe('active');
    expect(on.previous_attributes.state).toBe('inactive');
    const renamed = e.control.step('rename').events[0]?.data as {
      last_name: string;
      previous_attributes: { last_name: string };
    };
    expect(renamed.previous_attributes.last_name).not.toBe(renamed.last_name);
  });

  it('email and idp_id filters follow renames and find joiners', async () => {
    const e = await start();
    const dir = e.control.directories()[0]?.id ?? '';
    const renamed = e.control.step('rename').events[0]?.data as {
      id: string;
      email: string | null;
      previous_attributes: { email?: string };
    };
    const joined = e.control.step('joiner').events[0]?.data as { id: string; idp_id: string };
    const ids = async (query: string): Promise<string[]> =>
      (
        (await call(e.url, e.apiKey, 'GET', `/directory_users?directory=${dir}&${query}`)).body as {
          data: { id: string }[];
        }
      ).data.map((u) => u.id);
    if (renamed.email !== null) {
      expect(await ids(`email=${encodeURIComponent(renamed.email.toUpperCase())}`)).toContain(renamed.id);
      if (renamed.previous_attributes.email) {
        expect(await ids(`email=${encodeURIComponent(renamed.previous_attributes.email)}`)).not.toContain(renamed.id);
      }
    }
    expect(await ids(`idp_id=${encodeURIComponent(joined.idp_id)}`)).toEqual([joined.id]);
  });

  it('group create / rename / delete', async () => {
    const e = await start();
    const created = e.control.step('group_create').events;
    expect(created[0]?.event).toBe('dsync.group.created');
    const renamed = e.control.step('group_rename').events[0];
    expect(renamed?.event).toBe('dsync.group.updated');
    expect((renamed?.data as { previous_attributes: { name: string } }).previous_attributes.name).toBeDefined();
    const deleted = e.control.step('group_delete').events[0];
    expect(deleted?.event).toBe('dsync.group.deleted');
    const id = (deleted?.data as { id: string }).id;
    expect((await call(e.url, e.apiKey, 'GET', `/directory_groups/${id}`)).status).toBe(404);
    expect(e.control.truth().memberships.some((m) => m.group_id === id)).toBe(false);
  });

  it('directory unlink / relink / delete', async () => {
    const e = await start();
    const dir = e.control.directories()[0]?.id ?? '';
    const unlinked = e.control.step('directory_unlink', { directoryId: dir }).events;
    expect(unlinked.map((x) => [x.event, (x.data as { state: string }).state])).toEqual([
      ['dsync.deactivated', 'inactive'],
    ]);
    expect((await call(e.url, e.apiKey, 'GET', `/directories/${dir}`)).body).toMatchObject({ state: 'unlinked' });
    // Unlinked directories do not change.
    expect(e.control.step('joiner').changes).toEqual([]);
    const relinked = e.control.step('directory_relink', { directoryId: dir }).events;
    expect(relinked.map((x) => [x.event, (x.data as { state: string }).state])).toEqual([
      ['dsync.activated', 'active'],
    ]);
    const gone = e.control.step('directory_delete', { directoryId: dir }).events;
    expect(gone.map((x) => x.event)).toEqual(['dsync.deleted']);
    expect((await call(e.url, e.apiKey, 'GET', `/directories/${dir}`)).status).toBe(404);
  });

  it('counts() agrees with truth() after every kind of change', async () => {
    const e = await start();
    for (const s of [
      'joiner',
      'leaver',
      'mover',
      'deactivate',
      'group_create',
      'group_delete',
      'membership_change',
      'bulk_reorg',
    ]) {
      e.control.step(s);
      const t = e.control.truth();
      expect(e.control.counts()).toEqual({
        directories: t.directories.length,
        users: t.users.length,
        activeUsers: t.users.filter((u) => u.state === 'active').length,
        inactiveUsers: t.users.filter((u) => u.state === 'inactive').length,
        groups: t.groups.length,
        memberships: t.memberships.length,
      });
    }
  });

  it('bulk reorg moves many people at once; truth and API agree afterwards', async () => {
    const e = await start();
    const step = e.control.step('bulk_reorg');
    expect(step.events.filter((x) => x.event === 'dsync.user.updated').length).toBeGreaterThanOrEqual(2);
    const truth = e.control.truth();
    const dir = truth.directories[0]?.id ?? '';
    const api = await call(e.url, e.apiKey, 'GET', `/directory_users?directory=${dir}&limit=100`);
    const apiUsers = (api.body as { data: { id: string }[] }).data;
    expect(apiUsers).toEqual([...truth.users].sort((a, b) => (a.id < b.id ? 1 : -1)));
  });

  it('a scenario on a clock keeps stepping (waits on emitted events, not time)', async () => {
    emu = await startEmulator({
      eventsHoldBackMs: 0,
      seed: 'small',
      users: 10,
      directories: 1,
      scenario: 'joiner',
      scenarioIntervalMs: 20,
    });
    const e = emu;
    const before = e.control.events().length;
    const steps: string[] = [];
    await new Promise<void>((resolve) => {
      const off = e.control.onStep((result) => {
        steps.push(result.scenario);
        if (steps.length === 3) {
          off();
          resolve();
        }
      });
    });
    e.control.stopClock();
    expect(steps).toEqual(['joiner', 'joiner', 'joiner']);
    expect(e.control.events().length).toBeGreaterThan(before + 3);
  });

  it('unknown scenario names are rejected with the list of known ones', async () => {
    const e = await start();
    expect(() => e.control.step('teleport')).toThrow(/Unknown scenario "teleport". Known: joiner/);
    await expect(startEmulator({ scenario: 'nope' })).rejects.toThrow(/Unknown scenario/);
  });
});

describe('/events', () => {
  it('accepts events as a,b / repeated / events[] and filters by name', async () => {
    const e = await start();
    e.control.step('joiner');
    e.control.step('leaver');
    const forms = [
      '/events?events=dsync.user.created,dsync.user.deleted&limit=100',
      '/events?events=dsync.user.created&events=dsync.user.deleted&limit=100',
      '/events?events[]=dsync.user.created&events[]=dsync.user.deleted&limit=100',
    ];
    const results = await Promise.all(forms.map((f) => call(e.url, e.apiKey, 'GET', f)));
    const ids = results.map((r) => (r.body as { data: WireEvent[] }).data.map((x) => x.id));
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    const kinds = new Set((results[0]?.body as { data: WireEvent[] }).data.map((x) => x.event));
    expect(kinds).toEqual(new Set(['dsync.user.created', 'dsync.user.deleted']));
  });

  it('oldest first whatever the order param; after cursor; range_start / range_end; organization_id', async () => {
    let now = Date.UTC(2026, 10, 1);
    const e = await start(() => now);
    const all =
      'events=dsync.user.created,dsync.user.updated,dsync.user.deleted,dsync.group.user_added,dsync.group.user_removed&limit=100';
    const t1 = now;
    e.control.step('joiner');
    now += 60_000;
    const t2 = now;
    e.control.step('joiner');
    const asc = await call(e.url, e.apiKey, 'GET', `/events?${all}&order=asc`);
    const desc = await call(e.url, e.apiKey, 'GET', `/events?${all}&order=desc`);
    const ascIds = (asc.body as { data: WireEvent[] }).data.map((x) => x.id);
    expect((desc.body as { data: WireEvent[] }).data.map((x) => x.id)).toEqual(ascIds);
    expect([...ascIds].sort()).toEqual(ascIds);
    const ranged = await call(e.url, e.apiKey, 'GET', `/events?${all}&range_start=${new Date(t2).toISOString()}`);
    const rangedEvents = (ranged.body as { data: WireEvent[] }).data;
    expect(rangedEvents.length).toBeGreaterThan(0);
    expect(rangedEvents.every((x) => Date.parse(x.created_at) >= t2)).toBe(true);
    const ended = await call(
      e.url,
      e.apiKey,
      'GET',
      `/events?${all}&range_start=${new Date(t1).toISOString()}&range_end=${new Date(t1).toISOString()}`,
    );
    expect((ended.body as { data: WireEvent[] }).data.every((x) => Date.parse(x.created_at) === t1)).toBe(true);
    const firstPage = await call(e.url, e.apiKey, 'GET', `/events?${all.replace('limit=100', 'limit=2')}`);
    const cursor = (firstPage.body as { list_metadata: { after: string } }).list_metadata.after;
    const next = await call(e.url, e.apiKey, 'GET', `/events?${all}&after=${cursor}`);
    expect((next.body as { data: WireEvent[] }).data[0]?.id).toBe(ascIds[2]);
    const org = e.control.directories()[0]?.organization_id;
    const other = await call(e.url, e.apiKey, 'GET', `/events?${all}&organization_id=org_01ARZ3NDEKTSV4RRFFQ69G5FAV`);
    expect((other.body as { data: unknown[] }).data).toEqual([]);
    const mine = await call(e.url, e.apiKey, 'GET', `/events?${all}&organization_id=${org}`);
    expect((mine.body as { data: unknown[] }).data).toHaveLength(ascIds.length);
  });

  it('keeps 30 days of events', async () => {
    let now = Date.UTC(2026, 10, 1);
    const e = await start(() => now);
    const q = '/events?events=dsync.user.created&limit=100';
    const before = (await call(e.url, e.apiKey, 'GET', q)).body as { data: unknown[] };
    e.control.step('joiner');
    const withNew = (await call(e.url, e.apiKey, 'GET', q)).body as { data: unknown[] };
    expect(withNew.data.length).toBe(before.data.length + 1);
    now += 31 * 24 * 60 * 60 * 1000;
    const later = (await call(e.url, e.apiKey, 'GET', q)).body as { data: unknown[]; list_metadata: { after: null } };
    expect(later.data).toEqual([]);
    expect(later.list_metadata.after).toBeNull();
  });
});
