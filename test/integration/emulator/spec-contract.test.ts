/**
 * Every route's success and error responses validate against the official OpenAPI spec, and
 * carry `Content-Type: application/json` and `X-Request-ID` (docs/workos-api.md §7).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { call, type RawResponse } from './support/http.ts';
import { specErrors } from './support/openapi.ts';

let emu: RunningEmulator;
let directoryId: string;
let organizationId: string;
let userId: string;
let groupId: string;

const MISSING_USER = 'directory_user_01ARZ3NDEKTSV4RRFFQ69G5FAV';

beforeAll(async () => {
  emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: 'small',
    users: 25,
    rateLimitScale: 0,
    groupsPopulated: true,
    randomSeed: 7,
  });
  // Make every kind of event exist so /events responses cover each payload schema.
  for (const s of [
    'joiner',
    'mover',
    'leaver',
    'deactivate',
    'reactivation',
    'rename',
    'group_create',
    'group_rename',
    'group_delete',
  ]) {
    emu.control.step(s);
  }
  const truth = emu.control.truth();
  const dir = truth.directories[0];
  if (!dir) throw new Error('no directory generated');
  directoryId = dir.id;
  organizationId = dir.organization_id;
  const user = truth.users.find((u) => u.directory_id === directoryId && u.groups.length > 0);
  if (!user) throw new Error('no user with groups');
  userId = user.id;
  groupId = (user.groups[0] as { id: string }).id;
});

afterAll(async () => {
  await emu.close();
});

function expectCommonHeaders(res: RawResponse): void {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
}

async function expectValid(specPath: string, method: string, path: string, status: number): Promise<RawResponse> {
  const res = await call(emu.url, emu.apiKey, method, path);
  expect(res.status, res.text).toBe(status);
  expectCommonHeaders(res);
  expect(specErrors(specPath, method, status, res.body)).toEqual([]);
  return res;
}

describe('success responses match the OpenAPI schemas', () => {
  it('GET /directories (plain, filtered, searched)', async () => {
    await expectValid('/directories', 'GET', '/directories', 200);
    const filtered = await expectValid(
      '/directories',
      'GET',
      `/directories?organization_id=${organizationId}&limit=1`,
      200,
    );
    expect((filtered.body as { data: unknown[] }).data).toHaveLength(1);
    await expectValid('/directories', 'GET', '/directories?search=acme&order=asc', 200);
  });

  it('GET /directories/{id} and GET /organizations/{id}', async () => {
    await expectValid('/directories/{id}', 'GET', `/directories/${directoryId}`, 200);
    await expectValid('/organizations/{id}', 'GET', `/organizations/${organizationId}`, 200);
  });

  it('GET /directory_users in every filter shape', async () => {
    await expectValid('/directory_users', 'GET', `/directory_users?directory=${directoryId}&limit=100`, 200);
    await expectValid('/directory_users', 'GET', `/directory_users?group=${groupId}&order=asc`, 200);
    const user = emu.control.truth().users.find((u) => u.id === userId);
    const byEmail = await expectValid(
      '/directory_users',
      'GET',
      `/directory_users?directory=${directoryId}&email=${encodeURIComponent(user?.email ?? '')}`,
      200,
    );
    expect((byEmail.body as { data: { id: string }[] }).data.map((u) => u.id)).toContain(userId);
    const byIdp = await expectValid(
      '/directory_users',
      'GET',
      `/directory_users?directory=${directoryId}&idp_id=${encodeURIComponent(user?.idp_id ?? '')}`,
      200,
    );
    expect((byIdp.body as { data: { id: string }[] }).data.map((u) => u.id)).toEqual([userId]);
  });

  it('users carry groups: [] by default (teams created after May 2026)', async () => {
    const plain = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 8, directories: 1 });
    try {
      const dir = plain.control.directories()[0]?.id ?? '';
      const res = await call(plain.url, plain.apiKey, 'GET', `/directory_users?directory=${dir}&limit=100`);
      const users = (res.body as { data: { groups: unknown[] }[] }).data;
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((u) => Array.isArray(u.groups) && u.groups.length === 0)).toBe(true);
      // Memberships are still there, through the recommended endpoint.
      expect(plain.control.truth().memberships.length).toBeGreaterThan(0);
    } finally {
      await plain.close();
    }
  });

  it('GET /directory_users/{id} always has groups', async () => {
    const res = await expectValid('/directory_users/{id}', 'GET', `/directory_users/${userId}`, 200);
    expect(Array.isArray((res.body as { groups: unknown }).groups)).toBe(true);
  });

  it('GET /directory_groups by directory and by user, and GET /directory_groups/{id}', async () => {
    await expectValid('/directory_groups', 'GET', `/directory_groups?directory=${directoryId}&limit=100`, 200);
    await expectValid('/directory_groups', 'GET', `/directory_groups?user=${userId}`, 200);
    await expectValid('/directory_groups/{id}', 'GET', `/directory_groups/${groupId}`, 200);
  });

  it('GET /events with every dsync event kind validates against EventList (oneOf per event)', async () => {
    const names = [
      'dsync.user.created',
      'dsync.user.updated',
      'dsync.user.deleted',
      'dsync.group.created',
      'dsync.group.updated',
      'dsync.group.deleted',
      'dsync.group.user_added',
      'dsync.group.user_removed',
      'dsync.activated',
      'dsync.deactivated',
      'dsync.deleted',
    ].join(',');
    emu.control.step('directory_unlink', { directoryId });
    emu.control.step('directory_relink', { directoryId });
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const res = await expectValid(
        '/events',
        'GET',
        `/events?events=${names}&limit=100${after ? `&after=${after}` : ''}`,
        200,
      );
      const body = res.body as { data: { event: string }[]; list_metadata: { after: string | null } };
      for (const e of body.data) seen.add(e.event);
      after = body.list_metadata.after;
    } while (after !== null);
    for (const name of [
      'dsync.user.created',
      'dsync.user.updated',
      'dsync.user.deleted',
      'dsync.group.created',
      'dsync.group.updated',
      'dsync.group.deleted',
      'dsync.group.user_added',
      'dsync.group.user_removed',
      'dsync.activated',
      'dsync.deactivated',
    ]) {
      expect(seen, name).toContain(name);
    }
  });

  it('DELETE /directories/{id} answers 202 with {} and emits dsync.deleted (valid payload)', async () => {
    const victim = emu.control.directories()[1];
    if (!victim) throw new Error('need a second directory');
    const res = await expectValid('/directories/{id}', 'DELETE', `/directories/${victim.id}`, 202);
    expect(res.body).toEqual({});
    const after = await call(emu.url, emu.apiKey, 'GET', `/directories/${victim.id}`);
    expect(after.status).toBe(404);
    await expectValid('/events', 'GET', '/events?events=dsync.deleted', 200);
    const events = emu.control.events().filter((e) => e.event === 'dsync.deleted');
    expect(events.map((e) => (e.data as { id: string }).id)).toContain(victim.id);
  });
});

describe('error responses match the spec and WorkOS shapes', () => {
  it('404 {message, code} for unknown ids on every get route', async () => {
    for (const [specPath, path] of [
      ['/directories/{id}', '/directories/directory_01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      ['/directory_users/{id}', `/directory_users/${MISSING_USER}`],
      ['/directory_groups/{id}', '/directory_groups/directory_group_01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      ['/organizations/{id}', '/organizations/org_01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      ['/directory_users', '/directory_users?directory=directory_01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      ['/directory_groups', `/directory_groups?user=${MISSING_USER}`],
    ] as const) {
      const res = await expectValid(specPath, 'GET', path, 404);
      expect(res.body).toMatchObject({ message: expect.any(String), code: expect.any(String) });
    }
  });

  it('422 with errors[] for limit 0 or 101, unknown order, bad cursors, missing filters', async () => {
    const cases: [string, string, string][] = [
      ['/directory_users', `/directory_users?directory=${directoryId}&limit=0`, 'limit'],
      ['/directory_users', `/directory_users?directory=${directoryId}&limit=101`, 'limit'],
      ['/directory_users', `/directory_users?directory=${directoryId}&order=sideways`, 'order'],
      ['/directory_users', `/directory_users?directory=${directoryId}&after=nonsense`, 'after'],
      [
        '/directory_users',
        `/directory_users?directory=${directoryId}&before=directory_group_01ARZ3NDEKTSV4RRFFQ69G5FAV`,
        'before',
      ],
      ['/directory_users', '/directory_users', 'directory'],
      ['/directory_groups', '/directory_groups?limit=abc', 'limit'],
      ['/directories', '/directories?limit=500', 'limit'],
      ['/events', '/events', 'events'],
      ['/events', '/events?events=dsync.user.created&range_start=yesterday', 'range_start'],
      ['/events', '/events?events=dsync.user.created&after=event_bad', 'after'],
    ];
    for (const [specPath, path, field] of cases) {
      const res = await expectValid(specPath, 'GET', path, 422);
      const body = res.body as { message: string; errors: { field: string; code: string }[] };
      expect(
        body.errors.map((e) => e.field),
        path,
      ).toContain(field);
    }
  });

  it('401 JSON for a missing or unknown key, on API and admin routes', async () => {
    for (const key of [null, 'sk_test_wrong']) {
      for (const path of ['/directories', `/directory_users?directory=${directoryId}`, '/_emulator/stats']) {
        const res = await call(emu.url, key, 'GET', path);
        expect(res.status).toBe(401);
        expectCommonHeaders(res);
        expect(res.body).toMatchObject({ message: expect.any(String) });
      }
    }
  });

  it('429 body in spec mode is the documented "Ratelimited" string, with Retry-After', async () => {
    const limited = await startEmulator({
      eventsHoldBackMs: 0,
      seed: 'small',
      users: 5,
      rateLimitBody: 'spec',
      now: () => 1_800_000_000_000,
    });
    try {
      const dir = limited.control.directories()[0]?.id ?? '';
      const statuses: number[] = [];
      let last: RawResponse | undefined;
      for (let i = 0; i < 5; i++) {
        last = await call(limited.url, limited.apiKey, 'GET', `/directory_users?directory=${dir}`);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      if (!last) throw new Error('no response');
      expectCommonHeaders(last);
      expect(last.headers.get('retry-after')).toBe('1');
      expect(specErrors('/directory_users', 'GET', 429, last.body)).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

describe('both user shapes match the spec (today’s by default, --legacy-fields)', () => {
  it('today’s shapes: raw_attributes {}, legacy fields emptied, in lists, gets and events', async () => {
    const res = await expectValid('/directory_users', 'GET', `/directory_users?directory=${directoryId}`, 200);
    const users = (res.body as { data: Record<string, unknown>[] }).data;
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) {
      expect(u).toMatchObject({ raw_attributes: {}, emails: [], username: null, job_title: null });
    }
  });

  it('legacy shapes validate too, in lists, gets and events', async () => {
    const legacy = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 8, legacyFields: true });
    try {
      for (const s of ['joiner', 'mover', 'rename', 'deactivate']) legacy.control.step(s);
      const dir = legacy.control.directories()[0]?.id ?? '';
      const list = await call(legacy.url, legacy.apiKey, 'GET', `/directory_users?directory=${dir}`);
      expect(specErrors('/directory_users', 'GET', 200, list.body)).toEqual([]);
      const users = (list.body as { data: { id: string; job_title: unknown; raw_attributes: object }[] }).data;
      expect(users.some((u) => u.job_title !== null && Object.keys(u.raw_attributes).length > 0)).toBe(true);
      const one = await call(legacy.url, legacy.apiKey, 'GET', `/directory_users/${users[0]!.id}`);
      expect(specErrors('/directory_users/{id}', 'GET', 200, one.body)).toEqual([]);
      const names = 'dsync.user.created,dsync.user.updated,dsync.group.user_added';
      const events = await call(legacy.url, legacy.apiKey, 'GET', `/events?events=${names}`);
      expect((events.body as { data: unknown[] }).data.length).toBeGreaterThan(0);
      expect(specErrors('/events', 'GET', 200, events.body)).toEqual([]);
    } finally {
      await legacy.close();
    }
  });
});
