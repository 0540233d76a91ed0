/**
 * Saves a screenshot of the current screen in light and dark, under
 * test-results/screenshots/<name>-<scheme>.png (the artifacts reviewers look at). The app
 * follows the system theme by default, so emulating the media query switches it.
 */
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const screenshotDir = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

export async function saveThemeScreenshots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await page.screenshot({ path: join(screenshotDir, `${name}-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
