/**
 * Scenario 8's per-screen figures: each screen the issue names opened in-app and by a page load
 * on a console started cold on the big cache, timed in the page to its first data (not its
 * skeleton). The group and the user are picked from the cache: the group whose member count is
 * nearest 5,000 and the user with the most change-log rows of their own (the bench cache's
 * changes are field changes of 100k users, a few per user; `lengthenTimeline` adds more).
 */
import type { Page } from '@playwright/test';
import { inTransaction, queryOne } from '../../src/main/store/exec.ts';
import { sql } from '../../src/main/store/sql.ts';
import type { ReadableDB } from '../../src/main/store/db-types.ts';
import { getUserRow } from '../../src/main/store/entity-reads.ts';
import { userFromWire, type JsonObject } from '../../src/main/store/records.ts';
import type { Store } from '../../src/main/store/store.ts';
import { upsertUser } from '../../src/main/store/user-writes.ts';

export interface ScreenTargets {
  group: { id: string; members: number } | null;
  user: { id: string; changes: number } | null;
}

export function pickScreenTargets(db: ReadableDB, profileId: string): ScreenTargets {
  const group = queryOne<{ group_id: string; n: number }>(
    db,
    sql`SELECT group_id, count(*) AS n FROM memberships WHERE profile_id = ${profileId}
        GROUP BY group_id ORDER BY abs(n - 5000) LIMIT 1`,
  );
  // A user's own rows (entity_id; the bench cache holds no membership rows, which carry
  // user_id). `<> 'membership'` is the partial index's own condition, so the planner may use it.
  const user = queryOne<{ entity_id: string; n: number }>(
    db,
    sql`SELECT entity_id, count(*) AS n FROM changes INDEXED BY changes_by_entity
        WHERE profile_id = ${profileId} AND entity_type <> 'membership' AND entity_type = 'user'
        GROUP BY entity_id ORDER BY n DESC LIMIT 1`,
  );
  return {
    group: group ? { id: group.group_id, members: group.n } : null,
    user: user ? { id: user.entity_id, changes: user.n } : null,
  };
}

export interface ScreenProbe {
  name: string;
  path: string;
  /** The first element that is the screen's data (a row), never its skeleton or empty state. */
  firstData: string;
  /** The label of a tab to click once the page is there, when the data sits behind one. */
  tab?: string;
}

export function screenProbes(t: ScreenTargets): ScreenProbe[] {
  const probes: ScreenProbe[] = [
    { name: 'Directories', path: '/directories', firstData: '[data-testid="directory-row"]' },
    { name: 'Users', path: '/users', firstData: '[data-testid="user-row"]' },
  ];
  if (t.group) {
    const path = `/groups/${encodeURIComponent(t.group.id)}`;
    probes.push({
      name: `a group of ${t.group.members.toLocaleString('en-US')} members (Members)`,
      path,
      firstData: '[data-testid="user-row"]',
    });
    probes.push({
      name: 'Members on a date (that group)',
      path,
      firstData: '[data-testid="member-at-row"]',
      tab: 'Members on a date',
    });
  }
  if (t.user) {
    probes.push({
      name: `a user with ${t.user.changes.toLocaleString('en-US')} changes (Timeline)`,
      path: `/users/${encodeURIComponent(t.user.id)}`,
      firstData: '[data-testid="change-row"]',
    });
  }
  probes.push(
    {
      name: 'Changes (last run with changes)',
      path: '/changes',
      firstData: '[data-testid="diff-field-row"], [data-testid="diff-group"]',
    },
    { name: 'Inactive', path: '/inactive', firstData: '[data-testid="inactive-row"]' },
  );
  return probes;
}

export type ScreenMode = 'in-app' | 'page load';

/** Set on #root once the app has its first data (AppLayout). */
export const APP_LOADED = '[data-app-state="loaded"]';

