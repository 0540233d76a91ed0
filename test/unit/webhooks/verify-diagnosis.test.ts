/**
 * Issue 15, "Verifier diagnosis": the verdict stays the Node SDK's; where another official SDK
 * (Python) decides differently, or the header format is the real problem, the diagnosis says so.
 */
import { describe, expect, it } from 'vitest';
import type { WebhookVerdict } from '../../../src/shared/api/webhooks.ts';
import { verifyWebhookDelivery } from '../../../src/main/webhooks/verify.ts';
import { BODY, headerFor, NOW, SECRET, signWithSdk } from './fixtures.ts';

function verify(body: string, header: string, secrets: string[] = [SECRET]): Promise<WebhookVerdict> {
  return verifyWebhookDelivery({ body: Buffer.from(body), header, secrets, toleranceMs: 180_000, nowMs: NOW });
}

function step(v: WebhookVerdict, name: WebhookVerdict['diagnostics'][number]['step']) {
  const d = v.diagnostics.find((x) => x.step === name);
  if (!d) throw new Error(`no ${name}`);
  return d;
}

describe('future timestamps', () => {
  it.each([
    [200_000, '200 s'],
    [3_600_000, '60 min'],
  ])(
    'signed %i ms ahead: valid (Node), with its own finding instead of "within the tolerance"',
    async (ahead, words) => {
      const v = await verify(BODY, await headerFor(BODY, SECRET, NOW + ahead));
      expect(v.valid).toBe(true);
      const expected = `signed ${words} in the future: the Node SDK accepts it, the Python SDK rejects it; check clocks`;
      expect(v.message.toLowerCase()).toContain(expected.toLowerCase());
      expect(v.message).not.toContain('within the tolerance');
      expect(step(v, 'timestamp_age')).toMatchObject({ status: 'warn', title: `Signed ${words} in the future` });
      expect(step(v, 'timestamp_age').detail.toLowerCase()).toContain(expected.toLowerCase());
    },
  );

  it('a few seconds ahead (within the tolerance) stays a plain pass', async () => {
    const v = await verify(BODY, await headerFor(BODY, SECRET, NOW + 5_000));
    expect(v.message).toContain('within the tolerance');
    expect(step(v, 'timestamp_age').status).toBe('pass');
  });
});

describe('header spacing', () => {
  it('two spaces after the comma: valid (Node), named as a spacing variant, not "as WorkOS sends it"', async () => {
    const v = await verify(BODY, `t=${NOW},  v1=${await signWithSdk(BODY)}`);
    expect(v.valid).toBe(true);
    const format = step(v, 'header_format');
    expect(format.status).toBe('warn');
    expect(format.detail).toContain('2 spaces after a comma');
    expect(format.detail).toContain('Python');
    expect(format.detail).not.toContain('as WorkOS sends it');
  });

  it('"t=… , v1=…": malformed_header, the space before the comma named, not signature_mismatch', async () => {
    const v = await verify(BODY, `t=${NOW} , v1=${await signWithSdk(BODY)}`);
    expect(v.valid).toBe(false);
    expect(v.reason).toBe('malformed_header');
    expect(step(v, 'header_format')).toMatchObject({ status: 'fail' });
    expect(step(v, 'header_format').title).toContain('a space before a comma');
  });

  it("WorkOS's exact form passes as such", async () => {
    const v = await verify(BODY, await headerFor(BODY));
    expect(step(v, 'header_format')).toMatchObject({ status: 'pass', detail: 'Parsed as WorkOS sends it.' });
  });
});
