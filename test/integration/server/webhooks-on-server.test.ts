/** A team server with `webhooks` configured starts the receiver at once and applies deliveries. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFixture, type Fixture } from './support/team-server.ts';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({
    webhooks: { port: 0, path: '/webhooks/workos', secrets: ['whsec_test_secret'], toleranceS: 180 },
  });
}, 60_000);
afterAll(async () => {
  await f?.close();
});

it('starts the receiver from the config, applying verified deliveries to the cache', async () => {
  const status = await f.server.core.call('getWebhookReceiverStatus', undefined);
  expect(status).toMatchObject({ ok: true, value: { running: true, applyToCache: true, secretsConfigured: 1 } });
  const url = (status as { value: { url: string } }).value.url;
  const res = await fetch(url, { method: 'POST', body: '{}', headers: { 'workos-signature': 't=1, v1=00' } });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(f.logs.join('\n')).not.toContain('whsec_test_secret');
});
