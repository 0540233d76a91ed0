/** Changes: the diff on screen is the core's diff between the chosen moments; export matches it. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Diff, SyncRun, SyncStatus } from '../../src/shared/api';
import { callApi, expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

function rowCount(d: Diff): number {
  return (
    d.memberships.reduce((n, m) => n + m.added.length + m.removed.length, 0) +
    d.usersAdded.length +
    d.usersRemoved.length +
    d.groupsAdded.length +
    d.groupsRemoved.length +
    d.fieldChanges.length
  );
}

/** The demo's finished sync runs, newest first, once there are at least `atLeast`. */
async function finishedRuns(page: Page, atLeast = 1): Promise<SyncRun[]> {
  let runs: SyncRun[] = [];
  await expect
    .poll(
      async () => {
        runs = (await callApi<SyncRun[]>(page, 'listSyncRuns', { profileId: 'demo', limit: 100 })).filter(
          (r) => r.status !== 'running',
        );
        return runs.length;
      },
      { timeout: 90_000 },
    )
    .toBeGreaterThanOrEqual(atLeast);
  return runs;
}

/**
 * The demo directories change over time; ask for incremental syncs until the cache holds
 * changes after the first (baseline) sync, then return that diff's window.
 */
async function waitForChanges(page: Page, fromIso: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await callApi(page, 'startSync', { profileId: 'demo', kind: 'events' });
        const d = await callApi<Diff>(page, 'getDiff', {
          profileId: 'demo',
          from: { at: fromIso },
          to: { at: new Date(Date.now() + 60_000).toISOString() },
        });
        return rowCount(d);
      },
      { timeout: 120_000, intervals: [2_000, 5_000] },
    )
    .toBeGreaterThan(0);
}

/**
 * The demo profile keeps syncing on its schedule, and each finished run can change what the
 * screen compares by default (the last two runs) or what a window ending in the future holds.
 * Pause the schedule and wait for the sync in flight to end, so the screen and the test's
 * expected diff read the same cache; resume afterwards for the specs that follow.
 */
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

/** `datetime-local` value for an instant, in the browser's zone, minute precision. */
async function localInput(page: Page, ms: number): Promise<{ input: string; iso: string }> {
  return page.evaluate((t) => {
    const d = new Date(t);
    const pad = (n: number) => String(n).padStart(2, '0');
    const input = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return { input, iso: new Date(Date.parse(input)).toISOString() };
  }, ms);
}

test('comparing two points in time shows the core diff, and the CSV holds every change', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await app.open('/changes');
  const runs = await finishedRuns(page);
  const firstRun = runs.at(-1)!;
  // From just before the first sync finished (so its baseline is the "from" state) to a minute ahead.
  const from = await localInput(page, Date.parse(firstRun.finishedAt ?? firstRun.startedAt) - 60_000);
  await waitForChanges(page, from.iso);
  await withDemoSyncPaused(page, async () => {
    const to = await localInput(page, Date.now() + 120_000);
    const expected = await callApi<Diff>(page, 'getDiff', {
      profileId: 'demo',
      from: { at: from.iso },
      to: { at: to.iso },
    });
    expect(rowCount(expected)).toBeGreaterThan(0);

    await page.getByTestId('compare-mode').getByText('Two points in time').click();
    await page.getByTestId('from-time').fill(from.input);
    await page.getByTestId('to-time').fill(to.input);
    const view = page.getByTestId('diff-view');
    await expect(view).toBeVisible();
    if (expected.usersAdded.length > 0) {
      await expect(page.getByTestId('diff-users')).toContainText(expected.usersAdded[0]!.displayName);
    }
    if (expected.memberships.length > 0) {
      await expect(page.getByTestId('diff-group').first()).toContainText(expected.memberships[0]!.groupName);
    }

    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-changes').click();
    const lines = readFileSync((await (await downloadPromise).path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('change,entity_type,entity_id,name,group_or_field,before,after');
    expect(lines).toHaveLength(rowCount(expected) + 1);
  });
});

test('runs are picked to the second, and a run pair shows before and after of each change', async ({ app }) => {
  const { page } = app;
  await app.open('/changes');
  // The demo keeps changing; wait for a second run so there are two to compare.
  await finishedRuns(page, 2);
  await withDemoSyncPaused(page, async () => {
    const runs = await finishedRuns(page, 2);
    await page.reload();
    await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
    await page.getByTestId('compare-mode').getByText('Two sync runs').click();
    await expect(page.getByTestId('to-run')).toBeVisible();
    const expected = await callApi<Diff>(page, 'getDiff', {
      profileId: 'demo',
      from: { runId: runs[1]!.id },
      to: { runId: runs[0]!.id },
    });
    if (rowCount(expected) === 0) {
      await expect(page.getByTestId('empty-state')).toContainText('Nothing changed');
    } else {
      await expect(page.getByTestId('diff-view')).toBeVisible();
      const field = expected.fieldChanges[0];
      if (field) {
        const row = page
          .getByTestId('diff-field-row')
          .filter({ hasText: field.name })
          .filter({ hasText: field.field })
          .first();
        await expect(row).toBeVisible();
        if (typeof field.after === 'string') await expect(row).toContainText(field.after);
      }
    }
  });
  await saveThemeScreenshots(page, 'changes');
});
