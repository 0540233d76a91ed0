/**
 * Accessibility: axe-core scans every screen in light and dark and the test fails on any
 * serious or critical violation (WCAG 2 A/AA rules plus axe's best practices). Each scan
 * also saves a screenshot of the screen in that theme for reviewers.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { DirectorySummary, GroupSummary, UserSummary } from '../../src/shared/api';
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
}

interface Ids {
  directoryId: string;
  userId: string;
  groupId: string;
}

const screens: ScreenCase[] = [
  { name: 'directories', path: () => '/directories', ready: '[data-testid="directory-row"]' },
  { name: 'directory-detail', path: (i) => `/directories/${i.directoryId}`, ready: 'h1' },
  { name: 'users', path: () => '/users', ready: '[data-testid="user-row"]' },
  { name: 'user-detail', path: (i) => `/users/${i.userId}`, ready: 'h1' },
  { name: 'groups', path: () => '/groups', ready: '[data-testid="group-row"]' },
  { name: 'group-detail', path: (i) => `/groups/${i.groupId}`, ready: '[data-testid="user-row"]' },
  { name: 'inactive', path: () => '/inactive', ready: '[data-testid="inactive-count"]' },
  { name: 'changes', path: () => '/changes', ready: 'h1' },
  { name: 'webhooks', path: () => '/webhooks', ready: 'h1' },
  { name: 'settings', path: () => '/settings', ready: '[data-testid="profile-row"]' },
];

async function demoIds(app: AppPage): Promise<Ids> {
  await app.open('/directories');
  await expect(app.page.getByTestId('directory-row').first()).toBeVisible({ timeout: 30_000 });
  // Directories arrive before their users and groups: wait until the cache has all three.
  let ids: Ids | null = null;
  await expect
    .poll(
      async () => {
        const directories = await callApi<DirectorySummary[]>(app.page, 'listDirectories', { profileId: 'demo' });
        const users = await callApi<Page<UserSummary>>(app.page, 'listUsers', { profileId: 'demo', limit: 1 });
        const groups = await callApi<Page<GroupSummary>>(app.page, 'listGroups', { profileId: 'demo', limit: 50 });
        const group = groups.items.find((g) => g.members > 0);
        if (directories[0] && users.items[0] && group)
          ids = { directoryId: directories[0].id, userId: users.items[0].id, groupId: group.id };
        return ids !== null;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return ids!;
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
      test.setTimeout(120_000);
      const ids = await demoIds(app);
      const { page } = app;
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await app.open(screen.path(ids));
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
      await expect(page.locator(screen.ready).first()).toBeVisible({ timeout: 30_000 });
      await page.screenshot({ path: join(screenshotDir, `a11y-${screen.name}-${scheme}.png`), animations: 'disabled' });
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
  for (const path of ['/directories', '/users', '/webhooks', '/settings']) {
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
