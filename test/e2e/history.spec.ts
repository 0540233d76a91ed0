/**
 * History in names: the Changes screen opens on the newest sync with changes and labels what it
 * shows; timelines and group history name every user and group as the core does, with no raw
 * `directory_user_…` / `directory_group_…` id as visible text where a name is known; members on
 * a date is the core's answer as a table, compared with now.
 */
import type { Page } from '@playwright/test';
import type { Change, Diff, LatestChanges, MembersAt, SyncStatus, UserDetail } from '../../src/shared/api';
import { DIFF_LIST_LIMIT } from '../../src/renderer/src/screens/changes/diff-list-limit';
import { saveThemeScreenshots } from './support/screenshots';
import { callApi, expect, test } from './support/shared-console';

test.use({ viewport: { width: 1440, height: 900 } });

interface ChangePage {
  items: Change[];
  nextCursor: string | null;
}

const RAW_ID = /directory_(user|group)_[0-9A-Z]{6,}/;

/** Pauses the demo's schedule (and waits for the run in flight), so screen and test read one cache. */
async function withDemoSyncPaused(page: Page, body: () => Promise<void>): Promise<void> {
  await callApi<SyncStatus>(page, 'pauseSync', { profileId: 'demo' });
  try {
    await expect
      .poll(async () => (await callApi<SyncStatus>(page, 'getSyncStatus', { profileId: 'demo' })).running, {
        timeout: 60_000,
      })
      .toBeNull();
    await body();
  } finally {
    await callApi<SyncStatus>(page, 'resumeSync', { profileId: 'demo' });
  }
}

/**
 * Asks for incremental syncs until the log's newest membership changes (after the first
 * snapshot) include one that `wanted` accepts: the Demo's story may be deleting users just then,
 * so the newest changes can all be of deleted users.
 */
async function membershipChanges(page: Page, wanted: (c: Change) => boolean = () => true): Promise<Change[]> {
  let items: Change[] = [];
  await expect
    .poll(
      async () => {
        await callApi(page, 'startSync', { profileId: 'demo', kind: 'events' });
        items = (
          await callApi<ChangePage>(page, 'listChanges', { profileId: 'demo', entityType: 'membership', limit: 500 })
        ).items;
        return items.some(wanted);
      },
      { timeout: 150_000, intervals: [2_000, 5_000] },
    )
    .toBe(true);
  return items;
}

/** Every entity link of the rows shows the name the core gave (id on hover), and no raw id shows. */
async function expectNamedRows(page: Page, scope: string, changes: Change[]): Promise<void> {
  const rows = page.getByTestId(scope).getByTestId('change-row');
  await expect(rows.first()).toBeVisible();
  const shown = Math.min(await rows.count(), 20);
  for (let i = 0; i < shown; i++) {
    const links = rows.nth(i).getByTestId('entity-link');
    for (let j = 0; j < (await links.count()); j++) {
      const link = links.nth(j);
      const id = (await link.getAttribute('data-entity-id'))!;
      const ref = changes.flatMap((c) => [c.user, c.group, c.entity]).find((r) => r && r.id === id);
      expect(ref, `the core named ${id}`).toBeTruthy();
      if (ref!.name) {
        await expect(link).toHaveText(ref!.name);
        await expect(link).toHaveAttribute('title', new RegExp(id));
      }
    }
  }
  expect(await page.getByTestId(scope).innerText()).not.toMatch(RAW_ID);
}

test('Changes opens on the last sync with changes, runs to the second, groups labelled by directory', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  await app.open('/changes');
  await membershipChanges(page);
  await withDemoSyncPaused(page, async () => {
    const latest = await callApi<LatestChanges>(page, 'getLatestChanges', { profileId: 'demo' });
    expect(latest.interval).not.toBeNull();
    await page.reload();
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
    const note = page.getByTestId('latest-changes-note');
    await expect(note).toContainText('no changes since');
    if (latest.interval!.run) await expect(note).toContainText('Showing the last sync with changes');
    await expect(note).toContainText(/\d:\d\d:\d\d/);
    const view = page.getByTestId('diff-view');
    await expect(view).toBeVisible();
    // The screen's diff is the core's diff of that interval, rounded out to whole seconds.
    const from = new Date(Math.floor(Date.parse(latest.interval!.from) / 1000) * 1000).toISOString();
    const to = new Date(Math.floor((Date.parse(latest.interval!.to) + 999) / 1000) * 1000).toISOString();
    // Asked with the screen's list limit: a story step (a reorg, deletions) can change more
    // memberships than one screen lists, and then fewer groups show than the interval has.
    const expected = await callApi<Diff>(page, 'getDiff', {
      profileId: 'demo',
      from: { at: from },
      to: { at: to },
      limit: DIFF_LIST_LIMIT,
    });
    const sections = page.getByTestId('diff-group');
    await expect(sections).toHaveCount(expected.memberships.length);
    for (let i = 0; i < Math.min(expected.memberships.length, 10); i++) {
      const m = expected.memberships[i]!;
      await expect(sections.nth(i)).toContainText(m.groupName);
      await expect(sections.nth(i).getByTestId('diff-group-directory')).toHaveText(`in ${m.directoryName}`);
    }
    expect(await view.innerText()).not.toMatch(RAW_ID);
    await saveThemeScreenshots(page, 'history-changes');

    // Filter toggles say whether they are on.
    const memberships = page.getByTestId('kind-memberships');
    await expect(memberships).toHaveAttribute('aria-pressed', 'false');
    await memberships.click();
    await expect(memberships).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('diff-fields')).toHaveCount(0);
    await memberships.click();
    await expect(memberships).toHaveAttribute('aria-pressed', 'false');

    // The run picker: seconds, kind, and what each run changed where.
    await page.getByTestId('compare-mode').getByText('Two sync runs').click();
    await page.getByTestId('to-run').click();
    const option = page.getByRole('option').first();
    await expect(option).toContainText(/\d:\d\d:\d\d/);
    await expect(option).toContainText(/ · (events|full|reconcile) · /);
    await expect(option).toContainText(/changes? in |no changes/);
    await saveThemeScreenshots(page, 'history-run-picker');
  });
});

