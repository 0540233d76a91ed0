/**
 * Scenario 8: the web console in Chromium on a large cache. A cold start (process spawn → the
 * first screen, Directories, showing its rows from the cache), navigation to the first rows of
 * Users (a full page load of /users, and in-app from the sidebar), the longest main-thread
 * task while scrolling through N rows (Long Tasks API), then each screen's first data
 * (lib/screen-probes.ts). Every time is taken in the page, on the machine's clock.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchTempDir, removeBenchTempDir } from '../lib/run-cleanup.ts';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { BenchArgs } from '../lib/args.ts';
import { ensureBigCache } from '../lib/big-cache.ts';
import { judge, notMeasured, type ScenarioReport } from '../lib/report.ts';
import { fmt, round } from '../lib/stats.ts';
import { startWebConsole, type WebConsole } from '../lib/web-console.ts';
import {
  APP_LOADED,
  lengthenTimeline,
  pickScreenTargets,
  screenProbes,
  timeInPage,
  timeScreen,
  type ScreenMode,
} from '../lib/screen-probes.ts';
import { openStore } from '../../src/main/store/store.ts';
import { CHROMIUM_ARGS, CHROMIUM_IGNORE_DEFAULT_ARGS, chromiumExecutable } from '../../test/e2e/support/chromium.ts';

/** Change rows the measured user's timeline is given on the copy (a long-serving, often-edited user). */
const LONG_TIMELINE_CHANGES = 2000;

async function newPage(browser: Browser, consoleUrl: WebConsole): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultNavigationTimeout(120_000);
  // Every task over 50 ms, from the first script on. (Page scripts are strings: this file
  // is compiled for Node, without DOM types.)
  await page.addInitScript({
    content: `window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });`,
  });
  await page.goto(consoleUrl.launchUrl, { waitUntil: 'commit' });
  return page;
}

/** The first screen is Directories: loaded means its rows are on screen, not just the shell. */
const FIRST_SCREEN_ROW = '[data-testid="directory-row"]';
const USER_ROW = '[data-testid="user-row"]';

async function longTasks(page: Page, reset = false): Promise<number[]> {
  return page.evaluate<number[]>(
    `(() => { const out = [...window.__longTasks]; if (${reset}) window.__longTasks = []; return out; })()`,
  );
}

async function scrollRows(page: Page, rows: number): Promise<{ reached: number; seconds: number }> {
  const table = page.getByTestId('user-table');
  const t0 = performance.now();
  let reached = 0;
  let stuck = 0;
  while (reached < rows && stuck < 200) {
    await table.evaluate((el) => el.scrollBy(0, el.clientHeight));
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
    const last = Number(await page.getByTestId('user-row').last().getAttribute('aria-rowindex'));
    stuck = last > reached ? 0 : stuck + 1;
    if (stuck > 0) await page.waitForTimeout(20); // the next keyset page is on its way
    reached = Math.max(reached, last);
  }
  return { reached, seconds: (performance.now() - t0) / 1000 };
}

