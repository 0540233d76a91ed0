/**
 * The official Node SDK as a real client: it lists everything in all three orders and in both
 * cursor directions and gets exactly the generated data; errors map to its exception classes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NotFoundException,
  RateLimitExceededException,
  UnauthorizedException,
  UnprocessableEntityException,
  WorkOS,
} from '@workos-inc/node';
import { startEmulator, type RunningEmulator, type Truth } from '../../../src/emulator/index.ts';

type Order = 'asc' | 'desc' | 'normal';
interface PageLike {
  data: { id: string }[];
  listMetadata: { before?: string | null; after?: string | null };
}
type Cursor = { after?: string; before?: string };

let emu: RunningEmulator;
let workos: WorkOS;
let truth: Truth;

function sdkFor(e: RunningEmulator, key = e.apiKey): WorkOS {
  return new WorkOS(key, { apiHostname: '127.0.0.1', port: e.port, https: false, maxRetries: 0 });
}

beforeAll(async () => {
  // 37 users: pages of 10 leave a partial last page; history adds joiners and deletions.
  emu = await startEmulator({
    eventsHoldBackMs: 0,
    seed: 'small',
    users: 37,
    directories: 2,
    rateLimitScale: 0,
    groupsPopulated: true,
    randomSeed: 3,
  });
  for (const s of ['joiner', 'leaver', 'mover', 'group_create', 'group_delete']) emu.control.step(s);
  workos = sdkFor(emu);
  truth = emu.control.truth();
});

afterAll(async () => {
  await emu.close();
});

/**
 * Walks forward from the start until the forward cursor is null, then walks back from the last
 * page with the other cursor; both walks must see every id exactly once, in display order.
 */
async function walkBothWays(
  order: Order,
  fetchPage: (cursor: Cursor) => Promise<PageLike>,
): Promise<{ forward: string[]; backward: string[] }> {
  // `normal` is descending with reversed cursors: `before` pages towards older records.
  const forwardKey = order === 'normal' ? 'before' : 'after';
  const backwardKey = order === 'normal' ? 'after' : 'before';
  const pages: PageLike[] = [];
  let page = await fetchPage({});
  pages.push(page);
  for (let guard = 0; page.listMetadata[forwardKey]; guard++) {
    if (guard > 1000) throw new Error('forward walk does not end');
    page = await fetchPage({ [forwardKey]: page.listMetadata[forwardKey] as string });
    pages.push(page);
  }
  const forward = pages.flatMap((p) => p.data.map((d) => d.id));
  const last = pages[pages.length - 1] as PageLike;
  const backPages: PageLike[] = [last];
  let back = last;
  for (let guard = 0; back.listMetadata[backwardKey]; guard++) {
    if (guard > 1000) throw new Error('backward walk does not end');
    back = await fetchPage({ [backwardKey]: back.listMetadata[backwardKey] as string });
    backPages.unshift(back);
  }
  const backward = backPages.flatMap((p) => p.data.map((d) => d.id));
  return { forward, backward };
}

/** The SDK's types only list asc|desc, but it passes `order` through verbatim and the API accepts `normal`. */
function sdkOrder(order: Order): 'asc' | 'desc' {
  return order as 'asc' | 'desc';
}

function sortedIds(ids: string[], order: Order): string[] {
  const asc = [...ids].sort();
  return order === 'asc' ? asc : asc.reverse();
}

