/** Groups: search, member counts, members (virtualized), history, who was in a group on a date. */
import type { GroupDetail, GroupSummary, MembersAt, UserSummary } from '../../src/shared/api';
import { callApi, expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number | null;
}

test('search finds a group; its page lists the members the cache holds', async ({ app }) => {
  const { page } = app;
  await app.open('/groups');
  await expect(page.getByTestId('group-row').first()).toBeVisible({ timeout: 30_000 });
  const groups = await callApi<Page<GroupSummary>>(page, 'listGroups', { profileId: 'demo', limit: 200 });
  const group = groups.items.filter((g) => g.members > 2).sort((a, b) => b.members - a.members)[0]!;
  await saveThemeScreenshots(page, 'groups');

  await page.getByTestId('group-search').fill(group.name);
  const row = page.getByTestId('group-row').filter({ hasText: group.name }).filter({ hasText: group.directoryName });
  await expect(row.first()).toContainText(String(group.members));
  await row.first().click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(group.name);

  // The Demo keeps changing memberships: the group's count and its member list are compared
  // when read together, until two readings agree.
  let members: Page<UserSummary> = { items: [], nextCursor: null, total: null };
  await expect
    .poll(
      async () => {
        members = await callApi<Page<UserSummary>>(page, 'listUsers', {
          profileId: 'demo',
          groupId: group.id,
          limit: 1000,
        });
        const now = await callApi<GroupDetail>(page, 'getGroup', { profileId: 'demo', groupId: group.id });
        return members.items.length === now.group?.members;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const first = members.items[0]!;
  await expect(page.locator(`[data-testid="user-row"][data-user-id="${first.id}"]`)).toContainText(first.displayName);

  await page.getByRole('tab', { name: 'Members on a date' }).click();
  // A moment the user picks, to the second: the table is the core's answer for it.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const input = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  await page.getByTestId('members-at-date').fill(input);
  const expected = await callApi<MembersAt>(page, 'getGroupMembersAt', {
    profileId: 'demo',
    groupId: group.id,
    at: at.toISOString(),
  });
  await expect(page.getByTestId('members-at')).toContainText(`${expected.members.length} members`);
  await expect(page.getByTestId('members-at-table').getByTestId('member-at-row')).toHaveCount(
    Math.min(expected.members.length, 500),
  );

  await page.getByRole('tab', { name: 'Membership history' }).click();
  await expect(page.getByTestId('change-row').or(page.getByTestId('empty-state')).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Members', exact: true }).click();
  await saveThemeScreenshots(page, 'group-detail');
});
