/**
 * The one place a call crosses into the core: look up the method in the contract, validate
 * the input, run the handler, validate the output, and wrap everything in an envelope.
 * Both transports (IPC and HTTP) go through here, so they cannot drift apart.
 *
 * A caller with a role (a team server's signed-in person) may call only the methods whose
 * declared role it holds; a local caller (no caller given: the desktop app, the loopback web
 * console) is the admin of its own machine, as before.
 */
import { z } from 'zod';
import {
  ConsoleError,
  consoleMethods,
  isMethodName,
  requiredRole,
  roleAllows,
  type ConsoleHandlers,
  type Envelope,
  type Role,
} from '../../shared/api.ts';
import type { Logger } from '../log.ts';

/** Names the first failing field, so the message says what is wrong and where. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'value';
  return `${where}: ${issue.message}`;
}

/** Who is calling, when it is not the local user. */
export interface Caller {
  readonly role: Role;
}

export async function dispatch(
  handlers: ConsoleHandlers,
  name: string,
  rawInput: unknown,
  log?: Logger,
  caller?: Caller,
): Promise<Envelope<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'unknown_method', message: `There is no API method named "${name}".` } };
  }
  const needed = requiredRole(name);
  if (caller && !roleAllows(caller.role, needed)) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `${name} needs the ${needed} role; you are signed in as ${caller.role}. Ask an admin of this server.`,
      },
    };
  }
  const spec = consoleMethods[name];
  const input = spec.input.safeParse(rawInput);
  if (!input.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: `Invalid input for ${name}: ${describeZodError(input.error)}` },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const result = await handler(input.data);
    const output = spec.output.safeParse(result);
    if (!output.success) {
      log?.error(`output of ${name} violates the contract: ${describeZodError(output.error)}`);
      return {
        ok: false,
        error: { code: 'invalid_output', message: `The console produced an invalid result for ${name}.` },
      };
    }
    return { ok: true, value: output.data };
  } catch (err) {
    if (err instanceof ConsoleError) return { ok: false, error: { code: err.code, message: err.message } };
    log?.error(`${name} failed`, err);
    return { ok: false, error: { code: 'internal', message: `${name} failed unexpectedly; see the console log.` } };
  }
}
