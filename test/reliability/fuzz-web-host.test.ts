/**
 * Fuzzing the web host's JSON body handling in-process (Hono's `app.request`, no sockets):
 * random, truncated, deeply nested, prototype-polluting, non-UTF-8 and mistyped bodies sent to
 * read-only API methods and to names that are not methods. Every answer must be a JSON
 * envelope with a 2xx/4xx status (never a 500 or a thrown error), and no input may pollute
 * Object.prototype. Methods with side effects outside the process (network, ports, files) are
 * left out: a random body that happened to validate would make them act.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../src/main/core/console-core.ts';
import { queryMethodNames } from '../../src/shared/api.ts';
import { createLogger } from '../../src/main/log.ts';
import { AccessControl, SESSION_COOKIE } from '../../src/main/web/access.ts';
import { createWebApp } from '../../src/main/web/server.ts';
import { createFuzz, type Fuzz } from './support/fuzz-gen.ts';
import { report, size, suiteSeed } from './support/soak.ts';

const REQUESTS = size(10_000, 1_000_000);
const SEED = suiteSeed(0x3eb0);
const PORT = 48_123;

/** The contract's queries: they change nothing and act on nothing outside the process. */
const SAFE_METHODS = queryMethodNames;
const NOT_METHODS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'dropAllTables',
  '..%2f..%2fetc',
  'x'.repeat(300),
];
const KEYS = [
  'profileId',
  'userId',
  'groupId',
  'directoryId',
  'limit',
  'cursor',
  'at',
  'text',
  'a',
  'b',
  'body',
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'q',
];

function randomJson(fuzz: Fuzz, depth: number): unknown {
  const kind = fuzz.int(depth > 3 ? 5 : 8);
  switch (kind) {
    case 0:
      return fuzz.string(['p1', 'demo', 'directory_user_01HZY2KQ6N3V8W0X4Y5Z6A7B8C', '2026-01-01T00:00:00Z']);
    case 1:
      return fuzz.pick([0, -1, 1, 1e308, -1e-308, 2 ** 53 + 1, 0.5, 100, 101]);
    case 2:
      return fuzz.pick([true, false, null]);
    case 3:
      return '';
    case 4:
      return fuzz.int(2) === 0 ? 'p1' : 1;
    case 5:
    case 6: {
      const obj: Record<string, unknown> = {};
      const n = fuzz.int(5);
      for (let i = 0; i < n; i++) obj[fuzz.pick(KEYS)] = randomJson(fuzz, depth + 1);
      return obj;
    }
    default:
      return Array.from({ length: fuzz.int(4) }, () => randomJson(fuzz, depth + 1));
  }
}

function randomBody(fuzz: Fuzz): string | Uint8Array {
  const roll = fuzz.int(10);
  if (roll === 0) return fuzz.string(['{', '}', '[]', 'null', '{"profileId":', '"']);
  if (roll === 1) {
    const text = JSON.stringify(randomJson(fuzz, 0)) ?? '';
    return text.slice(0, fuzz.int(text.length + 1));
  }
  if (roll === 2) {
    const depth = 500 + fuzz.int(4000);
    return '['.repeat(depth) + ']'.repeat(fuzz.int(2) === 0 ? depth : 0);
  }
  if (roll === 3) return '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
  if (roll === 4) return Uint8Array.from({ length: fuzz.int(64) }, () => fuzz.int(256));
  if (roll === 5) return '';
  // Issue 16's corpus: arguments whose strings and numbers are hostile (deep nesting, 1e999,
  // 20-digit integers, escapes, NUL, lone surrogates), as text or with invalid UTF-8 inside.
  if (roll === 6) {
    const text = () => JSON.stringify(fuzz.jsonText());
    return `{"profileId":"demo","text":${text()},"a":${text()},"b":${text()},"body":${text()},"header":"t=1, v1=00","secrets":["whsec_x"],"x":${fuzz.jsonText()}}`;
  }
  if (roll === 7) return fuzz.int(2) === 0 ? fuzz.jsonText() : fuzz.bytes();
  return JSON.stringify(randomJson(fuzz, 0)) ?? 'null';
}

let core: ConsoleCore;
const logLines: string[] = [];
let dir: string;
let request: (method: string, body: string | Uint8Array, contentType: string) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsync-fuzz-web-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
  core = createConsoleCore({
    dataDir: join(dir, 'data'),
    transport: 'web',
    log: createLogger((l) => logLines.push(l)),
    autoSync: false,
    queryWorker: false,
  });
  const access = new AccessControl();
  access.bind('127.0.0.1', PORT);
  const session = access.exchange(access.issueToken())!;
  const app = createWebApp(core, access, rendererDir);
  request = async (method, body, contentType) =>
    app.request(`http://127.0.0.1:${PORT}/api/${method}`, {
      method: 'POST',
      headers: { host: `127.0.0.1:${PORT}`, cookie: `${SESSION_COOKIE}=${session}`, 'content-type': contentType },
      body,
    });
});

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web host JSON bodies', () => {
  it(
    `answers ${REQUESTS} hostile bodies with envelopes, never a 500, never polluting prototypes`,
    // The hostile corpus (deep nesting, long strings) makes each request dearer: minutes under load.
    { timeout: size(600_000, 7_200_000) },
    async () => {
      const fuzz = createFuzz(SEED);
      const statuses = new Map<number, number>();
      const problems: string[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const method = fuzz.int(10) === 0 ? fuzz.pick(NOT_METHODS) : fuzz.pick(SAFE_METHODS);
        const body = randomBody(fuzz);
        const contentType =
          fuzz.int(20) === 0
            ? fuzz.pick(['text/plain', '', 'application/jsonx', 'multipart/form-data'])
            : 'application/json';
        const res = await request(encodeURIComponent(method), body, contentType);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        let envelope: { ok?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
        try {
          envelope = JSON.parse(text) as typeof envelope;
        } catch {
          problems.push(`${method}: non-JSON answer ${res.status} ${text.slice(0, 80)}`);
          continue;
        }
        if (res.status >= 500)
          problems.push(`${method} ${JSON.stringify(body).slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`);
        if (typeof envelope?.ok !== 'boolean') problems.push(`${method}: no envelope in ${text.slice(0, 80)}`);
        if (envelope?.ok === false && (typeof envelope.error?.message !== 'string' || envelope.error.message === '')) {
          problems.push(`${method}: error without a message`);
        }
        if (problems.length > 20) break;
      }
      expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
      const stacks = logLines.filter((l) => /\n\s+at |RangeError|Maximum call stack/.test(l));
      expect(stacks.slice(0, 3), 'stack traces in the log').toEqual([]);
      report('fuzz', `web host: ${REQUESTS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([]);
    },
  );
});
