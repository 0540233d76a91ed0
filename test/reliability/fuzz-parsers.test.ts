/**
 * Fuzzing the request parsers and CLI argument validation with seeded hostile inputs (10k+ per
 * target in CI, 1M under `npm run test:soak`). Each target is checked against an independent
 * oracle: it either accepts a value the oracle calls valid (and returns it in range), or
 * rejects it with its own clear error type and a one-line message. Nothing else may escape.
 *
 * The webhook verifier has its own fuzz test (test/unit/webhooks/fuzz.test.ts).
 */
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/emulator/http/api-response.ts';
import { parsePageRequest } from '../../src/emulator/http/list-params.ts';
import { isUlid } from '../../src/emulator/util/ulid.ts';
import { parseHost, parseNonNegativeNumber, parsePort, parsePositiveInt, parseUrl } from '../../src/main/cli/args.ts';
import { runCli } from '../../src/main/cli/main.ts';
import { createFuzz } from './support/fuzz-gen.ts';
import { report, size, suiteSeed } from './support/soak.ts';

const INPUTS = size(12_000, 1_000_000);
const SEED = suiteSeed(0xf022);
/** A million inputs take minutes on a shared machine. */
const TIMEOUT = { timeout: size(60_000, 1_800_000) };

const VALID_ULID = '01HZY2KQ6N3V8W0X4Y5Z6A7B8C';

/** Checked per input without `expect` (12k+ expect calls would dominate the run time). */
function oneLineProblem(message: string, what: string): string | null {
  if (message.trim().length === 0) return `${what}: empty message`;
  // eslint-disable-next-line no-control-regex -- an ESC in a message is exactly what is looked for
  if (/[\r\n\u001b\u2028\u2029\u0085]/.test(message.trim())) return `${what}: message spans lines or carries escapes`;
  return null;
}

function expectNoProblems(problems: string[]): void {
  expect(problems.slice(0, 5), `${problems.length} problems`).toEqual([]);
}

