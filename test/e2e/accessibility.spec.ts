/**
 * Accessibility: axe-core scans every screen in light and dark — including the tabs, panels and
 * overlays that only appear after a click (Members on a date, the webhook tabs, the alerts
 * panel, the open palette) — and the test fails on any serious or critical violation (WCAG 2
 * A/AA rules plus axe's best practices). Each scan also saves the screen in that theme as
 * test-results/screenshots/<screen>-<theme>.png for reviewers.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page as BrowserPage } from '@playwright/test';
import type { Change, DirectorySummary, UserSummary } from '../../src/shared/api';
import { callApi, expect, test, type AppPage } from './support/shared-console';
import { screenshotDir } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

interface Page<T> {
  items: T[];
}

interface ScreenCase {
  name: string;
  path(ids: Ids): string;
  /** Something that is only there once the screen shows its data. */
  ready: string;
  /** What to do before the scan: open a tab, a panel, the palette. */
  open?(page: BrowserPage, ids: Ids): Promise<void>;
}

interface Ids {
  directoryId: string;
  /** A member of `groupId`, so the user page has groups and a timeline to show. */
  userId: string;
  groupId: string;
  /** A word of a directory's name, for the palette. */
  paletteQuery: string;
}

const anyOf = (...testIds: string[]) => testIds.map((t) => `[data-testid="${t}"]`).join(', ');

const screens: ScreenCase[] = [
  { name: 'directories', path: () => '/directories', ready: anyOf('directory-row') },
  { name: 'directory-detail', path: (i) => `/directories/${i.directoryId}`, ready: anyOf('counts-chart') },
  { name: 'users', path: () => '/users', ready: anyOf('user-row') },
  { name: 'user-detail', path: (i) => `/users/${i.userId}`, ready: anyOf('user-timeline', 'empty-state') },
  { name: 'groups', path: () => '/groups', ready: anyOf('group-row') },
  { name: 'group-detail', path: (i) => `/groups/${i.groupId}`, ready: anyOf('user-row') },
  {
    name: 'group-history',
    path: (i) => `/groups/${i.groupId}`,
    ready: anyOf('group-history', 'empty-state'),
    open: (page) => page.getByRole('tab', { name: 'Membership history' }).click(),
  },
  {
    name: 'group-members-at',
    path: (i) => `/groups/${i.groupId}`,
    ready: anyOf('members-at', 'members-at-context'),
    open: (page) => page.getByRole('tab', { name: 'Members on a date' }).click(),
  },
  { name: 'inactive', path: () => '/inactive', ready: anyOf('inactive-row', 'empty-state') },
  { name: 'changes', path: () => '/changes', ready: anyOf('diff-view', 'empty-state') },
  { name: 'webhooks-verify', path: () => '/webhooks/verify', ready: anyOf('verify-button') },
  {
    name: 'webhooks-inbox',
    path: () => '/webhooks/inbox',
    ready: anyOf('inbox-detail', 'inbox-row', 'empty-state'),
    // The Demo's emulator delivers to the receiver; with a delivery, show one opened.
    open: async (page) => {
      const row = page.getByTestId('inbox-row').first();
      const hasOne = await row
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (hasOne) {
        await row.click();
        await expect(page.getByTestId('inbox-detail')).toBeVisible({ timeout: 30_000 });
      }
    },
  },
  { name: 'webhooks-compare', path: () => '/webhooks/diff', ready: 'h1' },
  { name: 'webhooks-send', path: () => '/webhooks/send', ready: anyOf('send-button') },
  { name: 'settings', path: () => '/settings', ready: anyOf('profile-row') },
  {
    name: 'alerts-panel',
    path: () => '/directories',
    ready: anyOf('alerts-panel'),
    open: (page) => page.getByTestId('alerts-button').click(),
  },
  {
    name: 'palette',
    path: () => '/users',
    ready: anyOf('palette-entity'),
    open: async (page, ids) => {
      await expect(page.getByTestId('user-row').first()).toBeVisible({ timeout: 30_000 });
      await page.keyboard.press('Control+K');
      await page.getByTestId('palette-input').fill(ids.paletteQuery);
    },
  },
];

/** The Demo's ids, found once per worker (the console is shared by the worker's tests). */
let cachedIds: Ids | null = null;

