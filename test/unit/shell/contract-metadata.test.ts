/**
 * Each contract method declares its role, whether it is a query and which tables it reads;
 * the query worker's list, the fuzz test's safe methods and the renderer's invalidation are
 * derived from it, and the dispatcher enforces the role for callers that have one.
 */
import { describe, expect, it } from 'vitest';
import {
  cacheTables,
  consoleMethods,
  isLocalMethod,
  methodNames,
  queryMethodNames,
  requiredRole,
  roles,
  tablesReadBy,
  workerMethodNames,
  type MethodName,
} from '../../../src/shared/api.ts';
import { dispatch } from '../../../src/main/rpc/dispatch.ts';
import { OFFLOADED_METHODS } from '../../../src/main/core/query-worker/offloaded.ts';
import type { ConsoleHandlers } from '../../../src/shared/api.ts';

/** Methods that act outside the process or change state: never queries. */
const ACTING: MethodName[] = [
  'createProfile',
  'updateProfile',
  'deleteProfile',
  'setActiveProfile',
  'testConnection',
  'startSync',
  'cancelSync',
  'pauseSync',
  'resumeSync',
  'startWebhookReceiver',
  'stopWebhookReceiver',
  'resignAndSend',
  'replayInbox',
  'setSyncIntervals',
  'addTeamServer',
  'beginTeamServerSignIn',
  'signOutOfTeamServer',
  'revokeSession',
];

describe('contract metadata', () => {
  it('gives every method a known role and every query known tables', () => {
    for (const name of methodNames) {
      expect(roles, name).toContain(requiredRole(name));
      for (const table of tablesReadBy(name) ?? []) expect(cacheTables, `${name} reads ${table}`).toContain(table);
    }
  });

  it('never marks a state-changing or outward-acting method as a query', () => {
    for (const name of ACTING) {
      expect(queryMethodNames, name).not.toContain(name);
      expect(tablesReadBy(name), name).toBeUndefined();
    }
    expect(queryMethodNames.length + ACTING.length).toBe(methodNames.length);
  });

  it("asks the issue's roles: viewers read, operators sync and replay, admins configure", () => {
    expect(requiredRole('listUsers')).toBe('viewer');
    expect(requiredRole('verifyWebhook')).toBe('viewer');
    expect(requiredRole('startSync')).toBe('operator');
    expect(requiredRole('replayInbox')).toBe('operator');
    for (const admin of ['createProfile', 'updateProfile', 'deleteProfile', 'setSyncIntervals'] as const) {
      expect(requiredRole(admin)).toBe('admin');
    }
    for (const name of queryMethodNames) expect(['viewer', 'admin'], name).toContain(requiredRole(name));
  });

  it('keeps only profiles and team-server connections on this machine while a team server is active', () => {
    const local = methodNames.filter(isLocalMethod).sort();
    expect(local).toEqual(
      [
        'getAppInfo',
        'listProfiles',
        'createProfile',
        'updateProfile',
        'deleteProfile',
        'setActiveProfile',
        'testConnection',
        'getProfileStatus',
        'listProfileStatuses',
        'addTeamServer',
        'beginTeamServerSignIn',
        'signOutOfTeamServer',
        'getTeamServerStatus',
      ].sort(),
    );
    // Every cache read goes to the server.
    for (const name of workerMethodNames) expect(isLocalMethod(name), name).toBe(false);
  });

  it('derives the query worker list from the contract: cache reads only', () => {
    expect(OFFLOADED_METHODS).toEqual(workerMethodNames);
    expect(workerMethodNames).toEqual(expect.arrayContaining(['listUsers', 'getUser', 'getDiff', 'getHealthSummary']));
    for (const name of workerMethodNames) {
      expect(queryMethodNames).toContain(name);
      expect(tablesReadBy(name)!.length, name).toBeGreaterThan(0);
      expect(consoleMethods[name].meta.query.worker).toBe(true);
    }
    // Webhook state lives outside the cache's worker connection.
    expect(workerMethodNames).not.toContain('listInbox');
  });
});

describe('dispatch enforces the declared role', () => {
  const calls: string[] = [];
  const handlers = new Proxy({} as ConsoleHandlers, {
    get: (_t, name: string) => () => {
      calls.push(name);
      return { started: true, message: 'ok' };
    },
  });

  it('refuses a caller without the role before looking at the input', async () => {
    calls.length = 0;
    const result = await dispatch(handlers, 'startSync', { nonsense: true }, undefined, { role: 'viewer' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('needs the operator role') },
    });
    expect(calls).toEqual([]);
  });

  it('lets a caller with the role (or a higher one) through to validation and the handler', async () => {
    calls.length = 0;
    const bad = await dispatch(handlers, 'startSync', { nonsense: true }, undefined, { role: 'operator' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
    const good = await dispatch(handlers, 'startSync', { profileId: 'p1' }, undefined, { role: 'admin' });
    expect(good.ok).toBe(true);
    expect(calls).toEqual(['startSync']);
  });

  it('treats a local caller (no role given) as the admin of its machine', async () => {
    calls.length = 0;
    const result = await dispatch(handlers, 'startSync', { profileId: 'p1' });
    expect(result.ok).toBe(true);
  });
});