test('a user’s timeline and a group’s history name every user and group the core names', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await app.open('/changes');
  // A live user and group: the Demo's story deletes some from its first minutes, and a deleted
  // user's page shows its tombstone instead of the identity card this test reads.
  const live = (c: Change): boolean => !!(c.user?.name && c.group?.name && !c.user.deleted && !c.group.deleted);
  const change = (await membershipChanges(page, live)).find(live)!;
  expect(change).toBeTruthy();

  await app.open(`/users/${encodeURIComponent(change.userId!)}`);
  const timeline = await callApi<ChangePage>(page, 'getUserTimeline', {
    profileId: 'demo',
    userId: change.userId,
    limit: 100,
  });
  const detail = await callApi<UserDetail>(page, 'getUser', { profileId: 'demo', userId: change.userId });
  await expectNamedRows(page, 'user-timeline', timeline.items);
  // Two moments kept apart: WorkOS created the record; this console first saw it.
  await expect(page.getByTestId('created-at')).toBeVisible();
  await expect(page.getByTestId('first-seen-at')).toBeVisible();
  if (!timeline.nextCursor) {
    await expect(page.getByTestId('created-at-workos')).toContainText('Created at WorkOS');
    if (timeline.items.some((c) => c.baseline && c.kind === 'added' && c.entityType === 'user'))
      await expect(page.getByTestId('change-row').filter({ hasText: 'First seen by this console' })).toHaveCount(1);
  }
  // The same person elsewhere: exactly the core's answer.
  await expect(page.getByTestId('same-email-record')).toHaveCount(detail.sameEmail?.length ?? 0);
  await saveThemeScreenshots(page, 'history-user-timeline');

  await app.open(`/groups/${encodeURIComponent(change.groupId!)}`);
  await page.getByRole('tab', { name: 'Membership history' }).click();
  const history = await callApi<ChangePage>(page, 'getGroupTimeline', {
    profileId: 'demo',
    groupId: change.groupId,
    limit: 100,
  });
  await expectNamedRows(page, 'group-history', history.items);
  await saveThemeScreenshots(page, 'history-group-history');

  // Members on a date: the core's default moment and answer, as a table; who joined or left since.
  await page.getByRole('tab', { name: 'Members on a date' }).click();
  const expected = await callApi<MembersAt>(page, 'getGroupMembersAt', {
    profileId: 'demo',
    groupId: change.groupId,
    compareWithNow: true,
  });
  const table = page.getByTestId('members-at-table');
  await expect(page.getByTestId('members-at')).toContainText(`${expected.members.length} members`);
  if (expected.members.length > 0) {
    const names = await table.getByTestId('member-at-row').locator('td:first-child').allInnerTexts();
    expect(names).toEqual(expected.members.slice(0, 500).map((m) => m.displayName));
  }
  await expect(page.getByTestId('members-at-context')).toContainText('History of this group begins');
  await expect(page.getByTestId('members-at-compare-result')).toContainText(
    `Joined since (${expected.joinedSince!.length})`,
  );
  await expect(page.getByTestId('members-at-compare-result')).toContainText(
    `Left since (${expected.leftSince!.length})`,
  );
  await saveThemeScreenshots(page, 'history-members-at');
  if (expected.members.length > 0) {
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('members-at-export').click();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync((await (await downloadPromise).path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('name,email,state_now,directory,user_id,directory_id');
    expect(lines).toHaveLength(expected.members.length + 1);
  }
});