describe('listing through the SDK in every order and both directions', () => {
  for (const order of ['asc', 'desc', 'normal'] as const) {
    it(`users of each directory, order=${order}`, async () => {
      for (const dir of truth.directories) {
        const expected = sortedIds(
          truth.users.filter((u) => u.directory_id === dir.id).map((u) => u.id),
          order,
        );
        const { forward, backward } = await walkBothWays(order, (c) =>
          workos.directorySync.listUsers({ directory: dir.id, limit: 7, order: sdkOrder(order), ...c }),
        );
        expect(forward).toEqual(expected);
        expect(backward).toEqual(expected);
      }
    });

    it(`groups of each directory and members of a group, order=${order}`, async () => {
      const dir = truth.directories[0];
      if (!dir) throw new Error('no directory');
      const groupIds = sortedIds(
        truth.groups.filter((g) => g.directory_id === dir.id).map((g) => g.id),
        order,
      );
      const groups = await walkBothWays(order, (c) =>
        workos.directorySync.listGroups({ directory: dir.id, limit: 4, order: sdkOrder(order), ...c }),
      );
      expect(groups.forward).toEqual(groupIds);
      expect(groups.backward).toEqual(groupIds);
      // The biggest group ("All Employees") spans several pages.
      const biggest = [...truth.groups]
        .filter((g) => g.directory_id === dir.id)
        .map((g) => ({ g, n: truth.memberships.filter((m) => m.group_id === g.id).length }))
        .sort((a, b) => b.n - a.n)[0];
      if (!biggest) throw new Error('no groups');
      const members = sortedIds(
        truth.memberships.filter((m) => m.group_id === biggest.g.id).map((m) => m.user_id),
        order,
      );
      expect(members.length).toBeGreaterThan(10);
      const walked = await walkBothWays(order, (c) =>
        workos.directorySync.listUsers({ group: biggest.g.id, limit: 6, order: sdkOrder(order), ...c }),
      );
      expect(walked.forward).toEqual(members);
      expect(walked.backward).toEqual(members);
    });

    it(`directories, order=${order}`, async () => {
      const expected = sortedIds(
        truth.directories.map((d) => d.id),
        order,
      );
      const walked = await walkBothWays(order, (c) =>
        workos.directorySync.listDirectories({ limit: 1, order: sdkOrder(order), ...c }),
      );
      expect(walked.forward).toEqual(expected);
      expect(walked.backward).toEqual(expected);
    });
  }

  it('autoPagination (no limit) returns every user, newest first by default', async () => {
    const dir = truth.directories[0];
    if (!dir) throw new Error('no directory');
    const first = await workos.directorySync.listUsers({ directory: dir.id });
    expect(first.data).toHaveLength(10);
    const all = await first.autoPagination();
    expect(all.map((u) => u.id)).toEqual(
      sortedIds(
        truth.users.filter((u) => u.directory_id === dir.id).map((u) => u.id),
        'desc',
      ),
    );
  });

  it('SDK objects carry exactly the generated fields', async () => {
    for (const expected of truth.users.slice(0, 15)) {
      const user = await workos.directorySync.getUser(expected.id);
      expect(user).toMatchObject({
        id: expected.id,
        directoryId: expected.directory_id,
        organizationId: expected.organization_id,
        idpId: expected.idp_id,
        email: expected.email,
        firstName: expected.first_name,
        lastName: expected.last_name,
        state: expected.state,
        customAttributes: expected.custom_attributes,
        rawAttributes: expected.raw_attributes,
        role: expected.role,
        createdAt: expected.created_at,
        updatedAt: expected.updated_at,
      });
      expect(user.groups.map((g) => g.id).sort()).toEqual(expected.groups.map((g) => g.id).sort());
      const viaGroups = await workos.directorySync.listGroups({ user: expected.id, limit: 100 });
      expect(viaGroups.data.map((g) => g.id).sort()).toEqual(
        truth.memberships
          .filter((m) => m.user_id === expected.id)
          .map((m) => m.group_id)
          .sort(),
      );
    }
    const group = truth.groups[0];
    if (!group) throw new Error('no group');
    expect(await workos.directorySync.getGroup(group.id)).toMatchObject({
      id: group.id,
      name: group.name,
      idpId: group.idp_id,
    });
    const dir = truth.directories[0];
    if (!dir) throw new Error('no directory');
    expect(await workos.directorySync.getDirectory(dir.id)).toMatchObject({
      id: dir.id,
      name: dir.name,
      state: 'active',
      type: dir.type,
    });
  });

  it('listEvents pages oldest first with the after cursor and filters by organization', async () => {
    const all = emu.control.events().filter((e) => e.event.startsWith('dsync.user.'));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await workos.events.listEvents({
        events: ['dsync.user.created', 'dsync.user.updated', 'dsync.user.deleted'],
        limit: 3,
        ...(after ? { after } : {}),
      });
      if (page.data.length === 0) break;
      seen.push(...page.data.map((e) => e.id));
      after = page.listMetadata.after ?? undefined;
      if (!after) break;
    }
    expect(seen).toEqual(all.map((e) => e.id));
    const org = truth.directories[0]?.organization_id ?? '';
    const filtered = await workos.events.listEvents({
      events: ['dsync.group.user_added'],
      organizationId: org,
      limit: 100,
    });
    expect(filtered.data.length).toBeGreaterThan(0);
    for (const e of filtered.data)
      expect((e.data as { user: { organizationId: string } }).user.organizationId).toBe(org);
  });
});