/**
 * Waits until the Demo's opening story has played (a deletion and membership changes are in
 * the change log, about four minutes after start), so the screens and their screenshots show
 * history rather than a fresh cache; then picks a group whose membership changed and that
 * still has members, one of its members, and the group's directory.
 */
async function demoIds(app: AppPage): Promise<Ids> {
  if (cachedIds) return cachedIds;
  const { page } = app;
  await app.open('/directories');
  await expect(page.getByTestId('directory-row').first()).toBeVisible({ timeout: 30_000 });
  let ids: Ids | null = null;
  await expect
    .poll(
      async () => {
        const directories = await callApi<DirectorySummary[]>(page, 'listDirectories', { profileId: 'demo' });
        const changes = (entityType: Change['entityType']) =>
          callApi<Page<Change>>(page, 'listChanges', { profileId: 'demo', entityType, limit: 1000 });
        const deleted = (await changes('user')).items.some((c) => c.kind === 'removed');
        // Each group whose membership changed, with its directory (which then has history too).
        const groups = new Map(
          (await changes('membership')).items.flatMap((c) => (c.groupId ? [[c.groupId, c.directoryId] as const] : [])),
        );
        if (!directories[0] || !deleted) return false;
        for (const [groupId, directoryId] of groups) {
          const members = await callApi<Page<UserSummary>>(page, 'listUsers', { profileId: 'demo', groupId, limit: 2 });
          if (members.items.length < 2) continue;
          ids = {
            directoryId,
            userId: members.items[0]!.id,
            groupId,
            paletteQuery: (directories.find((d) => d.id === directoryId) ?? directories[0]).name
              .split(/\s+/)[0]!
              .toLowerCase(),
          };
          return true;
        }
        return false;
      },
      { timeout: 360_000, intervals: [5_000] },
    )
    .toBe(true);
  cachedIds = ids!;
  return cachedIds;
}

function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`)
        .join('\n');
      return `${v.impact} ${v.id} (${v.nodes.length} elements): ${v.help}\n${nodes}`;
    })
    .join('\n');
}

for (const scheme of ['light', 'dark'] as const) {
  for (const screen of screens) {
    test(`${screen.name} has no serious or critical axe violation (${scheme})`, async ({ app }) => {
      // The first test also waits for the Demo's story (see demoIds).
      test.setTimeout(cachedIds ? 120_000 : 480_000);
      const ids = await demoIds(app);
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await app.open(screen.path(ids));
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
      await screen.open?.(page, ids);
      await expect(page.locator(screen.ready).first()).toBeVisible({ timeout: 30_000 });
      // Skeletons and spinners still on screen mean a part has not loaded: wait for it.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
      await page.screenshot({ path: join(screenshotDir, `${screen.name}-${scheme}.png`), animations: 'disabled' });
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(describe(bad), `${screen.name} (${scheme})`).toBe('');
    });
  }
}

/** Runs in the page: whether the focused element shows a ring (outline, shadow, or an accent border on inputs). */
function focusState(): { ring: boolean; input: boolean; what: string } | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const probe = document.createElement('span');
  probe.style.color = 'var(--mantine-primary-color-filled)';
  document.body.append(probe);
  const accent = getComputedStyle(probe).color;
  probe.remove();
  const input = el.matches('input, textarea');
  const ring =
    (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
    s.boxShadow !== 'none' ||
    // A password field's border is on the box around its inner input.
    (input &&
      [el, el.parentElement, el.parentElement?.parentElement].some(
        (e) => e && getComputedStyle(e).borderTopColor === accent,
      ));
  const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
  return { ring, input, what: `${el.tagName.toLowerCase()} "${label}"` };
}

test('every control reached by Tab shows a visible focus ring', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  for (const path of ['/directories', '/users', '/groups', '/inactive', '/changes', '/webhooks', '/settings']) {
    await app.open(path);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const unringed: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(focusState);
      // Text inputs show focus by their border turning the accent colour (after a short transition).
      if (focus?.input && !focus.ring)
        focus.ring = await expect
          .poll(async () => (await page.evaluate(focusState))?.ring, { timeout: 2_000 })
          .toBe(true)
          .then(() => true)
          .catch(() => false);
      if (focus && !focus.ring) unringed.push(focus.what);
    }
    expect(unringed, `${path}: focused without a visible ring`).toEqual([]);
  }
});
