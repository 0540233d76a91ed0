/**
 * The ConsoleApi contract: every method the renderer may call and every event the core may
 * push, with zod schemas for each argument and result. Features add their own slice in
 * `src/shared/api/<feature>.ts` and spread it in here; the transports derive from these maps.
 */
import { appEvents, appMethods } from './api/app.ts';
import { auditMethods } from './api/audit.ts';
import type { ApiOf, CacheTable, Envelope, EventPayloads, HandlersOf, MethodMeta, Role } from './api/define.ts';
import { syncMethods } from './api/sync.ts';
import { syncSettingsMethods } from './api/sync-settings.ts';
import { sessionMethods } from './api/sessions.ts';
import { teamMethods } from './api/team.ts';
import { webhooksEvents, webhooksMethods } from './api/webhooks.ts';

export const consoleMethods = {
  ...appMethods,
  ...webhooksMethods,
  ...syncMethods,
  ...syncSettingsMethods,
  ...auditMethods,
  ...teamMethods,
  ...sessionMethods,
};

export const consoleEvents = {
  ...appEvents,
  ...webhooksEvents,
};

export type ConsoleMethods = typeof consoleMethods;
export type ConsoleEvents = typeof consoleEvents;
export type MethodName = keyof ConsoleMethods & string;
export type EventName = keyof ConsoleEvents & string;

/** The API as the renderer calls it. */
export type ConsoleApi = ApiOf<ConsoleMethods>;
/** The API as the core implements it. */
export type ConsoleHandlers = HandlersOf<ConsoleMethods>;
export type ConsoleEventPayloads = EventPayloads<ConsoleEvents>;

/**
 * The object the preload script exposes as `window.dsync`: one method per channel, each
 * resolving to the core's envelope (errors are values, never thrown stack traces), and one
 * `on<Event>` subscription per push event.
 */
export type DsyncBridge = {
  [K in MethodName]: (input?: unknown) => Promise<Envelope<Awaited<ReturnType<ConsoleApi[K]>>>>;
} & {
  [K in EventName as `on${Capitalize<K>}`]: (listener: (payload: ConsoleEventPayloads[K]) => void) => () => void;
};

export const methodNames = Object.keys(consoleMethods) as MethodName[];

/** Whether a name (a query key's first part, a URL segment) is one of the contract's methods. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(consoleMethods, name);
}
export const eventNames = Object.keys(consoleEvents) as EventName[];

// ── derived from each method's declaration (role, query, tables read) ─────────────────────

/** The role a team-server caller needs for a method. */
export function requiredRole(name: MethodName): Role {
  return metaOf(name).role;
}

function metaOf(name: MethodName): MethodMeta {
  return consoleMethods[name].meta;
}

/** Methods this machine answers even while a team-server profile is active. */
export function isLocalMethod(name: MethodName): boolean {
  return metaOf(name).local === true;
}

/** Read-only methods that act on nothing outside the process: safe to retry, cache and fuzz. */
export const queryMethodNames: readonly MethodName[] = methodNames.filter((n) => metaOf(n).query);

/** Cache tables a query's answer depends on; undefined for a method that is not a query. */
export function tablesReadBy(name: MethodName): readonly CacheTable[] | undefined {
  return metaOf(name).query?.reads;
}

/** The queries the query worker answers with its own connection. */
export type WorkerMethod = {
  [K in MethodName]: ConsoleMethods[K]['meta'] extends { query: { worker: true } } ? K : never;
}[MethodName];
export const workerMethodNames = methodNames.filter((n) => metaOf(n).query?.worker === true) as WorkerMethod[];

export * from './api/define.ts';
export * from './api/app.ts';
export * from './api/webhooks.ts';
export * from './api/sync.ts';
export * from './api/sync-settings.ts';
export * from './api/audit.ts';
export * from './api/team.ts';
export * from './api/sessions.ts';
