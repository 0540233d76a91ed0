/**
 * Building blocks of the ConsoleApi contract. A method is a pair of zod schemas; an event is
 * one schema. Everything else (preload bridge, IPC handlers, HTTP routes, renderer client)
 * is derived from the objects built with these helpers, so adding a method is one edit.
 */
import { z } from 'zod';

/**
 * Who may call a method on a team server. Each role holds the ones before it:
 * viewer reads the cache and uses the webhook verifier; operator also syncs now and replays
 * from the inbox; admin also manages profiles, keys, schedules, the receiver and the audit log.
 * A local caller (desktop app, loopback web console) is the admin of its own machine.
 */
export const roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

export function roleAllows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}

/** Tables of the cache a query may read; a `dataChanged` naming one of them refreshes it. */
export const cacheTables = [
  'profiles',
  'sync_runs',
  'directories',
  'organizations',
  'users',
  'groups',
  'memberships',
  'changes',
  'tombstones',
  'audit_log',
] as const;
export type CacheTable = (typeof cacheTables)[number];

/**
 * What a method declares beside its schemas. `query` is set only for methods that change
 * nothing and act on nothing outside the process (no network, ports or files): they may be
 * retried, fuzzed and cached. `reads` lists the cache tables the answer depends on (empty when
 * it depends on none, or only on state pushed by events); `worker` marks queries the query
 * worker answers with its own connection (the core's thread stays free).
 */
export interface MethodMeta {
  readonly role: Role;
  /**
   * Answered by this machine's core even while a team-server profile is active (the profile
   * list, switching profiles, connecting to a team server); every other method then goes to
   * the team server.
   */
  readonly local?: true;
  readonly query?: { readonly reads: readonly CacheTable[]; readonly worker?: boolean };
}

export interface MethodSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  M extends MethodMeta = MethodMeta,
> {
  readonly input: I;
  readonly output: O;
  readonly meta: M;
}

export function method<I extends z.ZodType, O extends z.ZodType, const M extends MethodMeta>(
  input: I,
  output: O,
  meta: M,
): MethodSpec<I, O, M> {
  return { input, output, meta };
}

/** Input schema for methods that take no argument. */
export const noInput = z.void();

export type MethodMap = Record<string, MethodSpec>;
export type EventMap = Record<string, z.ZodType>;

/** What a caller sees: one async function per method. */
export type ApiOf<M extends MethodMap> = {
  [K in keyof M]: M[K]['input'] extends z.ZodVoid
    ? () => Promise<z.output<M[K]['output']>>
    : (input: z.input<M[K]['input']>) => Promise<z.output<M[K]['output']>>;
};

/** What the core implements: one handler per method, given the already validated input. */
export type HandlersOf<M extends MethodMap> = {
  [K in keyof M]: (input: z.output<M[K]['input']>) => Promise<z.input<M[K]['output']>> | z.input<M[K]['output']>;
};

export type EventPayloads<E extends EventMap> = { [K in keyof E]: z.output<E[K]> };

/** Errors cross the boundary as envelopes, never as stack traces. */
export const errorCodes = [
  'invalid_input',
  'invalid_output',
  'not_found',
  'unknown_method',
  'unauthorized',
  'forbidden',
  'conflict',
  'unavailable',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by core handlers for errors the user should see; anything else becomes `internal`. */
export class ConsoleError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

/** Channel names shared by IPC and the preload bridge. */
export const methodChannel = (name: string): string => `dsync:call:${name}`;
export const eventChannel = (name: string): string => `dsync:event:${name}`;
/** Bridge property name for subscribing to an event, e.g. `syncProgress` → `onSyncProgress`. */
export const eventBridgeName = (name: string): string => `on${name[0]!.toUpperCase()}${name.slice(1)}`;
