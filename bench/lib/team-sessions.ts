/**
 * Signed-in sessions of the team scenario: each is a cookie jar that went through the IdP's
 * authorization code flow (the tests' `TestBrowser`, which submits the provider's own login and
 * consent pages), calling the ConsoleApi over HTTP as the UI does. `browse` runs one person's
 * loop — search, open a user, open one of their groups, next page of a list — recording every
 * call's latency (request sent → body parsed) and every failure (non-2xx, failed envelope,
 * network error or timeout).
 */
import { TestBrowser } from '../../test/integration/server/support/browser.ts';

export type CallKind = 'search' | 'page' | 'user' | 'group';
export const CALL_KINDS: readonly CallKind[] = ['search', 'page', 'user', 'group'];

export interface CallSample {
  kind: CallKind;
  /** Start, ms since the pass began. */
  at: number;
  ms: number;
  ok: boolean;
}

export interface CallError {
  kind: CallKind | 'setup';
  status: number | null;
  code: string;
  message: string;
}

interface Answer {
  ok: boolean;
  status: number | null;
  value: unknown;
  code: string;
  message: string;
}

const CALL_TIMEOUT_MS = 30_000;

export class TeamSession {
  readonly browser = new TestBrowser();
  private readonly origin: string;

  constructor(readonly base: string) {
    this.origin = new URL(base).origin;
  }

  /** Signs in through the provider's pages; throws with the server's answer when refused. */
  async signIn(login: string): Promise<void> {
    const { res, url } = await this.browser.signIn(this.base, login);
    const body = await res.text();
    if (res.status !== 200 || !url.startsWith(this.origin)) {
      throw new Error(`sign-in of ${login} ended with ${res.status} at ${url}: ${body.slice(0, 200)}`);
    }
  }

  async call(method: string, input: unknown): Promise<Answer> {
    try {
      const res = await this.browser.request(`${this.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: this.origin },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const text = await res.text();
      let body: { ok?: boolean; value?: unknown; error?: { code?: string; message?: string } } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return { ok: false, status: res.status, value: null, code: 'not_json', message: text.slice(0, 200) };
      }
      const ok = res.status >= 200 && res.status < 300 && body.ok === true;
      return {
        ok,
        status: res.status,
        value: body.value,
        code: ok ? '' : (body.error?.code ?? `http_${res.status}`),
        message: ok ? '' : (body.error?.message ?? text.slice(0, 200)),
      };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const cause = e.cause ? `: ${e.cause.code ?? e.cause.message ?? String(e.cause)}` : '';
      return {
        ok: false,
        status: null,
        value: null,
        code: e.name === 'TimeoutError' ? 'timeout' : 'network',
        message: e.message + cause,
      };
    }
  }

  /** A call that must succeed (setup steps): its value, or an error naming the method. */
  async must<T>(method: string, input: unknown): Promise<T> {
    const a = await this.call(method, input);
    if (!a.ok) throw new Error(`${method} failed: ${a.status ?? 'no answer'} ${a.code} ${a.message}`);
    return a.value as T;
  }
}

/** What the sessions pick from: real names, ids and directories read from the cache first. */
export interface BrowsePool {
  profileId: string;
  terms: string[];
  userIds: string[];
  groupIds: string[];
  directoryIds: string[];
}

export interface BrowseOptions {
  /** Pause between two calls of one session, drawn uniformly in [min, max] ms. */
  thinkMs: { min: number; max: number };
  /** Checked before each call: false ends the loop. */
  running(): boolean;
  /** Time origin of the pass (performance.now()). */
  t0: number;
  random: () => number;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const pick = <T>(items: readonly T[], random: () => number): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)];

/**
 * One person's loop until `running()` is false. `index` spreads the sessions over the
 * directories (every other session browses the whole profile's Users list).
 */
export async function browse(
  session: TeamSession,
  index: number,
  pool: BrowsePool,
  options: BrowseOptions,
  samples: CallSample[],
  errors: CallError[],
): Promise<void> {
  const { profileId } = pool;
  const random = options.random;
  const directoryId = index % 2 === 0 ? undefined : pool.directoryIds[index % pool.directoryIds.length];
  let cursor: string | undefined;
  const think = (): Promise<void> => {
    const ms = options.thinkMs.min + random() * (options.thinkMs.max - options.thinkMs.min);
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  };
  const timed = async (kind: CallKind, method: string, input: unknown): Promise<Answer | null> => {
    if (!options.running()) return null;
    const start = performance.now();
    const answer = await session.call(method, input);
    const ms = performance.now() - start;
    samples.push({ kind, at: start - options.t0, ms, ok: answer.ok });
    if (!answer.ok)
      errors.push({ kind, status: answer.status, code: answer.code, message: answer.message.slice(0, 300) });
    await think();
    return answer;
  };

  while (options.running()) {
    const term = pick(pool.terms, random) ?? 'a';
    const found = await timed('search', 'listUsers', { profileId, search: term, limit: 50 });
    const hits = found?.ok ? (found.value as Page<{ id: string }>).items : [];
    const userId = pick(hits, random)?.id ?? pick(pool.userIds, random);
    let groupIds = pool.groupIds;
    if (userId) {
      const detail = await timed('user', 'getUser', { profileId, userId });
      const groups = detail?.ok ? (detail.value as { groups: { id: string }[] }).groups : [];
      if (groups.length > 0) groupIds = groups.map((g) => g.id);
    }
    const groupId = pick(groupIds, random);
    if (groupId) await timed('group', 'getGroup', { profileId, groupId });
    const page = await timed('page', 'listUsers', { profileId, directoryId, cursor, limit: 100 });
    cursor = page?.ok ? ((page.value as Page<unknown>).nextCursor ?? undefined) : undefined;
  }
}

/** A small deterministic generator (mulberry32), one per session, so runs pick alike. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` calls of one kind, back to back from one session (for the server's CPU per call:
 * nothing else runs on the server meanwhile). Searches cycle through the terms, pages follow
 * the whole profile's Users list, details cycle through the pool's ids.
 */
export async function soloCalls(
  session: TeamSession,
  pool: BrowsePool,
  kind: CallKind,
  count: number,
  errors: CallError[],
): Promise<void> {
  const { profileId } = pool;
  let cursor: string | undefined;
  for (let i = 0; i < count; i++) {
    const answer =
      kind === 'search'
        ? await session.call('listUsers', { profileId, search: pool.terms[i % pool.terms.length], limit: 50 })
        : kind === 'page'
          ? await session.call('listUsers', { profileId, cursor, limit: 100 })
          : kind === 'user'
            ? await session.call('getUser', { profileId, userId: pool.userIds[i % pool.userIds.length] })
            : await session.call('getGroup', { profileId, groupId: pool.groupIds[i % pool.groupIds.length] });
    if (!answer.ok)
      errors.push({ kind, status: answer.status, code: answer.code, message: answer.message.slice(0, 300) });
    if (kind === 'page') cursor = answer.ok ? ((answer.value as Page<unknown>).nextCursor ?? undefined) : undefined;
  }
}
