/**
 * Building blocks of the ConsoleApi contract. A method is a pair of zod schemas; an event is
 * one schema. Everything else (preload bridge, IPC handlers, HTTP routes, renderer client)
 * is derived from the objects built with these helpers, so adding a method is one edit.
 */
import { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output };
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
