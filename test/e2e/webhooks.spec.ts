/** The webhook workbench: diagnose a signature, receive and inspect deliveries, compare, re-sign. */
import { expect, test } from './support/shared-console';
import { saveThemeScreenshots } from './support/screenshots';

test.use({ viewport: { width: 1440, height: 900 } });

test('a pretty-printed body is diagnosed as modified after signing, with the signed bytes', async ({ app }) => {
  const { page } = app;
  await app.open('/webhooks');
  await expect(page).toHaveURL(/\/webhooks\/verify$/);
  await page.getByTestId('example-menu').click();
  await page.getByTestId('example-reserialized').click();
  await expect(page.getByTestId('paste-kind')).toHaveText('raw HTTP request');
  await expect(page.getByTestId('webhook-header')).toHaveValue(/^t=\d{13}, v1=[0-9a-f]{64}$/);
  await expect(page.getByTestId('webhook-body')).toHaveValue(/^\{\n {2}"id": "event_/);

  await page.getByTestId('verify-button').click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-valid', 'false');
  await expect(verdict).toContainText('body_modified');
  const mutation = page.getByTestId('body-mutation');
  await expect(mutation).toContainText('whitespace');
  // The reconstructed original is the compact JSON WorkOS signed.
  await expect(mutation.locator('pre, code').last()).toContainText('{"id":"event_01JEXAMPLE7Q2W8R5T0Y3U6I9O","event"');
  await expect(page.getByTestId('sdk-error')).toContainText('Signature hash does not match');
  await page.getByTestId('screen-body').evaluate((el) => el.scrollTo(0, 0));
  await saveThemeScreenshots(page, 'webhooks-verify');
});

test('the untouched example verifies, naming the secret that matched', async ({ app }) => {
  const { page } = app;
  await app.open('/webhooks/verify');
  await page.getByTestId('example-menu').click();
  await page.getByRole('menuitem', { name: 'A valid delivery' }).click();
  await expect(page.getByTestId('webhook-header')).toHaveValue(/^t=\d{13}, v1=/);
  await page.getByTestId('webhook-body').click();
  await page.keyboard.press('Control+Enter');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-valid', 'true');
  await expect(verdict).toContainText('Verified with secret #1');
  await expect(page.getByTestId('event-summary')).toContainText('dsync.user.updated');
});

test('a delivery re-signed and sent to the local receiver shows up in the inbox, verified', async ({ app }) => {
  const { page } = app;
  const secret = 'e2e-receiver-secret';
  await app.open('/webhooks/inbox');
  const receiver = page.getByTestId('receiver-card');
  await expect(receiver).toHaveAttribute('data-running', /true|false/);
  // The demo starts the receiver for its own deliveries; restart it with this test's secret.
  if ((await receiver.getAttribute('data-running')) === 'true') {
    await page.getByTestId('receiver-stop').click();
    await expect(receiver).toHaveAttribute('data-running', 'false');
  }
  await receiver.getByTestId('secret-0').fill(secret);
  await page.getByTestId('receiver-start').click();
  await expect(receiver).toHaveAttribute('data-running', 'true');
  const receiverUrl = (await page.getByTestId('receiver-url').textContent())!.trim();
  expect(receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/workos$/);

  await page.getByTestId('webhooks-tab-send').click();
  const body = JSON.stringify({
    id: 'event_01E2ESENDTEST000000000000',
    event: 'dsync.e2e.replay_check',
    data: {
      directory_id: 'directory_01E2E',
      user: { id: 'directory_user_01E2E' },
      group: { id: 'directory_group_01E2E' },
    },
    created_at: new Date().toISOString(),
  });
  await page.getByTestId('send-payload').fill(body);
  await page.getByTestId('send-secret').fill(secret);
  await page.getByTestId('send-url').fill(receiverUrl);
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('send-result')).toContainText(/Answered 2\d\d/);

  await page.getByTestId('webhooks-tab-inbox').click();
  const row = page.getByTestId('inbox-row').filter({ hasText: 'dsync.e2e.replay_check' }).first();
  await expect(row).toContainText('valid');
  // Directory/organization and event id columns (the directory is not in this cache: its id shows).
  await expect(row.getByTestId('inbox-event-id')).toHaveText('event_01E2ESENDTEST000000000000');
  await expect(row.getByTestId('inbox-directory')).toContainText('directory_01E2E');
  await row.click();
  await expect(page).toHaveURL(/\/webhooks\/inbox\/\d+$/);
  const detail = page.getByTestId('inbox-detail');
  await expect(detail.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');

  // The selected delivery is a deep link.
  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('inbox-detail')).toContainText('dsync.e2e.replay_check');
  await saveThemeScreenshots(page, 'webhooks-inbox');

  // Compare and Re-sign can start from an Inbox item.
  await page.getByTestId('webhooks-tab-diff').click();
  await page.getByTestId('diff-pick-a').click();
  await page
    .getByRole('option', { name: /dsync\.e2e\.replay_check/ })
    .first()
    .click();
  await expect(page.getByTestId('diff-a')).toHaveValue(body);
  await page.getByTestId('webhooks-tab-send').click();
  await page.getByTestId('send-payload').fill('');
  await page.getByTestId('send-pick').click();
  await page
    .getByRole('option', { name: /dsync\.e2e\.replay_check/ })
    .first()
    .click();
  await expect(page.getByTestId('send-payload')).toHaveValue(body);
  await page.getByTestId('webhooks-tab-inbox').click();

  await page.getByTestId('receiver-stop').click();
  await expect(receiver).toHaveAttribute('data-running', 'false');
});

test('comparing two payloads lists the paths that changed', async ({ app }) => {
  const { page } = app;
  await app.open('/webhooks/diff');
  await page.getByTestId('diff-a').fill('{"data":{"state":"active","email":"a@example.com"}}');
  await page.getByTestId('diff-b').fill('{"data":{"state":"inactive","email":"a@example.com","title":"CFO"}}');
  await page.getByTestId('diff-button').click();
  const result = page.getByTestId('diff-result');
  await expect(result).toContainText('2 differences');
  await expect(result.getByTestId('diff-entry').filter({ hasText: 'state' })).toContainText('"inactive"');
  await expect(result.getByTestId('diff-entry').filter({ hasText: 'title' })).toContainText('added');
  await saveThemeScreenshots(page, 'webhooks-compare');
});
