import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookVerdict } from '../../../src/shared/api/webhooks.ts';
import { verifyWebhookDelivery, type VerifyRequest } from '../../../src/main/webhooks/verify.ts';
import { BODY, headerFor, NOW, SECRET, sdkAccepts, signWithSdk, userCreatedEvent } from './fixtures.ts';

function verify(
  body: string | Uint8Array,
  header: string,
  secrets: string[] = [SECRET],
  extra: Partial<VerifyRequest> = {},
): Promise<WebhookVerdict> {
  return verifyWebhookDelivery({
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    header,
    secrets,
    toleranceMs: 180_000,
    nowMs: NOW,
    ...extra,
  });
}

function step(verdict: WebhookVerdict, name: WebhookVerdict['diagnostics'][number]['step']) {
  const d = verdict.diagnostics.find((x) => x.step === name);
  if (!d) throw new Error(`no ${name} diagnostic`);
  return d;
}

describe('verdict agrees with the SDK', () => {
  beforeEach(() => {
    // The SDK reads Date.now(); pin it so "now" is the same for both sides, to the millisecond.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts a delivery signed by the SDK and summarises the event', async () => {
    const header = await headerFor(BODY);
    const v = await verify(BODY, header);
    expect(v).toMatchObject({ valid: true, reason: 'ok', matchedSecret: 0, sdkError: null, bodyMutation: null });
    expect(v.event).toMatchObject({
      id: 'event_01HXYZTEST0000000000000001',
      type: 'dsync.user.created',
      directoryId: 'directory_01HXYZDIR000000000000001',
      userId: 'directory_user_01HXYZUSER00000000000001',
    });
    expect(v.diagnostics.map((d) => d.step)).toEqual([
      'header_present',
      'header_format',
      'timestamp_unit',
      'timestamp_age',
      'secrets',
      'body',
      'signature',
      'body_mutation',
      'json_event',
      'sdk',
    ]);
    expect(v.diagnostics.filter((d) => d.status === 'fail')).toEqual([]);
  });

  const tamper = (s: string): string => s.replace('Engineering', 'Sales');
  const vectors: Array<[string, () => Promise<{ body: string; header: string; secret: string }>]> = [
    ['valid', async () => ({ body: BODY, header: await headerFor(BODY), secret: SECRET })],
    ['tampered body', async () => ({ body: tamper(BODY), header: await headerFor(BODY), secret: SECRET })],
    ['wrong secret', async () => ({ body: BODY, header: await headerFor(BODY), secret: 'whsec_other' })],
    ['old', async () => ({ body: BODY, header: await headerFor(BODY, SECRET, NOW - 180_001), secret: SECRET })],
    [
      'exactly at tolerance',
      async () => ({ body: BODY, header: await headerFor(BODY, SECRET, NOW - 180_000), secret: SECRET }),
    ],
    ['future', async () => ({ body: BODY, header: await headerFor(BODY, SECRET, NOW + 3_600_000), secret: SECRET })],
    [
      'seconds',
      async () => ({ body: BODY, header: await headerFor(BODY, SECRET, Math.floor(NOW / 1000)), secret: SECRET }),
    ],
    ['reordered', async () => ({ body: BODY, header: `v1=${await signWithSdk(BODY)}, t=${NOW}`, secret: SECRET })],
    ['no space', async () => ({ body: BODY, header: `t=${NOW},v1=${await signWithSdk(BODY)}`, secret: SECRET })],
    ['no v1', async () => ({ body: BODY, header: `t=${NOW}, v1=`, secret: SECRET })],
    ['one part', async () => ({ body: BODY, header: `t=${NOW}`, secret: SECRET })],
    ['not json', async () => ({ body: 'hello', header: await headerFor('hello'), secret: SECRET })],
  ];
  for (const [name, make] of vectors) {
    it(`same verdict as constructEvent: ${name}`, async () => {
      const { body, header, secret } = await make();
      const v = await verify(body, header, [secret]);
      expect(v.valid).toBe(await sdkAccepts(body, header, secret));
    });
  }
});

