/** The alerts panel: reachable from the sidebar, lists alerts, and offers the per-profile desktop opt-in. */
import { expect, test } from './support/shared-console';

test('the bell opens the alerts panel with the desktop opt-in, off by default', async ({ app }) => {
  const { page } = app;
  await app.open('/directories');
  await page.getByTestId('alerts-button').click();
  const panel = page.getByTestId('alerts-panel');
  await expect(panel).toContainText('removing more than 10 % of its users');
  await expect(panel.getByRole('switch', { name: 'Desktop notifications for this profile' })).not.toBeChecked();
});