describe('deleting through the SDK', () => {
  it('deleteDirectory resolves, then the directory and its users are gone', async () => {
    const own = await startEmulator({
      eventsHoldBackMs: 0,
      seed: 'small',
      users: 4,
      directories: 2,
      rateLimitScale: 0,
    });
    try {
      const sdk = sdkFor(own);
      const victim = own.control.directories()[0];
      if (!victim) throw new Error('no directory');
      const someone = own.control.users(victim.id)[0];
      await expect(sdk.directorySync.deleteDirectory(victim.id)).resolves.toBeUndefined();
      await expect(sdk.directorySync.getDirectory(victim.id)).rejects.toBeInstanceOf(NotFoundException);
      await expect(sdk.directorySync.getUser(someone?.id ?? '')).rejects.toBeInstanceOf(NotFoundException);
      const left = await sdk.directorySync.listDirectories();
      expect(left.data.map((d) => d.id)).not.toContain(victim.id);
    } finally {
      await own.close();
    }
  });
});

describe('errors map to the SDK exception classes', () => {
  it('UnauthorizedException for an unknown key', async () => {
    await expect(sdkFor(emu, 'sk_test_not_the_key').directorySync.listDirectories()).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('NotFoundException with the request id for unknown ids', async () => {
    const err = await workos.directorySync
      .getUser('directory_user_01ARZ3NDEKTSV4RRFFQ69G5FAV')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundException);
    expect((err as NotFoundException).requestID).toMatch(/^req_/);
    await expect(workos.directorySync.getDirectory('directory_01ARZ3NDEKTSV4RRFFQ69G5FAV')).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(workos.directorySync.getGroup('directory_group_01ARZ3NDEKTSV4RRFFQ69G5FAV')).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('UnprocessableEntityException for limit 101 and a bad cursor', async () => {
    const dir = truth.directories[0]?.id ?? '';
    await expect(workos.directorySync.listUsers({ directory: dir, limit: 101 })).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );
    await expect(workos.directorySync.listUsers({ directory: dir, after: 'garbage' })).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );
  });

  it('RateLimitExceededException with retryAfter when 4 req/s per directory is exceeded', async () => {
    const frozen = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 5, now: () => 1_800_000_000_000 });
    try {
      const sdk = sdkFor(frozen);
      const dir = frozen.control.directories()[0]?.id ?? '';
      for (let i = 0; i < 4; i++) await sdk.directorySync.listUsers({ directory: dir });
      const err = await sdk.directorySync.listUsers({ directory: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitExceededException);
      expect((err as RateLimitExceededException).retryAfter).toBe(1);
      // Another directory has its own budget.
      const other = frozen.control.directories()[1]?.id ?? '';
      await expect(sdk.directorySync.listUsers({ directory: other })).resolves.toBeDefined();
    } finally {
      await frozen.close();
    }
  });
});
