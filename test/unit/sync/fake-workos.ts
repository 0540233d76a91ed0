/**
 * A tiny in-memory WorkOS Directory Sync API for unit tests (the real emulator lives in
 * src/emulator; this one only has what the sync engine's edge cases need).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Obj = Record<string, unknown>;

export interface FakeWorld {
  directories: Obj[];
  users: Obj[];
  groups: Obj[];
  memberships: { groupId: string; userId: string }[];
  events: Obj[];
  populateUserGroups: boolean;
  /**
   * Ignore the `directory` filter, as the official `workos emulate` does (it reads
   * `directory_id`): `?directory=` lists every directory's users and groups.
   */
  ignoreDirectoryFilter?: boolean;
  /** Return this (status, body) instead of the normal answer when the predicate matches. */
  override?: (path: string, query: URLSearchParams) => { status: number; body: unknown } | null;
  requests: string[];
}

export function fakeWorld(): FakeWorld {
  return {
    directories: [],
    users: [],
    groups: [],
    memberships: [],
    events: [],
    populateUserGroups: false,
    requests: [],
  };
}

const T = '2026-01-01T00:00:00.000Z';

export function addDirectory(w: FakeWorld, id: string, over: Obj = {}): void {
  w.directories.push({
    object: 'directory',
    id,
    organization_id: `org_${id}`,
    external_key: 'k',
    type: 'okta scim v2.0',
    state: 'linked',
    name: `Dir ${id}`,
    domain: 'x.com',
    created_at: T,
    updated_at: T,
    ...over,
  });
}

export function addUser(w: FakeWorld, id: string, directoryId: string, over: Obj = {}): void {
  w.users.push({
    object: 'directory_user',
    id,
    directory_id: directoryId,
    organization_id: `org_${directoryId}`,
    idp_id: `idp_${id}`,
    email: `${id}@x.com`,
    first_name: 'F',
    last_name: id,
    name: `F ${id}`,
    username: id,
    state: 'active',
    raw_attributes: {},
    custom_attributes: { department: 'Eng' },
    created_at: T,
    updated_at: T,
    ...over,
  });
}

export function addGroup(w: FakeWorld, id: string, directoryId: string, over: Obj = {}): void {
  w.groups.push({
    object: 'directory_group',
    id,
    idp_id: `gidp_${id}`,
    directory_id: directoryId,
    organization_id: `org_${directoryId}`,
    name: `Group ${id}`,
    raw_attributes: {},
    created_at: T,
    updated_at: T,
    ...over,
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function page(
  items: Obj[],
  q: URLSearchParams,
): { object: 'list'; data: Obj[]; list_metadata: { before: string | null; after: string | null } } {
  const limit = Number(q.get('limit') ?? 10);
  const sorted = [...items].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  const after = q.get('after');
  const start = after ? sorted.findIndex((i) => String(i.id) > after) : 0;
  const slice = start < 0 ? [] : sorted.slice(start, start + limit);
  const more = start >= 0 && start + limit < sorted.length;
  return {
    object: 'list',
    data: slice,
    list_metadata: { before: null, after: more ? String(slice[slice.length - 1]!.id) : null },
  };
}

export async function startFake(
  w: FakeWorld,
  apiKey = 'sk_test_fake',
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    w.requests.push(`${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, { message: 'Unauthorized' });
    const forced = w.override?.(url.pathname, q);
    if (forced) return send(res, forced.status, forced.body);
    const withGroups = (u: Obj): Obj => ({
      ...u,
      groups: w.populateUserGroups
        ? w.memberships.filter((m) => m.userId === u.id).map((m) => w.groups.find((g) => g.id === m.groupId))
        : [],
    });
    if (url.pathname === '/directories') return send(res, 200, page(w.directories, q));
    if (url.pathname === '/directory_users') {
      const dir = q.get('directory');
      const group = q.get('group');
      if (dir && !w.directories.some((d) => d.id === dir))
        return send(res, 404, { message: 'Directory not found', code: 'not_found' });
      const users = group
        ? w.users.filter((u) => w.memberships.some((m) => m.groupId === group && m.userId === u.id))
        : w.users.filter((u) => w.ignoreDirectoryFilter || u.directory_id === dir);
      return send(res, 200, page(users.map(withGroups), q));
    }
    if (url.pathname === '/directory_groups') {
      const dir = q.get('directory');
      const user = q.get('user');
      if (dir && !w.directories.some((d) => d.id === dir))
        return send(res, 404, { message: 'Directory not found', code: 'not_found' });
      const groups = user
        ? w.groups.filter((g) => w.memberships.some((m) => m.userId === user && m.groupId === g.id))
        : w.groups.filter((g) => w.ignoreDirectoryFilter || g.directory_id === dir);
      return send(res, 200, page(groups, q));
    }
    if (url.pathname === '/events') {
      const after = q.get('after');
      const start = after ? w.events.findIndex((e) => e.id === after) + 1 : 0;
      const limit = Number(q.get('limit') ?? 10);
      const slice = w.events.slice(start, start + limit);
      return send(res, 200, {
        object: 'list',
        data: slice,
        list_metadata: { after: slice.length ? String(slice[slice.length - 1]!.id) : after },
      });
    }
    return send(res, 404, { message: `no route ${url.pathname}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