export async function uiScenario(
  args: BenchArgs,
  size: { users: number; directories: number; scrollRows: number; diffChanges: number },
  log: (line: string) => void,
): Promise<ScenarioReport> {
  let executablePath: string;
  try {
    executablePath = chromiumExecutable(); // the one Playwright's config uses (CHROMIUM_PATH honoured)
  } catch (err) {
    return notMeasured('ui', 'Web console in Chromium', err instanceof Error ? err.message : String(err));
  }
  const cache = await ensureBigCache(size, log); // at the current schema: built by this code or upgraded
  const targets = (() => {
    const store = openStore(cache.path);
    try {
      return pickScreenTargets(store.reader, cache.profileId);
    } finally {
      store.close();
    }
  })();
  const dataDir = benchTempDir('dsync-bench-ui-');
  copyFileSync(cache.path, join(dataDir, 'cache.sqlite'));
  // The bench cache's users have a few changes each; the timeline measured is a long one.
  if (targets.user) {
    const copy = openStore(join(dataDir, 'cache.sqlite'));
    try {
      targets.user.changes += lengthenTimeline(copy, cache.profileId, targets.user.id, LONG_TIMELINE_CHANGES);
    } finally {
      copy.close();
    }
  }
  const browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
    ignoreDefaultArgs: CHROMIUM_IGNORE_DEFAULT_ARGS,
  });
  try {
    // Warm-up start: builds the renderer if needed and applies any migration, so the timed
    // cold start measures the app, not a one-off build.
    const warm = await startWebConsole(dataDir);
    const warmPage = await newPage(browser, warm);
    await timeInPage(warmPage, { selector: FIRST_SCREEN_ROW });
    await warmPage.context().close();
    await warm.stop();

    const server = await startWebConsole(dataDir);
    let coldStartMs = Number.NaN;
    let shellMs = Number.NaN;
    let inAppNavMs = Number.NaN;
    let navMs = Number.NaN;
    let scroll = { reached: 0, seconds: 0 };
    let scrollTasks: number[] = [];
    const screens: { name: string; mode: ScreenMode; ms: number }[] = [];
    const problems: string[] = [];
    // Each step is measured on its own: a step that times out is reported as such, and the
    // figures already taken are kept.
    const attempt = async (what: string, work: () => Promise<void>): Promise<void> => {
      try {
        await work();
      } catch (err) {
        problems.push(`${what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    };
    try {
      let page: Page | null = null;
      await attempt('cold start', async () => {
        const spawned = performance.timeOrigin + server.spawnedAt;
        const p = await newPage(browser, server);
        page = p;
        const [shell, rows] = await Promise.all([
          timeInPage(p, { selector: APP_LOADED }),
          timeInPage(p, { selector: FIRST_SCREEN_ROW }),
        ]);
        shellMs = shell.end - spawned;
        coldStartMs = rows.end - spawned;
      });
      if (page) {
        const p: Page = page;
        await attempt('in-app navigation to Users', async () => {
          const { begin, end } = await timeInPage(p, { selector: USER_ROW, clickFirst: '[data-testid="nav-users"]' });
          inAppNavMs = end - begin;
        });
        await attempt('navigation to Users', async () => {
          await p.goto(new URL('/users', server.url).toString(), { waitUntil: 'commit', timeout: 120_000 });
          const { begin, end } = await timeInPage(p, { selector: USER_ROW });
          navMs = end - begin;
        });
        if (Number.isFinite(navMs)) {
          await attempt('scrolling', async () => {
            await longTasks(p, true);
            scroll = await scrollRows(p, size.scrollRows);
            scrollTasks = await longTasks(p);
          });
        }
        // In-app first: the server's caches are as cold as the walk leaves them for the first probes.
        for (const mode of ['in-app', 'page load'] as const) {
          for (const probe of screenProbes(targets)) {
            await attempt(`first data of ${probe.name} (${mode})`, async () => {
              screens.push({ name: probe.name, mode, ms: await timeScreen(p, server.url, probe, mode) });
            });
          }
        }
        await p.context().close();
      }
    } finally {
      await server.stop();
    }
    const longest = scrollTasks.length ? Math.max(...scrollTasks) : 0;
    log(
      `  ui: cold ${round(coldStartMs)} ms (shell ${round(shellMs)} ms), users ${round(navMs)} ms (in-app ${round(inAppNavMs)} ms), scrolled ${scroll.reached} rows, long tasks ${JSON.stringify(scrollTasks.map((t) => round(t, 0)))}; screens ${screens.map((s) => `${s.name} (${s.mode}) ${round(s.ms)} ms`).join(', ')}`,
    );
    return {
      scenario: 'ui',
      title: 'Web console in Chromium',
      setup: `${fmt(cache.users)} users / ${cache.directories} directories cached; Chromium ${browser.version()} headless, 1440×900; auto-sync off; limits ×${args.scale} not involved`,
      figures: [
        ...problems.map((note) => ({ name: 'problem', value: note.slice(0, 120), verdict: 'missed' as const })),
        {
          name: 'navigation to first rows of Users',
          value: Number.isFinite(navMs) ? `${fmt(navMs)} ms` : 'not reached (see note)',
          target: '≤ 1000 ms',
          verdict: judge(navMs, '<=', 1000),
        },
        {
          name: 'navigation to first rows of Users, in-app (sidebar)',
          value: Number.isFinite(inAppNavMs) ? `${fmt(inAppNavMs)} ms` : 'not reached (see note)',
          verdict: 'info',
        },
        {
          name: `longest task while scrolling ${fmt(scroll.reached)} rows`,
          value: scrollTasks.length
            ? `${fmt(longest)} ms (${scrollTasks.length} tasks over 50 ms)`
            : 'no task over 50 ms',
          // Issue 17: no main-thread task over 50 ms (the Long Tasks API reports exactly those).
          target: 'no task over 50 ms',
          verdict: !Number.isFinite(navMs)
            ? 'not measured'
            : scroll.reached >= size.scrollRows
              ? judge(longest, '<=', 50)
              : 'missed',
        },
        // Opening a screen is an in-app navigation in the desktop app; a page load also starts the
        // web console's renderer again (its own figure: cold start).
        ...screens.map((s) =>
          s.mode === 'in-app'
            ? {
                name: `first data of ${s.name}`,
                value: `${fmt(s.ms)} ms`,
                target: '≤ 1000 ms',
                verdict: judge(s.ms, '<=', 1000),
              }
            : { name: `first data of ${s.name}, page load`, value: `${fmt(s.ms)} ms`, verdict: 'info' as const },
        ),
        {
          name: 'cold start to first screen from cache (Directories rows shown)',
          value: Number.isFinite(coldStartMs) ? `${fmt(coldStartMs)} ms` : 'not reached (see note)',
          target: '≤ 2000 ms',
          verdict: judge(coldStartMs, '<=', 2000),
        },
        {
          name: 'cold start to the app shell (before the first screen has data)',
          value: Number.isFinite(shellMs) ? `${fmt(shellMs)} ms` : 'not reached (see note)',
          verdict: 'info',
        },
      ],
      details: {
        coldStartMs: round(coldStartMs),
        shellMs: round(shellMs),
        navigationMs: round(navMs),
        inAppNavigationMs: round(inAppNavMs),
        scroll,
        longTasksMs: scrollTasks.map((t) => round(t, 1)),
        screenTargets: targets,
        screensMs: screens.map((s) => ({ ...s, ms: round(s.ms) })),
      },
    };
  } finally {
    await browser.close();
    removeBenchTempDir(dataDir);
  }
}
