/** The CLI as a Unix tool, in process: --version, hints, one-line errors, times, tables. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.ts';
import { parseTimeArg } from '../../../src/main/cli/time-args.ts';
import { layoutTable, wrapText } from '../../../src/main/cli/cli-format.ts';
import { pickDirectory } from '../../../src/main/cli/directory-arg.ts';
import { changesTable } from '../../../src/main/cli/changes-table.ts';
import type { NamedChange } from '../../../src/main/cli/change-names.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { out: (t: string) => void (out += t), err: (t: string) => void (err += t) },
    out: () => out,
    err: () => err,
  };
}

const chars = (line: string): number => [...line].length;

describe('dsync-console --version and hints', () => {
  it('prints the version from package.json and exits 0', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const c = capture();
      expect(await runCli([flag], c.io)).toBe(0);
      expect(c.out()).toBe(`${pkg.version}\n`);
    }
  });

  it('puts "did you mean" on a real second line, never as \\u000a', async () => {
    for (const [argv, hint] of [
      [['usrs'], '(Did you mean users?)'],
      [['users', '--formt', 'csv'], '(Did you mean --format?)'],
    ] as const) {
      const c = capture();
      expect(await runCli([...argv], c.io)).toBe(2);
      expect(c.err()).not.toContain('\\u000a');
      const lines = c.err().trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^error: unknown/);
      expect(lines[1]).toBe(hint);
    }
  });

  it('still keeps a newline inside a bad value escaped, on one line', async () => {
    const c = capture();
    expect(await runCli(['web', '--port', '1\n(Did you mean 2?)'], c.io)).toBe(2);
    expect(c.err().trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('--since / --until values', () => {
  const now = new Date('2026-11-20T15:30:00Z');

  it('takes relative times and named days', () => {
    expect(parseTimeArg('24h', now)).toBe('2026-11-19T15:30:00.000Z');
    expect(parseTimeArg('7d', now)).toBe('2026-11-13T15:30:00.000Z');
    expect(parseTimeArg('30m', now)).toBe('2026-11-20T15:00:00.000Z');
    expect(parseTimeArg('2w', now)).toBe('2026-11-06T15:30:00.000Z');
    expect(parseTimeArg('now', now)).toBe(now.toISOString());
    const today = new Date(parseTimeArg('today', now));
    expect([today.getHours(), today.getMinutes(), today.getDate()]).toEqual([0, 0, now.getDate()]);
    expect(Date.parse(parseTimeArg('today', now)) - Date.parse(parseTimeArg('yesterday', now))).toBeGreaterThanOrEqual(
      23 * 3600_000,
    );
  });

  it('takes ISO dates and date-times', () => {
    expect(parseTimeArg('2026-11-01', now)).toBe('2026-11-01T00:00:00.000Z');
    expect(parseTimeArg('2026-11-01T09:00:00Z', now)).toBe('2026-11-01T09:00:00.000Z');
    expect(parseTimeArg('2026-11-01T09:00:00+02:00', now)).toBe('2026-11-01T07:00:00.000Z');
  });

  it('refuses anything else with a one-line reason', () => {
    for (const bad of ['yesterday-ish', '24x', '1', '2026-02-31', '2026-11-01T25:00Z', '', '-7d', '7 days']) {
      expect(() => parseTimeArg(bad, now), bad).toThrow(/is not a time: give an ISO date/);
    }
  });

  it('exits 2 for a bad value through the CLI', async () => {
    const c = capture();
    expect(await runCli(['changes', '--until', '3 fortnights', '--data-dir', '/nonexistent'], c.io)).toBe(2);
    expect(c.err().trimEnd().split('\n')).toHaveLength(1);
    expect(c.err()).toMatch(/is not a time/);
  });
});

describe('--directory by id or name', () => {
  const dirs = [
    { id: 'directory_1', name: 'Acme Okta' },
    { id: 'directory_2', name: 'Twin' },
    { id: 'directory_3', name: 'Twin' },
  ];
  it('takes an id or a unique exact name', () => {
    expect(pickDirectory(dirs, 'directory_2')).toBe('directory_2');
    expect(pickDirectory(dirs, 'Acme Okta')).toBe('directory_1');
  });
  it('names the known directories for an unknown one, and the ids for an ambiguous name', () => {
    expect(() => pickDirectory(dirs, 'acme okta')).toThrow(
      /no directory "acme okta". Known: Acme Okta \(directory_1\)/,
    );
    expect(() => pickDirectory(dirs, 'Twin')).toThrow(/2 directories are named "Twin".*directory_2.*directory_3/);
    expect(() => pickDirectory([], 'x')).toThrow(/no cached directories/);
  });
});

describe('tables', () => {
  it('never cuts a kept column (ids); the others give up room to fit the width', () => {
    const id = `directory_user_${'X'.repeat(26)}`;
    const text = layoutTable(
      [{ header: 'id', keep: true }, { header: 'name' }, { header: 'email' }],
      [{ cells: [id, 'N'.repeat(80), 'e'.repeat(80)] }],
      80,
    );
    for (const line of text.trimEnd().split('\n')) expect(chars(line)).toBeLessThanOrEqual(80);
    expect(text).toContain(id);
    expect(text).toContain('…');
  });

  it('wraps free text at spaces and splits a word longer than the line', () => {
    expect(wrapText('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapText('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
  });

  it('fits `changes` in 120 columns with names beside whole ids', () => {
    const long = 'Maximiliana Bartholomew-Featherstonehaugh of the Very Long Department Name';
    const base = {
      seq: 1,
      at: '2026-11-20T15:30:00.123Z',
      directoryId: 'directory_01FNK7088XWTK1T7V5WDY9D623',
      field: null,
      before: null,
      after: null,
      source: 'events',
      runId: null,
      eventId: null,
      baseline: false,
      directoryName: 'A directory with a name far longer than any column could hold',
    } as const;
    const userId = 'directory_user_01M932B5MK05F77G51VJ3Y6J96';
    const groupId = 'directory_group_01M932B5MK05F77G51VJ3Y6J96';
    const rows: NamedChange[] = [
      {
        ...base,
        entityType: 'user',
        entityId: userId,
        kind: 'added',
        groupId: null,
        userId: null,
        entityName: long,
        userName: long,
        groupName: null,
      },
      {
        ...base,
        entityType: 'membership',
        entityId: `${groupId}:${userId}`,
        kind: 'added',
        groupId,
        userId,
        entityName: long,
        userName: long,
        groupName: long,
      },
      {
        ...base,
        entityType: 'user',
        entityId: userId,
        kind: 'changed',
        field: 'job_title',
        before: 'x'.repeat(200),
        after: 'Engineer',
        groupId: null,
        userId,
        entityName: long,
        userName: long,
        groupName: null,
      },
    ];
    const text = changesTable(rows, 120);
    for (const line of text.trimEnd().split('\n')) expect(chars(line), line).toBeLessThanOrEqual(120);
    expect(text).toContain(userId);
    expect(text).toContain(groupId);
    expect(text).toContain(base.directoryId);
    expect(text).toContain('Maximiliana');
    expect(text).toContain('job_title:');
  });
});