export interface InPageWait {
  /** The element whose first appearance ends the wait. */
  selector: string;
  /** A tab to click on the way (its label). */
  tab?: string | null;
  /** A route to change to inside the page first, as a link does (React Router follows popstate). */
  navigate?: string | null;
  /** An element to click first (a sidebar link). */
  clickFirst?: string | null;
}

/**
 * Runs in the page and answers, in epoch milliseconds, when the wait began (after the page's own
 * navigation started, for a page just loaded: `begin` is then that start) and when `selector`
 * first appeared. A MutationObserver sees the element arrive; Playwright's own waiting polls at
 * growing intervals (up to a second), which made earlier figures of this scenario coarser.
 */
export async function timeInPage(page: Page, wait: InPageWait): Promise<{ begin: number; end: number }> {
  return page.evaluate<{ begin: number; end: number }>(`(async (a) => {
    const acted = Boolean(a.navigate || a.clickFirst);
    const t0 = performance.now();
    if (a.clickFirst) document.querySelector(a.clickFirst).click();
    if (a.navigate) { history.pushState(null, '', a.navigate); dispatchEvent(new PopStateEvent('popstate')); }
    const until = (test) => new Promise((resolve, reject) => {
      const hit = test();
      if (hit) return resolve(hit);
      const obs = new MutationObserver(() => { const h = test(); if (h) { obs.disconnect(); resolve(h); } });
      obs.observe(document, { childList: true, subtree: true, attributes: true });
      setTimeout(() => { obs.disconnect(); reject(new Error('no ' + a.selector + ' within 120 s')); }, 120000);
    });
    if (a.tab) {
      const tab = await until(() => [...document.querySelectorAll('[role="tab"]')].find((e) => e.textContent.trim() === a.tab));
      tab.click();
    }
    await until(() => document.querySelector(a.selector));
    return { begin: performance.timeOrigin + (acted ? t0 : 0), end: performance.timeOrigin + performance.now() };
  })(${JSON.stringify(wait)})`);
}

/**
 * Milliseconds from opening the screen to its first data. `in-app`: the console is first loaded
 * on Settings (whose data no probe needs), then the route changes inside the page as a link
 * would, so the app's own start is not counted and nothing of the screen is in the renderer's
 * query cache. `page load`: the screen's address loaded as a new page (the app starts again).
 */
export async function timeScreen(page: Page, baseUrl: string, probe: ScreenProbe, mode: ScreenMode): Promise<number> {
  const target = new URL(probe.path, baseUrl);
  const wait: InPageWait = { selector: probe.firstData, tab: probe.tab ?? null };
  if (mode === 'in-app') {
    await page.goto(new URL('/settings', baseUrl).toString(), { timeout: 120_000 });
    await page.locator(APP_LOADED).waitFor({ timeout: 120_000 });
    wait.navigate = target.pathname;
  } else {
    await page.goto(target.toString(), { waitUntil: 'commit', timeout: 120_000 });
  }
  const { begin, end } = await timeInPage(page, wait);
  return end - begin;
}

/**
 * Gives the picked user a long timeline on the scenario's copy of the cache: `count` job-title
 * changes an hour apart, through the same write path as the Events API (one change row each).
 * Returns the change rows written.
 */
export function lengthenTimeline(store: Store, profileId: string, userId: string, count: number): number {
  const row = getUserRow(store.writer, profileId, userId);
  if (!row) return 0;
  const raw = JSON.parse(row.raw_json) as JsonObject;
  const start = Date.parse(String(raw.updated_at ?? row.updated_at));
  return inTransaction(store.writer, () => {
    let written = 0;
    for (let i = 1; i <= count; i++) {
      const at = new Date(start + i * 3_600_000).toISOString();
      const edited = { ...raw, job_title: `Title ${i}`, updated_at: at };
      written += upsertUser(
        store.writer,
        { profileId, at, source: 'events', runId: null, eventId: null, baseline: false },
        userFromWire(edited),
      );
    }
    return written;
  });
}
