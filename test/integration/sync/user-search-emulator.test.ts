/**
 * Searching users the emulator generated (issue 5): a full email finds exactly the users with
 * that email — not every user who shares its name and domain tokens — a partial email finds
 * exactly the emails that start with it, and the row-level matcher used by name-order walks
 * agrees with FTS5 on every generated user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { queryAll } from '../../../src/main/store/exec.ts';
import { listUsers } from '../../../src/main/store/queries/users-query.ts';
import {
  parseUserSearch,
  searchTextMatches,
  substringPhrase,
  termsPattern,
} from '../../../src/main/store/queries/user-search.ts';
import { sql } from '../../../src/main/store/sql.ts';
import type { Store } from '../../../src/main/store/store.ts';
import { runFullSync } from '../../../src/main/sync/full-sync.ts';
import { WorkosClient } from '../../../src/main/workos/client.ts';
import { scaledRateLimits } from '../../../src/main/workos/rate-limiter.ts';
import { storeWithProfile, tempDir } from '../../unit/store/helpers.ts';

interface Row {
  seq: number;
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  search_text: string;
}

let emu: RunningEmulator;
let store: Store;
let cleanup: () => void;
let users: Row[];

beforeAll(async () => {
  emu = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 300, directories: 3, rateLimitScale: 50 });
  const t = tempDir();
  store = storeWithProfile(t.dir);
  cleanup = t.cleanup;
  const client = new WorkosClient({ apiKey: emu.apiKey, baseUrl: emu.url, rateLimits: scaledRateLimits(50) });
  const summary = await runFullSync({ store, client, profileId: 'p1' });
  expect(summary.status, summary.error ?? '').toBe('succeeded');
  users = queryAll<Row>(
    store.reader,
    sql`SELECT seq, id, email, first_name, last_name, search_text FROM users WHERE profile_id = 'p1' ORDER BY seq`,
  );
}, 60_000);

afterAll(async () => {
  await emu.close();
  store.close();
  cleanup();
});

function search(text: string): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = listUsers(store.reader, {
      profileId: 'p1',
      search: text,
      sort: 'name',
      order: 'asc',
      limit: 40,
      cursor,
    });
    ids.push(...page.items.map((u) => u.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids.sort();
}

const withEmailStarting = (prefix: string): string[] =>
  users
    .filter((u) => (u.email ?? '').toLowerCase().startsWith(prefix.toLowerCase()))
    .map((u) => u.id)
    .sort();

describe('user search on generated users', () => {
  it('finds exactly the user of a full email, typed in any case', () => {
    const sample = users.filter((u) => u.email).filter((_, i) => i % 9 === 0);
    expect(sample.length).toBeGreaterThan(20);
    for (const u of sample) {
      const found = search(u.email!);
      expect(found, u.email!).toContain(u.id);
      expect(found, u.email!).toEqual(withEmailStarting(u.email!));
      expect(search(u.email!.toUpperCase()), u.email!).toEqual(found);
    }
  });

  it('does not return users who merely mention the email (a manager attribute) or share its tokens', () => {
    // A manager: their email is in their reports' indexed text (custom attribute), so the
    // token search used to return every report too.
    const manager = users.find(
      (m) =>
        m.email && users.some((r) => r.id !== m.id && r.search_text.toLowerCase().includes(m.email!.toLowerCase())),
    );
    expect(manager).toBeDefined();
    const reports = users.filter(
      (r) => r.id !== manager!.id && r.search_text.toLowerCase().includes(manager!.email!.toLowerCase()),
    );
    const found = search(manager!.email!);
    expect(found).toEqual(withEmailStarting(manager!.email!));
    for (const r of reports) expect(found).not.toContain(r.id);
    // The old tokenised query (every token of the email, anywhere) did return them.
    const tokens = manager!.email!.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const loose = queryAll<{ seq: number }>(
      store.reader,
      sql`SELECT rowid AS seq FROM users_fts WHERE users_fts MATCH ${tokens.map((t) => `"${t}"*`).join(' AND ')}`,
    );
    expect(loose.length).toBeGreaterThan(found.length);
  });

  it('finds exactly the emails that start with a partial email', () => {
    for (const u of users.filter((x) => x.email).filter((_, i) => i % 23 === 0)) {
      const at = u.email!.indexOf('@');
      for (const partial of [u.email!.slice(0, at + 1), u.email!.slice(0, at + 4), u.email!.slice(0, at - 2)]) {
        if (!/[.@_+-]/.test(partial)) continue;
        const found = search(partial);
        expect(found, partial).toContain(u.id);
        expect(found, partial).toEqual(withEmailStarting(partial));
      }
    }
  });

  it('matches rows in JavaScript exactly as FTS5 does, for names with and without accents', () => {
    const words = new Set<string>(['jo', 'ma', 'garc', 'Iñi', 'jose', 'JOSÉ', 'Müll', 'o']);
    for (const u of users.filter((_, i) => i % 17 === 0)) {
      if (u.first_name) words.add(u.first_name);
      if (u.last_name) words.add(u.last_name.slice(0, 3));
      if (u.first_name && u.last_name) words.add(`${u.first_name} ${u.last_name.slice(0, 2)}`);
    }
    for (const word of words) {
      const parsed = parseUserSearch(word);
      if (!parsed?.match) continue;
      const fts = queryAll<{ seq: number }>(
        store.reader,
        sql`SELECT rowid AS seq FROM users_fts WHERE users_fts MATCH ${parsed.match}`,
      )
        .map((r) => r.seq)
        .sort((x, y) => x - y);
      const patterns = termsPattern(parsed.terms);
      const js = users.filter((u) => searchTextMatches(u.search_text, patterns)).map((u) => u.seq);
      expect(js, word).toEqual(fts);
    }
  });

  it('matches substrings in JavaScript exactly as the trigram index does', () => {
    const words = new Set<string>(['arc', 'GARCÍ', 'ñig', 'jose', 'JOSÉ', 'üll', 'son.', '.exam', 'zqx', '-1']);
    for (const u of users.filter((_, i) => i % 13 === 0)) {
      if (u.last_name && u.last_name.length > 4) words.add(u.last_name.slice(1, 5));
      if (u.email) words.add(u.email.slice(2, u.email.indexOf('@') + 3));
    }
    let nonEmpty = 0;
    for (const word of words) {
      const parsed = parseUserSearch(word);
      if (!parsed?.substringMatch) continue;
      // The whole substring as a trigram phrase (the list asks the index for less of a word
      // with "@" and checks the word on the emails, which other tests cover).
      const phrase = parsed.substrings.map(substringPhrase).join(' AND ');
      const fts = queryAll<{ seq: number }>(
        store.reader,
        sql`SELECT rowid AS seq FROM users_trigram_fts WHERE users_trigram_fts MATCH ${phrase}`,
      )
        .map((r) => r.seq)
        .sort((x, y) => x - y);
      const js = users.filter((u) => searchTextMatches(u.search_text, [], parsed.substrings)).map((u) => u.seq);
      expect(js, word).toEqual(fts);
      if (fts.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(10);
  });
});
