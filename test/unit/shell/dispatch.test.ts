import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../src/shared/api.ts';
import { createConsoleCore } from '../../../src/main/core/console-core.ts';
import { dispatch } from '../../../src/main/rpc/dispatch.ts';
import { silentLogger } from '../../../src/main/log.ts';

function core() {
  return createConsoleCore({
    dataDir: mkdtempSync(join(tmpdir(), 'dsync-core-')),
    transport: 'web',
    log: silentLogger,
    autoSync: false,
    queryWorker: false,
  });
}

describe('dispatch', () => {
  it('answers a valid call with an ok envelope whose value matches the contract', async () => {
    const c = core();
    const result = await c.call('getAppInfo', undefined);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ name: 'dsync-console', transport: 'web' });
  });

  it('names the offending field when the input is invalid', async () => {
    const result = await core().call('getHealthSummary', { profileId: 42 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('profileId') },
    });
  });

  it('refuses unknown and prototype-polluting method names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      const result = await core().call(name, undefined);
      expect(result.ok ? null : result.error.code).toBe('unknown_method');
    }
  });

  it('passes ConsoleError codes through and hides other errors behind a generic message', async () => {
    const c = core();
    const handlers = {
      ...c.handlers,
      listProfiles: () => {
        throw new ConsoleError('not_found', 'No such profile: x');
      },
      getAppInfo: () => {
        throw new Error('secret internals at /home/me/.key');
      },
    };
    expect(await dispatch(handlers, 'listProfiles', undefined)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such profile: x' },
    });
    const hidden = await dispatch(handlers, 'getAppInfo', undefined, silentLogger);
    expect(hidden.ok).toBe(false);
    expect(JSON.stringify(hidden)).not.toContain('secret internals');
    expect(hidden.ok ? '' : hidden.error.code).toBe('internal');
  });

  it('refuses results that violate the contract instead of passing them on', async () => {
    const c = core();
    const handlers = { ...c.handlers, getAppInfo: () => ({ name: 1 }) as never };
    const result = await dispatch(handlers, 'getAppInfo', undefined, silentLogger);
    expect(result.ok ? '' : result.error.code).toBe('invalid_output');
  });
});