describe('emulator list parameters', () => {
  it(`accepts exactly what the spec allows and answers everything else with a 422 (${INPUTS} queries)`, TIMEOUT, () => {
    const fuzz = createFuzz(SEED);
    const keys = ['limit', 'order', 'before', 'after', 'directory', 'x', 'limit', 'order'];
    const near = {
      limit: ['1', '10', '100', '0', '101', '050', ' 5', '5 ', '1.5', '-3'],
      order: ['asc', 'desc', 'normal', 'ASC', 'des'],
      before: [`directory_user_${VALID_ULID}`, `directory_${VALID_ULID}`, VALID_ULID, `directory_user_${VALID_ULID}x`],
      after: [`directory_user_${VALID_ULID}`, `directory_user_${VALID_ULID.toLowerCase()}`, 'directory_user_'],
    } as Record<string, string[]>;
    let accepted = 0;
    let rejected = 0;
    const problems: string[] = [];
    for (let i = 0; i < INPUTS; i++) {
      const query = new URLSearchParams();
      const n = fuzz.int(5);
      for (let k = 0; k < n; k++) {
        const key = fuzz.pick(keys);
        query.append(key, fuzz.string(near[key] ?? []));
      }
      // The oracle: the first value of each parameter decides (URLSearchParams.get semantics).
      const first = (name: string): string | undefined => {
        const v = query.get(name);
        return v === null || v === '' ? undefined : v;
      };
      const limit = first('limit');
      const order = first('order');
      const cursorOk = (v: string | undefined) =>
        v === undefined || (v.startsWith('directory_user_') && isUlid(v.slice('directory_user_'.length)));
      const limitOk = limit === undefined || (/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 100);
      const valid =
        limitOk &&
        (order === undefined || ['asc', 'desc', 'normal'].includes(order)) &&
        cursorOk(first('before')) &&
        cursorOk(first('after'));
      try {
        const page = parsePageRequest(query, 'directory_user');
        if (!valid) problems.push(`accepted ${query.toString()}`);
        if (!(Number.isInteger(page.limit) && page.limit >= 1 && page.limit <= 100))
          problems.push(`limit ${page.limit}`);
        if (!['asc', 'desc', 'normal'].includes(page.order)) problems.push(`order ${page.order}`);
        accepted++;
      } catch (err) {
        if (!(err instanceof ApiError)) problems.push(`non-API error ${String(err)} for ${query.toString()}`);
        else if (err.response.status !== 422) problems.push(`status ${err.response.status} for ${query.toString()}`);
        if (valid) problems.push(`rejected a valid query ${query.toString()}`);
        rejected++;
      }
    }
    expectNoProblems(problems);
    report(
      'fuzz',
      `list params: ${INPUTS} queries, ${accepted} accepted, ${rejected} rejected with 422 (seed ${SEED})`,
    );
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});

describe('CLI argument parsers', () => {
  const targets: {
    name: string;
    parse: (v: string) => unknown;
    oracle: (v: string) => boolean;
    near: string[];
  }[] = [
    {
      name: 'port',
      parse: parsePort,
      oracle: (v) => /^\d+$/.test(v) && Number(v) <= 65535,
      near: ['0', '80', '8080', '65535', '65536', '-1', '1.0', '08'],
    },
    {
      name: 'positive int (max 1000)',
      parse: parsePositiveInt('directories', 1000),
      oracle: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000,
      near: ['1', '1000', '1001', '0', '10e2'],
    },
    {
      name: 'non-negative number',
      parse: parseNonNegativeNumber('latency'),
      oracle: (v) => v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) >= 0,
      near: ['0', '0.5', '1e3', '-0', '-1', 'Infinity', '.5', '5.'],
    },
    {
      name: 'host',
      parse: parseHost,
      oracle: (v) => /^[A-Za-z0-9.:\-[\]]+$/.test(v),
      near: ['127.0.0.1', 'localhost', '[::1]', '::1', 'example.com', '0.0.0.0', 'a b'],
    },
    {
      name: 'url',
      parse: parseUrl,
      oracle: (v) => {
        try {
          const u = new URL(v);
          return u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          return false;
        }
      },
      near: ['http://127.0.0.1:4000', 'https://api.workos.com', 'ftp://x', 'http:/x', 'https://[::1]:1/'],
    },
  ];

  it.each(targets)(
    `$name: accepts what the oracle accepts, rejects the rest in one line (${INPUTS} inputs)`,
    TIMEOUT,
    (t) => {
      const fuzz = createFuzz(SEED ^ t.name.length);
      let rejected = 0;
      const problems: string[] = [];
      for (let i = 0; i < INPUTS; i++) {
        const value = fuzz.string(t.near);
        const valid = t.oracle(value);
        try {
          t.parse(value);
          if (!valid) problems.push(`accepted ${JSON.stringify(value)}`);
        } catch (err) {
          if (!(err instanceof InvalidArgumentError)) problems.push(`non-usage error for ${JSON.stringify(value)}`);
          if (valid) problems.push(`rejected valid ${JSON.stringify(value)}`);
          const problem = oneLineProblem((err as Error).message, JSON.stringify(value));
          if (problem) problems.push(problem);
          rejected++;
        }
      }
      expectNoProblems(problems);
      report('fuzz', `${t.name}: ${INPUTS} inputs, ${rejected} rejected`);
    },
  );

  it(
    'the CLI answers invalid option values with exit code 2 and one line, before doing anything',
    TIMEOUT,
    async () => {
      const fuzz = createFuzz(SEED + 7);
      const cases: { argv: (v: string) => string[]; invalid: (v: string) => boolean; near: string[] }[] = [
        { argv: (v) => ['web', '--port', v], invalid: (v) => !targets[0]!.oracle(v), near: ['65536', '-1', 'x'] },
        { argv: (v) => ['listen', '--port', v], invalid: (v) => !targets[0]!.oracle(v), near: ['99999', '1e3'] },
        { argv: (v) => ['emulator', '--port', v], invalid: (v) => !targets[0]!.oracle(v), near: ['', ' 80'] },
        {
          argv: (v) => ['emulator', '--directories', v],
          invalid: (v) => !targets[1]!.oracle(v),
          near: ['0', '1001', 'two'],
        },
        { argv: (v) => ['emulator', '--latency', v], invalid: (v) => !targets[2]!.oracle(v), near: ['-5', 'NaN'] },
        { argv: (v) => ['web', '--host', v], invalid: (v) => !targets[3]!.oracle(v), near: ['a b', 'x/y'] },
      ];
      const runs = size(400, 20_000);
      let tried = 0;
      for (let i = 0; tried < runs; i++) {
        const c = cases[i % cases.length]!;
        const value = fuzz.string(c.near);
        // Only values the oracle calls invalid: a valid one would start a server.
        if (!c.invalid(value) || value.startsWith('-')) continue;
        tried++;
        const err: string[] = [];
        const out: string[] = [];
        const code = await runCli(c.argv(value), { out: (t) => out.push(t), err: (t) => err.push(t) });
        expect(code, `${JSON.stringify(c.argv(value))}: ${err.join('')}`).toBe(2);
        expect(out.join('')).toBe('');
        expect(oneLineProblem(err.join('').replace(/\n$/, ''), JSON.stringify(c.argv(value)))).toBeNull();
      }
      report('fuzz', `CLI: ${tried} invalid option values, each refused with exit 2 and one line`);
    },
  );
});