describe('diagnoses the body mutation that breaks the signature', () => {
  const signed = async (body: string) => ({ body, header: await headerFor(body) });

  it('pretty-printed by a framework → whitespace', async () => {
    const { header } = await signed(BODY);
    const v = await verify(JSON.stringify(JSON.parse(BODY), null, 2), header);
    expect(v).toMatchObject({ valid: false, reason: 'body_modified' });
    expect(v.bodyMutation?.changes).toEqual(['whitespace']);
    expect(v.bodyMutation?.signedBody).toBe(BODY);
    expect(step(v, 'body_mutation').status).toBe('fail');
  });

  it('signed pretty (a fixture file) but compacted → whitespace', async () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const { header } = await signed(pretty);
    const v = await verify(BODY, header);
    expect(v.reason).toBe('body_modified');
    expect(v.bodyMutation?.changes).toEqual(['whitespace']);
  });

  it('keys sorted recursively (jq -S, sort_keys) → key_order', async () => {
    const { header } = await signed(BODY);
    const sortDeep = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(sortDeep)
        : x && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, val]) => [k, sortDeep(val)]),
            )
          : x;
    const v = await verify(JSON.stringify(sortDeep(JSON.parse(BODY))), header);
    expect(v.reason).toBe('body_modified');
    expect(v.bodyMutation?.changes).toContain('key_order');
  });

  it('top-level keys moved → key_order', async () => {
    const { header } = await signed(BODY);
    const e = userCreatedEvent();
    const moved = JSON.stringify({ created_at: e.created_at, data: e.data, id: e.id, event: e.event });
    const v = await verify(moved, header);
    expect(v.reason).toBe('body_modified');
    expect(v.bodyMutation?.changes).toEqual(['key_order']);
  });

  it('non-ASCII escaped as \\uXXXX (Python json.dumps) → unicode_escaping', async () => {
    const { header } = await signed(BODY);
    const escaped = BODY.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const v = await verify(escaped, header);
    expect(v.reason).toBe('body_modified');
    expect(v.bodyMutation?.changes).toEqual(['unicode_escaping']);
  });

  it('signed escaped but unescaped on the way → unicode_escaping', async () => {
    const escaped = BODY.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const { header } = await signed(escaped);
    const v = await verify(BODY, header);
    expect(v.bodyMutation?.changes).toEqual(['unicode_escaping']);
  });

  it('LF turned into CRLF → line_endings', async () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const { header } = await signed(pretty);
    const v = await verify(pretty.replace(/\n/g, '\r\n'), header);
    expect(v.reason).toBe('body_modified');
    expect(v.bodyMutation?.changes).toEqual(['line_endings']);
  });

  it('CRLF turned into LF → line_endings', async () => {
    const crlf = JSON.stringify(JSON.parse(BODY), null, 2).replace(/\n/g, '\r\n');
    const { header } = await signed(crlf);
    const v = await verify(crlf.replace(/\r\n/g, '\n'), header);
    expect(v.bodyMutation?.changes).toEqual(['line_endings']);
  });

  it('a trailing newline added (echo, a text editor) → trailing_newline', async () => {
    const { header } = await signed(BODY);
    const v = await verify(BODY + '\n', header);
    expect(v.bodyMutation?.changes).toEqual(['trailing_newline']);
  });

  it('a trailing newline removed → trailing_newline', async () => {
    const { header } = await signed(BODY + '\n');
    const v = await verify(BODY, header);
    expect(v.bodyMutation?.changes).toEqual(['trailing_newline']);
  });

  it('a BOM prepended (saved by a Windows editor) → bom', async () => {
    const { header } = await signed(BODY);
    const v = await verify(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BODY)]), header);
    expect(v.reason).toBe('body_modified');
    expect(v.bodyMutation?.changes).toEqual(['bom']);
    expect(step(v, 'body').status).toBe('warn');
  });

  it('whitespace around the body → surrounding_whitespace', async () => {
    const { header } = await signed(BODY);
    const v = await verify(`  ${BODY}\t `, header);
    expect(v.bodyMutation?.changes).toEqual(['surrounding_whitespace']);
  });

  it('JSON-encoded twice (old SDK bug, JSON.stringify of the raw string) → double_encoded', async () => {
    const { header } = await signed(BODY);
    const v = await verify(JSON.stringify(BODY), header);
    expect(v.bodyMutation?.changes).toEqual(['double_encoded']);
  });

  it('raw non-UTF-8 bytes signed as bytes → utf8_decoding', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"id":"event_1","note":"'),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from('"}'),
    ]);
    const { createHmac } = await import('node:crypto');
    const sig = createHmac('sha256', SECRET).update(`${NOW}.`).update(bytes).digest('hex');
    const v = await verify(bytes, `t=${NOW}, v1=${sig}`);
    expect(v.valid).toBe(false);
    expect(v.bodyMutation?.changes).toEqual(['utf8_decoding']);
    expect(step(v, 'body').status).toBe('warn');
  });

  it('an edited value is not explained by any mutation', async () => {
    const { header } = await signed(BODY);
    const v = await verify(BODY.replace('Engineering', 'Sales').replace('{', '{ '), header);
    expect(v.reason).toBe('signature_mismatch');
    expect(v.bodyMutation).toBeNull();
    expect(step(v, 'body_mutation').status).toBe('info');
  });

  it('stops the search at its byte budget and says so', async () => {
    const { header } = await signed(BODY);
    const v = await verifyWebhookDelivery(
      {
        body: Buffer.from(BODY.replace('Engineering', 'Sales')),
        header,
        secrets: [SECRET],
        toleranceMs: 180_000,
        nowMs: NOW,
      },
      { mutationSearch: { byteBudget: 2_000, limits: { maxJsonChars: 1e6, maxPermutedKeys: 6 } } },
    );
    expect(step(v, 'body_mutation')).toMatchObject({ status: 'warn', facts: { budgetExhausted: true } });
  });
});

