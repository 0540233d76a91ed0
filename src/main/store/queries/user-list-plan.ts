/**
 * How a page of users is read. The cache has no planner statistics, and at a million users the
 * wrong choice costs seconds, so the choice is made here from bounded counts:
 *
 * - **drive**: when a filter matches fewer than DRIVE_BELOW users (a narrow search, a small
 *   group, a rare state, a custom attribute value that is rare in the FTS index), read exactly
 *   those users and sort them — at most DRIVE_BELOW rows.
 * - **walk**: otherwise walk the sort order's index from the cursor and test each user against
 *   the filters until the page is full. Every filter then matches at least
 *   DRIVE_BELOW / users of the rows, so a page costs at most limit × users / DRIVE_BELOW tests.
 *   The search test runs in JavaScript on the indexed text, because asking FTS5 for the set
 *   of matches first would read every match of a broad prefix ("jo" is a quarter of all users)
 *   on each keystroke; in name order it tests the name index's entries, which hold the text
 *   (user-list-walk.ts), and reads only the matching users' rows.
 *
 * Totals are counted from the narrowest filter and stop at TOTAL_CAP ("1,000+").
 */
import type { ReadableDB } from '../db-types.ts';
import { joinSql, sql, type SqlFragment } from '../sql.ts';
import { countUpTo } from './bounded-count.ts';
import { userTotal } from './directory-counts.ts';
import { ensureSearchFunction, searchRowTest, type SearchSpec } from './search-row-test.ts';
import { emailPrefixFilter, initialFilter, prefixEnd, tokenize, type UserSearch } from './user-search.ts';
import { orderIndex, walkedRows, walksByState, walkTestsEntries } from './user-list-walk.ts';

export const DRIVE_BELOW = 4000;
/** FTS matches sorted from the seq-keyed sort-key index before a walk is tried instead. */
const SEARCH_DRIVE_BELOW = 30_000;
/**
 * Substring matches are read from the trigram index by merging the doclists of every trigram
 * of the word (with positions), several times the cost of a word-prefix doclist. At 1M users
 * (the bench's cache, quiet) a drive from 20–26k matches took 35–85 ms where a walk of the name
 * order testing rows took 12–29 ms; below ~13k matches the walk reads too many rows per page
 * (8–13k matches: walk 24–235 ms, drive 19–37 ms). Broader substrings walk.
 */
const SUBSTRING_DRIVE_BELOW = 16_000;
/**
 * FTS matches (word prefixes or substrings) read directly when the walk would test index
 * entries, not rows (`walkTestsEntries`): the name index holds each user's search text
 * (migration 20), so a walk costs ~2.5 µs per entry and reads consecutive pages, while a drive
 * seeks each match's sort keys at random (at 1M users, first search after opening: 14k matches
 * read 45 MB, 60–300 ms; a walk 4–16 ms and a few hundred KB). The walk reads limit / share
 * entries, so it wins from a few thousand matches up.
 */
const ENTRY_WALK_DRIVE_BELOW = 5000;
/** Users of an email prefix read directly before a walk is tried instead. */
const LARGE_DRIVE_BELOW = 20_000;
/** Members of a group read directly; above this a walk tests membership on each index entry. */
const GROUP_DRIVE_BELOW = 8000;
export const TOTAL_CAP = 1000;
/** Candidates a capped total reads at most before it gives up and says "unknown". */
const TOTAL_SCAN_LIMIT = 50_000;

export interface UserFilters {
  profileId: string;
  directoryId?: string;
  groupId?: string;
  state?: string;
  search?: UserSearch | null;
  customAttribute?: { key: string; value: string };
}

/** A narrowing filter that can also produce its matching users' seqs directly. */
interface Source {
  name: 'search' | 'substring' | 'email' | 'group' | 'state' | 'attribute' | 'directory';
  /** `SELECT seq …` of candidates (possibly a superset; the predicates decide). */
  seqs: SqlFragment;
  estimate: number;
}

export interface UserPlan {
  mode: 'drive' | 'walk';
  sources: Source[];
  driver: Source['name'] | null;
  /** `FROM …` clause binding `users u`. */
  from: SqlFragment;
  where: SqlFragment[];
  /**
   * The search test a walk runs on each index entry's `w.search_text` before reading its row
   * (`walkTestsEntries`); `where` then leaves it out. Null for drives and other walks.
   */
  entryTest: SqlFragment | null;
}

