/**
 * Issue 16's hostile corpus (deep nesting, long strings, lone surrogates, NUL, invalid UTF-8,
 * control and bidi characters, 1e999 and 20-digit integers) through the webhook receiver (as
 * `listen` prints it), paste parsing and the sync's response parsing. 10k+ inputs per target
 * in CI, more under `npm run test:soak`. Asserted: no 500 and no thrown error, every request
 * the receiver answers stored, no stack trace in the log, no control byte on a terminal line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsedPasteSchema } from '../../src/shared/api/webhooks.ts';
import { describeDelivery } from '../../src/main/cli/commands/listen.ts';
import { createLogger } from '../../src/main/log.ts';
import { signatureHeaderFor } from '../../src/main/webhooks/hmac.ts';
import { MemoryInbox } from '../../src/main/webhooks/inbox.ts';
import { parseWebhookPaste } from '../../src/main/webhooks/paste-parser.ts';
import { startReceiver, type RunningReceiver } from '../../src/main/webhooks/receiver.ts';
import {
  listSchema,
  parseWire,
  SchemaViolationError,
  wireEventSchema,
  wireUserSchema,
} from '../../src/main/workos/wire-schemas.ts';
import { createFuzz, HOSTILE_STRINGS } from './support/fuzz-gen.ts';
import { report, size, suiteSeed } from './support/soak.ts';

const INPUTS = size(10_000, 200_000);
// 10k HTTP round trips with verification: minutes on a loaded 2-core machine.
const TIMEOUT = { timeout: size(900_000, 7_200_000) };
const SECRET = 'whsec_fuzz_receiver';
// eslint-disable-next-line no-control-regex -- what a terminal would interpret
const INTERPRETED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const STACK = /\n\s+at |RangeError|Maximum call stack/;

function problems(list: string[]): string[] {
  return list.slice(0, 5);
}

describe('webhook receiver and listen lines', () => {
  let receiver: RunningReceiver;
  const inbox = new MemoryInbox({ maxItems: 1_000_000, maxBodyBytes: 4 * 1024 * 1024 * 1024 });
  const lines: string[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    receiver = await startReceiver({
      port: 0,
      secrets: [SECRET],
      inbox,
      log: createLogger((l) => logLines.push(l)),
      onDelivery: (s) => lines.push(describeDelivery(s)),
    });
  });
  afterAll(() => receiver.stop());

  it(`answers ${INPUTS} hostile requests without a 500, stores each, prints each safely`, TIMEOUT, async () => {
    const fuzz = createFuzz(suiteSeed(0x1616));
    const found: string[] = [];
    const statuses = new Map<number, number>();
    const base = receiver.url;
    for (let i = 0; i < INPUTS; i++) {
      const body = fuzz.int(4) === 0 ? fuzz.bytes() : Buffer.from(fuzz.jsonText(), 'utf8');
      const roll = fuzz.int(10);
      const headers: Record<string, string> = {};
      // Signed correctly half the time, so hostile bodies reach the "valid" path and the event summary.
      if (roll < 5)
        headers['WorkOS-Signature'] = signatureHeaderFor(SECRET, new TextDecoder().decode(body), Date.now());
      else if (roll < 8)
        headers['WorkOS-Signature'] = fuzz.string(['t=1, v1=00', `t=${Date.now()}, v1=`]).replace(/[^\x20-\x7e]/g, '?');
      const path = fuzz.int(20) === 0 ? '/other' : '';
      const method = fuzz.int(30) === 0 ? 'PUT' : 'POST';
      const res = await fetch(base + path, { method, headers, body });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) found.push(`#${i}: ${res.status}`);
    }
    for (const line of lines)
      if (INTERPRETED.test(line)) found.push(`control byte in ${JSON.stringify(line.slice(0, 120))}`);
    for (const line of logLines) if (STACK.test(line)) found.push(`stack in log: ${line.slice(0, 120)}`);
    report(
      'fuzz-webhooks',
      `receiver statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${inbox.count()} stored`,
    );
    expect(problems(found)).toEqual([]);
    expect(inbox.count()).toBe(INPUTS);
    expect(lines).toHaveLength(INPUTS);
    // The corpus reaches every answer the receiver gives.
    for (const status of [200, 400, 401, 404, 405])
      expect(statuses.get(status) ?? 0, String(status)).toBeGreaterThan(0);
  });
});

describe('paste parsing', () => {
  it(`parses ${INPUTS} hostile pastes into the contract's shape, never throwing`, TIMEOUT, () => {
    const fuzz = createFuzz(suiteSeed(0x9a57));
    const found: string[] = [];
    for (let i = 0; i < INPUTS; i++) {
      const body = fuzz.int(3) === 0 ? new TextDecoder().decode(fuzz.bytes()) : fuzz.jsonText();
      const header = `t=${fuzz.string(['1780000000000'])}, v1=${fuzz.string(['ab'])}`;
      const shapes = [
        () => body,
        () => `WorkOS-Signature: ${header}\n${body}`,
        () =>
          `POST /webhooks HTTP/1.1\r\nContent-Length: ${fuzz.string(['12'])}\r\nWorkOS-Signature: ${header}\r\n\r\n${body}`,
        () => `curl -X POST -H 'WorkOS-Signature: ${header}' --data-raw '${body}' ${fuzz.string(['http://x'])}`,
        () => fuzz.pick(HOSTILE_STRINGS),
      ];
      const text = fuzz.pick(shapes)();
      try {
        const parsed = parseWebhookPaste(text);
        if (!parsedPasteSchema.safeParse(parsed).success) found.push(`#${i}: result outside the contract`);
      } catch (err) {
        found.push(`#${i}: threw ${String(err).slice(0, 80)}`);
      }
    }
    expect(problems(found)).toEqual([]);
  });
});

describe("the sync's response parsing", () => {
  it(`accepts or names what is wrong in ${INPUTS} hostile list pages; what it accepts can be stored`, TIMEOUT, () => {
    const fuzz = createFuzz(suiteSeed(0x5c11));
    const found: string[] = [];
    let accepted = 0;
    let rejected = 0;
    const field = () => (fuzz.int(2) === 0 ? JSON.stringify(fuzz.pick(HOSTILE_STRINGS)) : fuzz.jsonText());
    for (let i = 0; i < INPUTS; i++) {
      const isEvents = fuzz.int(3) === 0;
      const item = isEvents
        ? `{"id":"event_${i}","event":${field()},"data":{"x":${field()}},"created_at":"2026-01-01T00:00:00Z"}`
        : `{"id":"directory_user_${i}","directory_id":"directory_1","idp_id":${fuzz.int(4) === 0 ? field() : '"1"'},"email":${fuzz.int(2) === 0 ? field() : '"a@x"'},"state":"active","raw_attributes":{"a":${field()}},"custom_attributes":{},"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`;
      const text = `{"object":"list","data":[${item}],"list_metadata":{"before":null,"after":${fuzz.int(2) === 0 ? 'null' : field()}}}`;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        continue; // the client rejects unparsable JSON before any schema
      }
      try {
        const page = parseWire(
          listSchema(isEvents ? wireEventSchema : wireUserSchema),
          body,
          isEvents ? '/events' : '/directory_users',
        );
        accepted++;
        // What the store does with every accepted record.
        JSON.stringify(page.data);
      } catch (err) {
        if (err instanceof SchemaViolationError && !/[\r\n]/.test(err.message)) rejected++;
        else found.push(`#${i}: ${err instanceof Error ? `${err.name}: ${err.message.slice(0, 80)}` : String(err)}`);
      }
    }
    report('fuzz-webhooks', `sync pages: ${accepted} accepted, ${rejected} rejected with a named field`);
    expect(problems(found)).toEqual([]);
    expect(accepted).toBeGreaterThan(INPUTS / 10);
    expect(rejected).toBeGreaterThan(INPUTS / 10);
  });
});
