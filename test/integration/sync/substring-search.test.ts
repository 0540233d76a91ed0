/**
 * Substring search through the core (what the renderer calls): "derso" finds Anderson, a
 * fragment from the middle of an email finds that email's users and not the users who merely
 * mention it (a manager attribute), nothing is found that does not hold the text, and hostile
 * input (FTS operators, quotes, huge input) gets an answer or a clear message, never a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.ts';
import { createConsoleCore, type ConsoleCore } from '../../../src/main/core/console-core.ts';
import { silentLogger } from '../../../src/main/log.ts';
import { userFromWire, userSearchText, type JsonObject } from '../../../src/main/store/records.ts';
import { foldText, tokenize } from '../../../src/main/store/queries/user-search.ts';
import type { SyncProgress, UserSummary } from '../../../src/shared/api.ts';
import { tempDir } from '../../unit/store/helpers.ts';

let emu: RunningEmulator;
let core: ConsoleCore;
let cleanup: () => void;
let profileId: string;
/** Every synced user with the text search indexes, from the emulator's truth. */
let people: { id: string; email: string | null; lastName: string | null; text: string; raw: JsonObject }[];

async function ok<T>(method: string, input?: unknown): Promise<T> {
  const res = await core.call(method, input);
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

/** Every page of a search, as ids, with the matched field of each. */
async function search(text: string): Promise<{ ids: string[]; fields: Map<string, string | undefined> }> {
  const ids: string[] = [];
  const fields = new Map<string, string | undefined>();
  let cursor: string | undefined;
  do {
    const page = await ok<{ items: UserSummary[]; nextCursor: string | null }>('listUsers', {
      profileId,
      search: text,
      limit: 50,
      cursor,
    });
    for (const u of page.items) {
      ids.push(u.id);
      fields.set(u.id, u.matchedField);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { ids: ids.sort(), fields };
}

const holding = (needle: string): string[] =>
  people
    .filter((p) => foldText(p.text).includes(foldText(needle)))
    .map((p) => p.id)
    .sort();

beforeAll(async () => {
  emu = await startEmulator({ eventsHoldBackMs: 0, seed: 'small', users: 400, directories: 3, rateLimitScale: 50 });
  const t = tempDir();
  cleanup = t.cleanup;
  core = createConsoleCore({
    dataDir: t.dir,
    transport: 'web',
    log: silentLogger,
    autoSync: false,
    queryWorker: false,
  });
  profileId = (await ok<{ id: string }>('createProfile', { name: 'Subs', apiBaseUrl: emu.url, apiKey: emu.apiKey })).id;
  const finished = new Promise<SyncProgress>((resolve) => {
    const off = core.events.subscribe((name, payload) => {
      const p = payload as SyncProgress;
      if (name === 'syncProgress' && p.profileId === profileId && p.directoryId === null) {
        if (['done', 'failed', 'cancelled'].includes(p.phase)) {
          off();
          resolve(p);
        }
      }
    });
  });
  await ok('startSync', { profileId });
  expect((await finished).phase).toBe('done');
  people = emu.control.truth().users.map((wire) => {
    const record = userFromWire(wire as unknown as JsonObject);
    return {
      id: record.id,
      email: record.email,
      lastName: record.lastName,
      text: userSearchText(record),
      raw: wire as unknown as JsonObject,
    };
  });
}, 120_000);

afterAll(async () => {
  await core.close();
  await emu.close();
  cleanup();
});

describe('substring search through the core', () => {
  it('finds a last name from inside it ("derso" finds Anderson), whatever the case', async () => {
    const inside = people.find((p) => (p.lastName?.length ?? 0) >= 6)!;
    // The Anderson of the request when the generator made one, else any long last name.
    const anderson = people.find((p) => p.lastName === 'Anderson');
    const needle = anderson ? 'derso' : inside.lastName!.slice(1, 6);
    const who = anderson ?? inside;
    const found = await search(needle);
    expect(found.ids).toContain(who.id);
    expect(found.ids).toEqual(holding(needle));
    expect((await search(needle.toUpperCase())).ids).toEqual(found.ids);
    // No word of any match needs to start with it: the old word-prefix search found none of these.
    expect(found.fields.get(who.id)).toBe('name');
  });

  it('finds a fragment from the middle of an email, only in the users whose email holds it', async () => {
    const sample = people.filter((p) => p.email && p.email.indexOf('@') > 4).filter((_, i) => i % 40 === 0);
    expect(sample.length).toBeGreaterThan(5);
    for (const p of sample) {
      const email = p.email!;
      const at = email.indexOf('@');
      const fragment = email.slice(2, at + 3);
      const found = await search(fragment);
      const emailHolders = people
        .filter((q) =>
          [q.email, ...((q.raw.emails as JsonObject[] | undefined) ?? []).map((e) => e.value)].some(
            (e) => typeof e === 'string' && e.toLowerCase().includes(fragment.toLowerCase()),
          ),
        )
        .map((q) => q.id)
        .sort();
      expect(found.ids, fragment).toContain(p.id);
      expect(found.ids, fragment).toEqual(emailHolders);
      expect(found.fields.get(p.id), fragment).toBe('email');
    }
    // A fragment without "@" from the middle of a manager's email finds the manager by email and
    // the reports by their manager attribute, and says which field matched.
    const manager = people.find(
      (m) =>
        m.email &&
        people.some(
          (r) =>
            r.id !== m.id &&
            typeof (r.raw.custom_attributes as JsonObject)?.manager === 'string' &&
            (r.raw.custom_attributes as JsonObject).manager === m.email,
        ),
    )!;
    expect(manager).toBeDefined();
    const local = manager.email!.slice(1, manager.email!.indexOf('@'));
    const found = await search(local);
    expect(found.ids).toEqual(holding(local));
    const reports = people.filter((r) => (r.raw.custom_attributes as JsonObject)?.manager === manager.email);
    for (const r of reports) {
      expect(found.ids).toContain(r.id);
      // A report whose own name and email do not hold it matched on the hidden attribute.
      if (!foldText(`${r.email ?? ''}`).includes(foldText(local)) && found.fields.get(r.id) !== 'name')
        expect(found.fields.get(r.id)).toBe('manager');
    }
  });

  it('returns no user that does not hold every word', async () => {
    expect((await search('zqxvk')).ids).toEqual([]);
    const a = people[3]!;
    const b = people.find((p) => p.lastName && a.lastName && !foldText(a.text).includes(foldText(p.lastName)))!;
    // Two real last names that no single user holds together.
    const both = `${a.lastName!.slice(1)} ${b.lastName!.slice(1)}`;
    const expected = people
      .filter((p) => foldText(p.text).includes(foldText(a.lastName!.slice(1))))
      .filter((p) => foldText(p.text).includes(foldText(b.lastName!.slice(1))))
      .map((p) => p.id)
      .sort();
    expect((await search(both)).ids).toEqual(expected);
    // Letters of a name run together across its words are not in the text.
    expect((await search(`${a.lastName!.slice(-2)}${a.email!.slice(0, 3)}x9q`)).ids).toEqual([]);
  });

  it('reads FTS operators, quotes and odd characters literally, and refuses huge input clearly', async () => {
    for (const hostile of [
      '"',
      '""',
      'derso"',
      '"derso" OR "a"',
      'NEAR(derso son)',
      'derso*',
      '^derso',
      'search_text:derso',
      'a AND b OR NOT c',
      "'); DROP TABLE users; --",
      '\\u0000derso',
      '\ud800derso',
      '(((((',
      '*',
      'ǅ ﬁ ß İ',
    ]) {
      const res = await core.call('listUsers', { profileId, search: hostile, limit: 20 });
      expect(res.ok, hostile).toBe(true);
      if (!res.ok) continue;
      const items = (res.value as { items: UserSummary[] }).items;
      // Whatever matched holds each word of three or more characters, as typed (a word without
      // a letter or digit, like "(((((", filters nothing, as before).
      const words = hostile.split(/\s+/).filter((w) => [...foldText(w)].length >= 3 && tokenize(w).length > 0);
      for (const word of words) {
        for (const u of items) {
          const p = people.find((q) => q.id === u.id)!;
          expect(foldText(p.text), `${hostile} → ${u.id}`).toContain(foldText(word));
        }
      }
    }
    const huge = await core.call('listUsers', { profileId, search: 'derso'.repeat(10_000), limit: 20 });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message).toMatch(/search/i);
    // The longest search the contract allows is answered (no match), not refused.
    const longest = await core.call('listUsers', { profileId, search: 'ders'.repeat(50), limit: 20 });
    expect(longest).toMatchObject({ ok: true, value: { items: [] } });
  });
});
