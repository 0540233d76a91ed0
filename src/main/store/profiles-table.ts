/** The profiles table (never the key itself: only its masked form). */
import type { ReadableDB, WritableDB } from './db-types.ts';
import { execute, queryAll, queryOne } from './exec.ts';
import { sql } from './sql.ts';

export type ProfileKind = 'demo' | 'workos';
export type ProfileStatus = 'unknown' | 'ok' | 'invalid_key' | 'forbidden' | 'unreachable' | 'error';

export interface ProfileRow {
  id: string;
  name: string;
  kind: ProfileKind;
  api_base_url: string;
  masked_key: string | null;
  status: ProfileStatus;
  status_message: string | null;
  settings_json: string;
  created_at: string;
  updated_at: string;
}

export function listProfileRows(db: ReadableDB): ProfileRow[] {
  return queryAll<ProfileRow>(db, sql`SELECT * FROM profiles ORDER BY kind = 'demo' DESC, name`);
}

export function getProfileRow(db: ReadableDB, id: string): ProfileRow | undefined {
  return queryOne<ProfileRow>(db, sql`SELECT * FROM profiles WHERE id = ${id}`);
}

export function getProfileRowByName(db: ReadableDB, name: string): ProfileRow | undefined {
  return queryOne<ProfileRow>(db, sql`SELECT * FROM profiles WHERE name = ${name}`);
}

export function insertProfileRow(
  db: WritableDB,
  p: { id: string; name: string; kind: ProfileKind; apiBaseUrl: string; maskedKey: string | null; at: string },
): void {
  execute(
    db,
    sql`INSERT INTO profiles (id, name, kind, api_base_url, masked_key, created_at, updated_at)
        VALUES (${p.id}, ${p.name}, ${p.kind}, ${p.apiBaseUrl}, ${p.maskedKey}, ${p.at}, ${p.at})`,
  );
}

export function updateProfileRow(
  db: WritableDB,
  id: string,
  p: { name?: string; apiBaseUrl?: string; maskedKey?: string | null; at: string },
): void {
  const current = getProfileRow(db, id);
  if (!current) return;
  execute(
    db,
    sql`UPDATE profiles SET name = ${p.name ?? current.name}, api_base_url = ${p.apiBaseUrl ?? current.api_base_url},
          masked_key = ${p.maskedKey === undefined ? current.masked_key : p.maskedKey}, updated_at = ${p.at}
        WHERE id = ${id}`,
  );
}

export function setProfileStatus(
  db: WritableDB,
  id: string,
  status: ProfileStatus,
  message: string | null,
  at: string,
): void {
  execute(
    db,
    sql`UPDATE profiles SET status = ${status}, status_message = ${message}, updated_at = ${at} WHERE id = ${id}`,
  );
}

export function deleteProfileRow(db: WritableDB, id: string): void {
  execute(db, sql`DELETE FROM profiles WHERE id = ${id}`);
}
