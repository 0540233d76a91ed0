/**
 * A tiny WorkOS-shaped server serving a fixed, hostile data set: names and attributes with SQL
 * metacharacters, HTML/script, RTL overrides, emoji and zero-width characters, a 10 MB attribute
 * blob, and two directories whose records break the contract (a missing required field, a
 * wrongly typed one). The emulator only generates well-formed data, so this stands in for a
 * misbehaving identity provider. Cursor paging follows the WorkOS shape (`list_metadata.after`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

export const HOSTILE_STRINGS = [
  "Robert'); DROP TABLE users;--",
  '" OR ""="',
  '%_\\ LIKE escape',
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '</textarea><svg onload=window.__xss=1>',
  '\u202eevil\u202c reversed',
  'עִבְרִית مرحبا',
  '👩‍💻🏳️‍🌈 Zoë 日本語',
  'zero\u200bwidth\u200d join',
  '{{constructor.constructor("window.__xss=1")()}}',
  '${7*7} #{7*7}',
  'NEAR(a b) OR "x"* AND -y',
];

const T0 = '2026-01-02T03:04:05.000Z';
const ORG = 'org_01HOSTILE0000000000000000';

export interface HostileDirectory {
  directory: Obj;
  users: Obj[];
  groups: Obj[];
}

function directory(id: string, name: string): Obj {
  return {
    object: 'directory',
    id,
    organization_id: ORG,
    external_key: `ek-${id}`,
    type: 'generic scim v2.0',
    state: 'linked',
    name,
    domain: 'hostile.example',
    created_at: T0,
    updated_at: T0,
  };
}

function group(directoryId: string, n: number, name: string): Obj {
  return {
    object: 'directory_group',
    id: `directory_group_${directoryId.slice(-6)}${String(n).padStart(4, '0')}`,
    idp_id: `g-${n}-${name}`,
    directory_id: directoryId,
    organization_id: ORG,
    name,
    raw_attributes: { displayName: name },
    created_at: T0,
    updated_at: T0,
  };
}

function user(directoryId: string, n: number, text: string, groups: Obj[], extra: Obj = {}): Obj {
  return {
    object: 'directory_user',
    id: `directory_user_${directoryId.slice(-6)}${String(n).padStart(4, '0')}`,
    idp_id: `idp-${n}-${text}`,
    directory_id: directoryId,
    organization_id: ORG,
    email: `user${n}+${encodeURIComponent(text).slice(0, 20)}@hostile.example`,
    emails: [{ primary: true, type: 'work', value: `user${n}@hostile.example` }],
    first_name: text,
    last_name: `Last ${text}`,
    name: `${text} ${n}`,
    username: text,
    job_title: text,
    state: 'active',
    raw_attributes: { title: text, nested: { deeper: [text, 1, null, true] } },
    custom_attributes: { department: text, [text]: 'key with hostile text', 'dotted.key': 'x', '"quoted"': 'y' },
    created_at: T0,
    updated_at: T0,
    groups,
    ...extra,
  };
}

/** Ids of the four directories and what each should end as after a sync. */
export const HOSTILE_IDS = {
  hostile: 'directory_01HOSTILE00000000000000VALID',
  blob: 'directory_01HOSTILE0000000000000000BLOB',
  missingField: 'directory_01HOSTILE000000000000MISSING',
  wrongType: 'directory_01HOSTILE0000000000WRONGTYPE',
};

export const BLOB_BYTES = 10 * 1024 * 1024;

export function hostileDataSet(): HostileDirectory[] {
  const hostileGroups = HOSTILE_STRINGS.slice(0, 6).map((s, i) => group(HOSTILE_IDS.hostile, i, s));
  const hostileUsers = HOSTILE_STRINGS.map((s, i) =>
    user(HOSTILE_IDS.hostile, i, s, [hostileGroups[i % hostileGroups.length]!]),
  );
  // One blob of 10 MB in a custom attribute (text with quotes, backslashes and newlines).
  const chunk = 'blob "quoted" \\ back\nslash <b>bold</b> ';
  const blob = chunk.repeat(Math.ceil(BLOB_BYTES / chunk.length)).slice(0, BLOB_BYTES);
  const blobGroup = group(HOSTILE_IDS.blob, 0, 'Blob holders');
  const blobUsers = [
    user(HOSTILE_IDS.blob, 0, 'Blob Owner', [blobGroup], {
      custom_attributes: { department: 'Storage', notes: blob },
    }),
    user(HOSTILE_IDS.blob, 1, 'Plain Neighbour', [blobGroup]),
  ];
  const missingGroup = group(HOSTILE_IDS.missingField, 0, 'Fine group');
  const missing = user(HOSTILE_IDS.missingField, 0, 'No State', [missingGroup]);
  delete missing.state;
  const wrongGroup = group(HOSTILE_IDS.wrongType, 0, 'Fine group');
  const wrong = user(HOSTILE_IDS.wrongType, 0, 'Numeric Dates', [wrongGroup], { created_at: 1767323045 });
  return [
    {
      directory: directory(HOSTILE_IDS.hostile, '<b>Hostile</b> "Directory"; DROP TABLE directories;--'),
      users: hostileUsers,
      groups: hostileGroups,
    },
    { directory: directory(HOSTILE_IDS.blob, 'Blob Directory'), users: blobUsers, groups: [blobGroup] },
    {
      directory: directory(HOSTILE_IDS.missingField, 'Missing Field Directory'),
      users: [user(HOSTILE_IDS.missingField, 1, 'Fine User', [missingGroup]), missing],
      groups: [missingGroup],
    },
    { directory: directory(HOSTILE_IDS.wrongType, 'Wrong Type Directory'), users: [wrong], groups: [wrongGroup] },
  ];
}

function page(items: Obj[], query: URLSearchParams): Obj {
  const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 10) || 10));
  const after = query.get('after');
  const start = after ? items.findIndex((i) => i.id === after) + 1 : 0;
  const data = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    object: 'list',
    data,
    list_metadata: { before: null, after: more ? (data[data.length - 1]!.id as string) : null },
  };
}

export async function startHostileWorkos(): Promise<{ url: string; close(): Promise<void> }> {
  const set = hostileDataSet();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hostile.local');
    const q = url.searchParams;
    let body: Obj | null = null;
    if (url.pathname === '/directories')
      body = page(
        set.map((d) => d.directory),
        q,
      );
    else if (url.pathname === '/directory_users') {
      const dir = set.find((d) => d.directory.id === q.get('directory'));
      const groupId = q.get('group');
      const users = dir
        ? dir.users
        : set.flatMap((d) => d.users).filter((u) => (u.groups as Obj[]).some((g) => g.id === groupId));
      body = page(users, q);
    } else if (url.pathname === '/directory_groups') {
      const dir = set.find((d) => d.directory.id === q.get('directory'));
      body = page(dir ? dir.groups : [], q);
    }
    const text = JSON.stringify(body ?? { message: 'Not found' });
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