describe('secrets', () => {
  it('says which of several secrets matched, by index only', async () => {
    const v = await verify(BODY, await headerFor(BODY), ['whsec_old_rotated', '', SECRET]);
    expect(v).toMatchObject({ valid: true, matchedSecret: 2 });
    expect(JSON.stringify(v)).not.toContain(SECRET);
    expect(JSON.stringify(v)).not.toContain('whsec_old_rotated');
  });

  it('an API key pasted as the secret → wrong_secret with the hint', async () => {
    const v = await verify(BODY, await headerFor(BODY), ['sk_test_a1b2c3d4e5']);
    expect(v.reason).toBe('wrong_secret');
    expect(step(v, 'secrets').status).toBe('warn');
    expect(step(v, 'secrets').detail).toContain('API key');
    expect(JSON.stringify(v)).not.toContain('sk_test_a1b2c3d4e5');
  });

  it.each([
    ['trailing newline', `${SECRET}\n`],
    ['surrounding spaces', `  ${SECRET} `],
    ['double quotes', `"${SECRET}"`],
    ['single quotes', `'${SECRET}'`],
    ['a .env line', `WORKOS_WEBHOOK_SECRET="${SECRET}"`],
  ])('a secret with %s → secret_malformed', async (_label, pasted) => {
    const v = await verify(BODY, await headerFor(BODY), [pasted]);
    expect(v).toMatchObject({ valid: false, reason: 'secret_malformed' });
    expect(step(v, 'signature').status).toBe('fail');
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });

  it('a client id pasted as the secret → wrong_secret with the hint', async () => {
    const v = await verify(BODY, await headerFor(BODY), ['client_01HXYZ']);
    expect(v.reason).toBe('wrong_secret');
    expect(step(v, 'secrets').detail).toContain('client ID');
  });

  it('a different secret on an untouched body → signature_mismatch naming both causes (no evidence against the secret)', async () => {
    const v = await verify(BODY, await headerFor(BODY), ['whsec_someone_else']);
    expect(v.reason).toBe('signature_mismatch');
    expect(v.message).toMatch(/secret is not this endpoint's/);
    expect(v.message).toMatch(/content was changed/);
  });

  it('a compact body whose content was changed, signed with the right secret → signature_mismatch, not wrong_secret', async () => {
    const edited = BODY.replace('"dsync.', '"xsync.');
    expect(edited).not.toBe(BODY);
    const v = await verify(edited, await headerFor(BODY), [SECRET]);
    expect(v.reason).toBe('signature_mismatch');
    expect(v.message).toMatch(/content was changed/);
  });

  it('wrong_secret needs evidence: an empty or padded secret among those given', async () => {
    const empty = await verify(BODY, await headerFor(BODY), ['', 'whsec_someone_else']);
    expect(empty.reason).toBe('wrong_secret');
    expect(empty.message).toContain('secret #1 is empty');
    const padded = await verify(BODY, await headerFor(BODY), [' whsec_someone_else ']);
    expect(padded.reason).toBe('wrong_secret');
    expect(padded.message).toContain('whitespace');
  });

  it('no secret, or only empty ones → missing_secret without calling the SDK', async () => {
    for (const secrets of [[], [''], ['', '']]) {
      const v = await verify(BODY, await headerFor(BODY), secrets);
      expect(v).toMatchObject({ valid: false, reason: 'missing_secret', sdkError: null });
      expect(step(v, 'secrets').status).toBe('fail');
    }
  });
});

describe('header', () => {
  it('blank → missing_header', async () => {
    for (const header of ['', '   ']) {
      const v = await verify(BODY, header);
      expect(v.reason).toBe('missing_header');
      expect(step(v, 'header_present').status).toBe('fail');
    }
  });

  it('parts reversed → malformed_header (the SDK reads positions)', async () => {
    const v = await verify(BODY, `v1=${await signWithSdk(BODY)}, t=${NOW}`);
    expect(v.reason).toBe('malformed_header');
    expect(step(v, 'header_format')).toMatchObject({ status: 'fail', facts: { reordered: true } });
  });

  it('several v1 values, the matching one second → malformed_header', async () => {
    const v = await verify(BODY, `t=${NOW}, v1=${'0'.repeat(64)}, v1=${await signWithSdk(BODY)}`);
    expect(v.reason).toBe('malformed_header');
    expect(step(v, 'header_format')).toMatchObject({ status: 'warn', facts: { v1Count: 2 } });
  });

  it('upper-case hex → malformed_header', async () => {
    const v = await verify(BODY, `t=${NOW}, v1=${(await signWithSdk(BODY)).toUpperCase()}`);
    expect(v.reason).toBe('malformed_header');
  });

  it('extra parts after v1 and no space after the comma are accepted with a warning', async () => {
    const v = await verify(BODY, `t=${NOW},v1=${await signWithSdk(BODY)}, v0=abc, junk`);
    expect(v.valid).toBe(true);
    expect(step(v, 'header_format')).toMatchObject({
      status: 'warn',
      facts: { otherKeys: 'v0', partsWithoutEquals: 1 },
    });
  });

  it('the whole header line pasted still verifies, noted', async () => {
    const v = await verify(BODY, `WorkOS-Signature: ${await headerFor(BODY)}`);
    expect(v.valid).toBe(true);
    expect(step(v, 'header_present').facts.includesHeaderName).toBe(true);
  });

  it('no "=" at all, or no comma → malformed_header', async () => {
    for (const header of ['garbage', 'a,b', `t${NOW}`]) {
      const v = await verify(BODY, header);
      expect(v.valid).toBe(false);
      expect(['malformed_header', 'no_v1_signature']).toContain(v.reason);
    }
  });

  it('no t= part at all → malformed header, named in the checklist', async () => {
    const sig = await signWithSdk(BODY);
    const v = await verify(BODY, `v1=${sig}, v1=${sig}`);
    expect(v).toMatchObject({ valid: false, reason: 'malformed_header' });
    expect(step(v, 'header_format')).toMatchObject({ status: 'fail', title: 'No t= part' });
  });

  it('empty v1 → no_v1_signature', async () => {
    const v = await verify(BODY, `t=${NOW}, v1=`);
    expect(v.reason).toBe('no_v1_signature');
    // Keyed v2 but in v1's place: the Node SDK reads by position and accepts it; flagged.
    const v2 = await verify(BODY, `t=${NOW}, v2=${await signWithSdk(BODY)}`);
    expect(v2).toMatchObject({ valid: true, reason: 'ok' });
    expect(step(v2, 'header_format')).toMatchObject({ status: 'warn', title: 'The signature is not keyed v1' });
    const v3 = await verify(BODY, `t=${NOW}, v2=${'0'.repeat(64)}`);
    expect(v3).toMatchObject({ valid: false, reason: 'no_v1_signature' });
  });
});

describe('timestamp', () => {
  it('seconds instead of milliseconds → timestamp_in_seconds', async () => {
    const t = Math.floor(NOW / 1000);
    const v = await verify(BODY, await headerFor(BODY, SECRET, t));
    expect(v.reason).toBe('timestamp_in_seconds');
    expect(step(v, 'timestamp_unit')).toMatchObject({ status: 'fail', facts: { unit: 's' } });
    // The signature itself is right, which the checklist says even though the SDK stopped early.
    expect(step(v, 'signature').status).toBe('pass');
  });

  it('older than the tolerance → timestamp_outside_tolerance, with the age', async () => {
    const v = await verify(BODY, await headerFor(BODY, SECRET, NOW - 600_000));
    expect(v.reason).toBe('timestamp_outside_tolerance');
    expect(step(v, 'timestamp_age')).toMatchObject({ status: 'fail', facts: { ageMs: 600_000 } });
  });

  it('a custom tolerance is honoured', async () => {
    const header = await headerFor(BODY, SECRET, NOW - 600_000);
    expect((await verify(BODY, header, [SECRET], { toleranceMs: 900_000 })).valid).toBe(true);
  });

  it('future timestamps pass (as in the Node SDK) but are flagged', async () => {
    const v = await verify(BODY, await headerFor(BODY, SECRET, NOW + 3_600_000));
    expect(v.valid).toBe(true);
    expect(step(v, 'timestamp_age')).toMatchObject({ status: 'warn', facts: { future: true } });
  });

  it('microseconds and non-numbers are flagged', async () => {
    const us = await verify(BODY, await headerFor(BODY, SECRET, NOW * 1000));
    expect(step(us, 'timestamp_unit').facts.unit).toBe('us');
    const word = await verify(BODY, `t=yesterday, v1=${await signWithSdk(BODY, SECRET, 'yesterday')}`);
    expect(step(word, 'timestamp_unit').status).toBe('fail');
    // parseInt gives NaN and the SDK's age check lets it through: the verdict follows the SDK.
    expect(word.valid).toBe(true);
  });
});

describe('body', () => {
  it('empty body → empty_body', async () => {
    const v = await verify('', await headerFor(BODY));
    expect(v.reason).toBe('empty_body');
    expect(step(v, 'body').status).toBe('fail');
  });

  it('an empty body signed as such still fails: constructEvent cannot parse it', async () => {
    const v = await verify('', await headerFor(''));
    expect(v).toMatchObject({ valid: false, reason: 'empty_body' });
  });

  it('a correctly signed non-JSON body → invalid_json', async () => {
    const v = await verify('not json', await headerFor('not json'));
    expect(v).toMatchObject({ valid: false, reason: 'invalid_json' });
    expect(step(v, 'json_event').status).toBe('fail');
  });

  it('JSON that is not an event is valid but flagged', async () => {
    const v = await verify('[1,2]', await headerFor('[1,2]'));
    expect(v.valid).toBe(true);
    expect(step(v, 'json_event').status).toBe('warn');
  });
});
