/**
 * The cache's view of WorkOS objects: the fields the console queries by, plus the raw wire
 * object (minus the deprecated `groups` array) so nothing WorkOS sent is lost.
 */
export type JsonObject = { [key: string]: unknown };

export interface DirectoryRecord {
  id: string;
  organizationId: string;
  name: string;
  type: string;
  state: string;
  domain: string | null;
  externalKey: string | null;
  createdAt: string;
  updatedAt: string;
  raw: JsonObject;
}

export interface UserRecord {
  id: string;
  directoryId: string;
  organizationId: string | null;
  idpId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  username: string | null;
  jobTitle: string | null;
  state: string;
  customAttributes: JsonObject;
  createdAt: string;
  updatedAt: string;
  raw: JsonObject;
}

export interface GroupRecord {
  id: string;
  directoryId: string;
  organizationId: string | null;
  idpId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  raw: JsonObject;
}

export type ChangeSource = 'full_sync' | 'events' | 'webhook';

/** Who observed a change, when, and in which run or event. */
export interface ChangeContext {
  profileId: string;
  at: string;
  source: ChangeSource;
  runId: string | null;
  eventId: string | null;
  /** True while recording the first snapshot of a directory: history starts here. */
  baseline: boolean;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function obj(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** Drops fields that must not be cached as part of the record itself. */
function withoutKeys(raw: JsonObject, keys: readonly string[]): JsonObject {
  const copy: JsonObject = {};
  // A plain loop: this runs for every staged user of a full sync.
  for (const k of Object.keys(raw)) if (!keys.includes(k)) copy[k] = raw[k];
  return copy;
}

export function userFromWire(raw: JsonObject): UserRecord {
  const emails = Array.isArray(raw.emails) ? (raw.emails as JsonObject[]) : [];
  const primaryEmail = str(emails.find((e) => e.primary === true)?.value);
  return {
    id: String(raw.id),
    directoryId: String(raw.directory_id),
    organizationId: str(raw.organization_id),
    idpId: String(raw.idp_id ?? ''),
    email: str(raw.email) ?? primaryEmail,
    firstName: str(raw.first_name),
    lastName: str(raw.last_name),
    name: str(raw.name),
    username: str(raw.username),
    jobTitle: str(raw.job_title),
    state: String(raw.state),
    customAttributes: obj(raw.custom_attributes),
    createdAt: String(raw.created_at),
    updatedAt: String(raw.updated_at),
    raw: withoutKeys(raw, ['groups', 'previous_attributes']),
  };
}

export function groupFromWire(raw: JsonObject): GroupRecord {
  return {
    id: String(raw.id),
    directoryId: String(raw.directory_id),
    organizationId: str(raw.organization_id),
    idpId: String(raw.idp_id ?? ''),
    name: String(raw.name),
    createdAt: String(raw.created_at),
    updatedAt: String(raw.updated_at),
    raw: withoutKeys(raw, ['previous_attributes']),
  };
}

/** Event payloads use the SDK-style directory states; the cache keeps the REST ones. */
const eventToRestDirectoryState: Record<string, string> = { active: 'linked', inactive: 'unlinked' };

export function directoryFromWire(raw: JsonObject, fromEvent = false): DirectoryRecord {
  const state = String(raw.state);
  return {
    id: String(raw.id),
    organizationId: String(raw.organization_id ?? ''),
    name: String(raw.name),
    type: String(raw.type),
    state: fromEvent ? (eventToRestDirectoryState[state] ?? state) : state,
    domain: str(raw.domain),
    externalKey: str(raw.external_key),
    createdAt: String(raw.created_at),
    updatedAt: String(raw.updated_at),
    raw,
  };
}

export function displayName(
  u: Pick<UserRecord, 'name' | 'firstName' | 'lastName' | 'email' | 'username' | 'id'>,
): string {
  const joined = [u.firstName, u.lastName].filter((p) => p && p.trim() !== '').join(' ');
  return u.name?.trim() || joined || u.email || u.username || u.id;
}

/** Text indexed by FTS5: names, emails, username, idp_id and custom attribute values. */
export function userSearchText(u: UserRecord): string {
  // Each distinct non-empty part once, in this order. Written as plain loops: it runs for every
  // staged user of a full sync.
  const seen = new Set<string>();
  const parts: string[] = [];
  const add = (p: unknown): void => {
    if (typeof p === 'string' && p !== '' && !seen.has(p)) {
      seen.add(p);
      parts.push(p);
    }
  };
  add(u.name);
  add(u.firstName);
  add(u.lastName);
  add(u.email);
  if (Array.isArray(u.raw.emails)) for (const e of u.raw.emails as JsonObject[]) add(str(e.value));
  add(u.username);
  add(u.jobTitle);
  add(u.idpId);
  for (const k of Object.keys(u.customAttributes)) {
    const v = u.customAttributes[k];
    if (typeof v === 'string' || typeof v === 'number') add(String(v));
    else if (v && typeof v === 'object') add(JSON.stringify(v));
  }
  return parts.join(' ');
}

export function sortKey(text: string): string {
  return text.toLocaleLowerCase('en').normalize('NFKD');
}