/** JSON path for one custom attribute key, quoted so dots and quotes in keys stay literal. */
export function attributePath(key: string): string {
  return `$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function ftsSeqs(match: string): SqlFragment {
  return sql`SELECT rowid AS seq FROM users_fts WHERE users_fts MATCH ${match}`;
}

function trigramSeqs(match: string): SqlFragment {
  return sql`SELECT rowid AS seq FROM users_trigram_fts WHERE users_trigram_fts MATCH ${match}`;
}

/** Substrings as word prefixes on users_fts (a subset of their matches), when each is one word of 4+ characters. */
function wordPrefixMatch(substrings: readonly string[]): string | null {
  const words = substrings.map((w) => tokenize(w));
  if (!words.every((t, i) => t.length === 1 && t[0] === substrings[i] && t[0]!.length >= 4)) return null;
  return words.map((t) => `"${t[0]!}"*`).join(' AND ');
}

/**
 * Word-index matches a word-and-substring search counts, to see how many hold its substrings
 * only inside a word (~2 ms at most at 1M users); more and it intersects the indexes.
 */
const INSIDE_WORDS_COUNT_LIMIT = 20_000;
/**
 * Rows such a search may read and test for holding a substring only inside a word. Each is a
 * random read: "Sson Ma" (Andersson, Johansson…) read every "-sson" user, 222 ms warm against
 * 113 ms intersected, "anna Jo" 140 against 46 ms.
 */
const INSIDE_WORDS_ROWS = 1000;

/**
 * The users matching both word prefixes and substrings ("Thiago Sa"), when each substring is a
 * word of 4+ characters, without intersecting the two indexes: INTERSECT reads both sides whole,
 * and a two-letter prefix is half the users (at 1M, "sa"* is 467,242 rows: 21 ms of a 45 ms
 * search). Those whose words start with the substrings come from one word-index query; the rest
 * hold a substring only inside a word (the trigram matches the word index does not have: a
 * word starting with the substring contains it), and their rows are tested for the word
 * prefixes. Null (intersect) when more than INSIDE_WORDS_ROWS are of that kind.
 */
function wordsAndSubstrings(db: ReadableDB, search: UserSearch): SqlFragment | null {
  const prefixes = wordPrefixMatch(search.substrings);
  if (prefixes === null || search.match === null || search.substringMatch === null) return null;
  // Counted on the word index first (the cheaper), then on the trigram index only as far as
  // would leave more than INSIDE_WORDS_ROWS matches inside words.
  const atWordStart = countUpTo(db, ftsSeqs(prefixes), INSIDE_WORDS_COUNT_LIMIT);
  if (atWordStart >= INSIDE_WORDS_COUNT_LIMIT) return null;
  const enough = atWordStart + INSIDE_WORDS_ROWS + 1;
  const trigrams = countUpTo(db, trigramSeqs(search.substringMatch), enough);
  if (trigrams >= enough) return null;
  const both = ftsSeqs(`${search.match} AND ${prefixes}`);
  // Every match of the substrings starts a word ("Thiago", "Marta"): the word index alone.
  if (trigrams === atWordStart) return both;
  const insideWords = sql`SELECT seq FROM (${trigramSeqs(search.substringMatch)}) EXCEPT SELECT seq FROM (${ftsSeqs(prefixes)})`;
  return sql`${both}
             UNION SELECT c.seq FROM (${insideWords}) c CROSS JOIN users u ON u.seq = c.seq
             WHERE ${searchRowTest({ terms: search.terms, substrings: [] })}`;
}

/**
 * How many users match both the word prefixes and the substrings ("Thiago Sa"), up to `below`.
 * When both sides are broad, the smaller side says nothing about the intersection (a name and
 * a two-letter prefix of another word: 4,621 of 1M); the word index counts the users whose
 * words start with the substrings as well, a subset found from both doclists at once, so a walk
 * is chosen only when at least `below` users surely match.
 */
function bothEstimate(db: ReadableDB, search: UserSearch, smaller: number, below: number): number {
  const prefixes = wordPrefixMatch(search.substrings);
  if (smaller < below || prefixes === null || search.match === null) return smaller;
  return countUpTo(db, ftsSeqs(`${search.match} AND ${prefixes}`), below);
}

function sourcesOf(db: ReadableDB, f: UserFilters, sortByName: boolean): Source[] {
  const p = f.profileId;
  const sources: Source[] = [];
  const entryWalk = walkTestsEntries(f, sortByName);
  const add = (name: Source['name'], seqs: SqlFragment, counter: SqlFragment): void => {
    sources.push({ name, seqs, estimate: countUpTo(db, counter, driveBelow(name, entryWalk)) });
  };
  if (f.search?.match) add('search', ftsSeqs(f.search.match), ftsSeqs(f.search.match));
  if (f.search?.substringMatch) {
    const seqs = trigramSeqs(f.search.substringMatch);
    // The users whose words start with the substrings are a subset of its matches, and for
    // words of 4+ characters the word index counts them faster than the trigram phrase
    // ("anderson" at 100k users: 0.8 vs 3.6 ms CPU): when they alone pass the drive
    // threshold (a broad name, "john"), the trigram count would only confirm a walk.
    const prefixes = wordPrefixMatch(f.search.substrings);
    const below = driveBelow('substring', entryWalk);
    if (prefixes !== null && countUpTo(db, ftsSeqs(prefixes), below) >= below)
      sources.push({ name: 'substring', seqs, estimate: below });
    else add('substring', seqs, seqs);
  }
  const [words, substrings] = [sources.find((s) => s.name === 'search'), sources.find((s) => s.name === 'substring')];
  if (words && substrings) {
    // Word prefixes and substrings together ("John Da"): one source of the real matches, so a
    // drive reads only their sort keys; testing the other part on each candidate's row read
    // ~30 times more (100k users: 4.8 vs 172 ms CPU for "John Da"). From the word index when
    // the substrings are words (wordsAndSubstrings), else both indexes intersected.
    const [small, large] = words.estimate <= substrings.estimate ? [words, substrings] : [substrings, words];
    sources.splice(sources.indexOf(words), 1, {
      name: 'search',
      seqs:
        wordsAndSubstrings(db, f.search!) ??
        sql`SELECT seq FROM (${small.seqs}) INTERSECT SELECT seq FROM (${large.seqs})`,
      estimate: bothEstimate(db, f.search!, small.estimate, driveBelow('search', entryWalk)),
    });
    sources.splice(sources.indexOf(substrings), 1);
  }
  if (f.search?.emailPrefix) {
    const prefix = f.search.emailPrefix;
    const byEmail = sql`SELECT seq FROM users INDEXED BY users_by_email
                        WHERE profile_id = ${p} AND lower(email) >= ${prefix} AND lower(email) < ${prefixEnd(prefix)}`;
    add('email', byEmail, byEmail);
  }
  if (f.groupId) {
    const members = sql`SELECT u2.seq FROM memberships m CROSS JOIN users u2 ON u2.profile_id = m.profile_id AND u2.id = m.user_id
                        WHERE m.profile_id = ${p} AND m.group_id = ${f.groupId}`;
    add('group', members, sql`SELECT 1 FROM memberships WHERE profile_id = ${p} AND group_id = ${f.groupId}`);
  }
  if (f.state) {
    const inState = f.directoryId
      ? sql`SELECT seq FROM users INDEXED BY users_by_directory_state WHERE profile_id = ${p} AND directory_id = ${f.directoryId} AND state = ${f.state}`
      : sql`SELECT seq FROM users INDEXED BY users_by_state WHERE profile_id = ${p} AND state = ${f.state}`;
    add('state', inState, inState);
  }
  if (f.customAttribute) {
    // The value's words are in the FTS index (custom attribute values are indexed): a phrase
    // query finds a superset; json_extract keeps the exact key and value.
    const tokens = tokenize(f.customAttribute.value);
    if (tokens.length > 0) {
      const match = `"${tokens.join(' ')}"`;
      add('attribute', ftsSeqs(match), ftsSeqs(match));
    }
  }
  if (f.directoryId && !sortByName) {
    const inDirectory = sql`SELECT seq FROM users INDEXED BY users_by_directory_state WHERE profile_id = ${p} AND directory_id = ${f.directoryId}`;
    add('directory', inDirectory, inDirectory);
  }
  return sources;
}

/**
 * Every filter as a test on `users u`, except the one whose source already chose the rows, and
 * the search test and the initials when the walk runs them on index entries (`entryTested`).
 */
function predicates(f: UserFilters, driver: Source['name'] | null, entryTested = false): SqlFragment[] {
  const where: SqlFragment[] = [sql`u.profile_id = ${f.profileId}`];
  if (f.directoryId) where.push(sql`u.directory_id = ${f.directoryId}`);
  if (f.state) where.push(sql`u.state = ${f.state}`);
  if (f.groupId && driver !== 'group')
    where.push(
      sql`EXISTS (SELECT 1 FROM memberships m WHERE m.profile_id = u.profile_id AND m.user_id = u.id AND m.group_id = ${f.groupId})`,
    );
  if (f.customAttribute)
    where.push(
      // Case-insensitive like search itself (`department=sales` finds `Sales`); lower() folds ASCII.
      sql`lower(json_extract(u.custom_attributes, ${attributePath(f.customAttribute.key)})) = ${f.customAttribute.value.replace(/[A-Z]/g, (c) => c.toLowerCase())}`,
    );
  if (f.search) {
    const spec = entryTested ? null : searchLeft(f.search, driver);
    if (spec) where.push(searchRowTest(spec));
    where.push(...f.search.exact);
    if (!entryTested) where.push(...f.search.initials.map((i) => initialFilter(i)));
    if (f.search.emailPrefix !== null && driver !== 'email') where.push(emailPrefixFilter(f.search.emailPrefix));
  }
  return where;
}

/** The word prefixes and substrings still to test once `driver` chose the rows; null when none. */
function searchLeft(search: UserSearch, driver: Source['name'] | null): SearchSpec | null {
  const spec: SearchSpec = {
    // A 'search' source answers the substrings too when there are both (see sourcesOf).
    terms: driver === 'search' ? [] : search.terms,
    substrings: driver === 'search' || driver === 'substring' ? [] : search.substrings,
  };
  return spec.terms.length > 0 || spec.substrings.length > 0 ? spec : null;
}

/**
 * Drive from this source when it has fewer candidates. Email prefixes cluster in name order (a
 * walk would cross the alphabet to reach them); FTS matches and group members sort from the
 * small seq-keyed index.
 */
function driveBelow(name: Source['name'], entryWalk: boolean): number {
  if ((name === 'substring' || name === 'search') && entryWalk) return ENTRY_WALK_DRIVE_BELOW;
  if (name === 'substring') return SUBSTRING_DRIVE_BELOW;
  if (name === 'search') return SEARCH_DRIVE_BELOW;
  if (name === 'group') return GROUP_DRIVE_BELOW;
  return name === 'email' ? LARGE_DRIVE_BELOW : DRIVE_BELOW;
}

/** Which source to drive from when a walk would read too far: the cheapest kind first. */
const DRIVE_PREFERENCE: Source['name'][] = ['email', 'group', 'state', 'directory', 'attribute', 'search', 'substring'];

/**
 * Whether a drive from `driver` needs nothing from the user rows but sort keys (profile, seq,
 * id, sort name, updated time): then it reads the small seq-keyed index, not ~2 KB rows.
 */
function indexOnlyDrive(driver: Source['name'], f: UserFilters): boolean {
  if (f.directoryId || f.state || f.customAttribute || (f.search?.exact.length ?? 0) > 0) return false;
  if ((f.search?.initials.length ?? 0) > 0) return false;
  if (driver === 'email') return !f.groupId && !f.search?.terms.length && !f.search?.substrings.length;
  if (f.search?.emailPrefix) return false;
  if (driver === 'search' || driver === 'substring') return !f.groupId;
  if (driver === 'group') return !f.search;
  return false;
}

export function planUserList(db: ReadableDB, f: UserFilters, sortByName: boolean, forceDrive = false): UserPlan {
  if (f.search?.terms.length || f.search?.substrings.length) ensureSearchFunction(db);
  const sources = sourcesOf(db, f, sortByName);
  // The state's own index is walked in name order: never read a state whole to sort it, unless
  // a walk already failed and nothing else can drive.
  const stateWalk = walksByState(f, sortByName);
  const drivers = stateWalk ? sources.filter((s) => s.name !== 'state') : sources;
  const entryWalk = walkTestsEntries(f, sortByName);
  const narrow = drivers
    .filter((s) => s.estimate < driveBelow(s.name, entryWalk))
    .sort((a, b) => a.estimate - b.estimate)[0];
  const preferred = forceDrive
    ? [...(drivers.length > 0 ? drivers : sources)].sort(
        (a, b) => DRIVE_PREFERENCE.indexOf(a.name) - DRIVE_PREFERENCE.indexOf(b.name),
      )[0]
    : undefined;
  // A state no larger than the narrowest other source is walked: its index yields only
  // candidates, already in name order (a narrow state with a broad substring, say).
  const state = stateWalk && !forceDrive ? sources.find((s) => s.name === 'state') : undefined;
  const driver = state && narrow && state.estimate <= narrow.estimate ? undefined : (narrow ?? preferred);
  if (driver) {
    return {
      mode: 'drive',
      sources,
      driver: driver.name,
      from: indexOnlyDrive(driver.name, f)
        ? sql`(${driver.seqs}) c CROSS JOIN users u INDEXED BY users_sort_keys_by_seq ON u.seq = c.seq`
        : sql`(${driver.seqs}) c CROSS JOIN users u ON u.seq = c.seq`,
      where: predicates(f, driver.name),
      entryTest: null,
    };
  }
  const entrySpec = entryWalk && f.search ? searchLeft(f.search, null) : null;
  const entryTests = [
    ...(entrySpec ? [searchRowTest(entrySpec, 'entry')] : []),
    // An initial alone ("q") has no index to drive from: its walk must not read every row.
    ...(entryWalk && f.search ? f.search.initials.map((i) => initialFilter(i, 'entry')) : []),
  ];
  const entryTest = entryTests.length > 0 ? joinSql(entryTests, ' AND ') : null;
  return {
    mode: 'walk',
    sources,
    driver: null,
    from: sql`users u INDEXED BY ${orderIndex(f, sortByName)}`,
    where: predicates(f, null, entryTest !== null),
    entryTest,
  };
}

export type PageTotal = { total: number | null; capped: boolean };
const AT_LEAST_CAP: PageTotal = { total: TOTAL_CAP, capped: true };

/**
 * A total from `n` matches counted up to one past TOTAL_CAP (so exactly TOTAL_CAP is told
 * apart from more). `complete`: every candidate was counted; otherwise only a prefix was, and
 * fewer than TOTAL_CAP matches in it leave the total unknown.
 */
export function pageTotal(n: number, complete: boolean): PageTotal {
  if (n > TOTAL_CAP) return AT_LEAST_CAP;
  if (complete) return { total: n, capped: false };
  return n === TOTAL_CAP ? AT_LEAST_CAP : { total: null, capped: false };
}

/**
 * The total for a first page that walked (a drive counts its matches in its own pass): exact up
 * to TOTAL_CAP (or with no filter at all), else "at least TOTAL_CAP", counted from the
 * narrowest filter. `null` when even that would read more than TOTAL_SCAN_LIMIT candidates.
 */
export function countForPlan(db: ReadableDB, f: UserFilters, plan: UserPlan): PageTotal {
  if (plan.sources.length === 0) {
    const where = joinSql(plan.where, ' AND ');
    if (!f.search && !f.state && !f.groupId && !f.customAttribute) {
      // No narrowing filter: the profile's (or one directory's) users, from the kept counts.
      return { total: userTotal(db, f.profileId, f.directoryId), capped: false };
    }
    if (plan.entryTest) {
      // Initials alone: counted on the name index's entries, as far as TOTAL_SCAN_LIMIT of them.
      const asc = sql`ASC`;
      const tested = walkedRows(f, true, null, asc, TOTAL_SCAN_LIMIT, plan.entryTest);
      const n = countUpTo(
        db,
        sql`SELECT 1 FROM (${tested}) w CROSS JOIN users u ON u.seq = w.seq WHERE ${where}`,
        TOTAL_CAP + 1,
      );
      if (n > TOTAL_CAP) return AT_LEAST_CAP;
      const ended = countUpTo(db, walkedRows(f, true, null, asc, null), TOTAL_SCAN_LIMIT + 1) <= TOTAL_SCAN_LIMIT;
      return pageTotal(n, ended);
    }
    return pageTotal(countUpTo(db, sql`SELECT 1 FROM users u WHERE ${where}`, TOTAL_CAP + 1), true);
  }
  // Every source matched at least DRIVE_BELOW rows; the first (search, when present) streams
  // its candidates most cheaply.
  const source = plan.sources[0]!;
  const where = joinSql(
    predicates(f, source.name === 'search' || source.name === 'substring' ? source.name : null),
    ' AND ',
  );
  const scanned = sql`(${source.seqs} LIMIT ${TOTAL_SCAN_LIMIT}) c CROSS JOIN users u ON u.seq = c.seq`;
  const n = countUpTo(db, sql`SELECT 1 FROM ${scanned} WHERE ${where}`, TOTAL_CAP + 1);
  if (n > TOTAL_CAP) return AT_LEAST_CAP;
  return pageTotal(n, countUpTo(db, source.seqs, TOTAL_SCAN_LIMIT + 1) <= TOTAL_SCAN_LIMIT);
}
