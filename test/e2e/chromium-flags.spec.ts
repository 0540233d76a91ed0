/**
 * The Chromium every spec and the UI bench use gets one `--disable-features`: Chromium keeps only
 * the last one, so two would silently drop either Playwright's list or ours. Reads the launched
 * browser's command line from /proc (Linux, where the suite runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { OMNIBOX_WEBUI_FEATURES } from './support/chromium';

/** The parent's pid of a process, from /proc/<pid>/stat (after the parenthesised name). */
function parentPid(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * Command lines of the Chromium browser processes this test worker launched (not their renderers
 * or helpers, and not another suite's browsers on the same machine).
 */
function browserCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let args: string[];
    try {
      if (parentPid(pid) !== process.pid) continue;
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (args.includes('--remote-debugging-pipe') && !args.some((a) => a.startsWith('--type='))) lines.push(args);
  }
  return lines;
}

test('the browser has exactly one --disable-features, with Playwright’s features and ours', async ({ browser }) => {
  test.skip(process.platform !== 'linux', 'reads /proc');
  expect(browser.isConnected()).toBe(true);
  const lines = browserCommandLines();
  expect(lines.length).toBeGreaterThan(0);
  for (const args of lines) {
    const disabled = args.filter((a) => a.startsWith('--disable-features='));
    // Two flags here means Playwright's own list changed: update PLAYWRIGHT_DISABLED_FEATURES.
    expect(disabled).toHaveLength(1);
    const features = disabled[0]!.slice('--disable-features='.length).split(',');
    expect(features).toEqual(expect.arrayContaining([...OMNIBOX_WEBUI_FEATURES, 'PaintHolding']));
  }
});
