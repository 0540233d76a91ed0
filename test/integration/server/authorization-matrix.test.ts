/**
 * Every contract method × every role, plus anonymous, over the team server's HTTP API:
 * anonymous → 401, a role below the method's declared one → 403, enough → neither. The list
 * of methods comes from the contract, so a new method is covered the day it is added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { consoleMethods, methodNames, requiredRole, roleAllows, roles, type Role } from '../../../src/shared/api.ts';
import { startFixture, type Fixture } from './support/team-server.ts';

let f: Fixture;
const cookies = new Map<Role, string>();
beforeAll(async () => {
  f = await startFixture();
  for (const role of roles) {
    const session = f.server.sessions.create({ sub: `matrix-${role}`, email: `${role}@example.com`, name: null, role });
    cookies.set(role, `dsync_team_session=${session.id}`);
  }
}, 60_000);
afterAll(async () => {
  await f?.close();
});

async function call(method: string, cookie: string | null): Promise<number> {
  const takesNothing = consoleMethods[method as keyof typeof consoleMethods].input instanceof z.ZodVoid;
  const res = await fetch(new URL(`/api/${method}`, f.base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    // Inputs that do not validate: an allowed call is answered 400, never acted on.
    body: takesNothing ? '' : JSON.stringify({ profileId: 42 }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('authorization matrix', () => {
  it('covers every method of the contract', () => {
    expect(methodNames.length).toBeGreaterThan(40);
  });

  it.each(methodNames)('%s: anonymous 401, lower roles 403, allowed roles neither', async (method) => {
    expect(await call(method, null)).toBe(401);
    for (const role of roles) {
      const status = await call(method, cookies.get(role)!);
      if (roleAllows(role, requiredRole(method))) {
        expect([401, 403], `${method} as ${role}`).not.toContain(status);
      } else {
        expect(status, `${method} as ${role}`).toBe(403);
      }
    }
  });
});
