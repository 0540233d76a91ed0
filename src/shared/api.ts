/**
 * The ConsoleApi contract: every method the renderer may call and every event the core may
 * push, with zod schemas for each argument and result. Features add their own slice in
 * `src/shared/api/<feature>.ts` and spread it in here; the transports derive from these maps.
 */
import { appEvents, appMethods } from './api/app.ts';
import type { ApiOf, Envelope, EventPayloads, HandlersOf } from './api/define.ts';
import { syncMethods } from './api/sync.ts';
import { syncSettingsMethods } from './api/sync-settings.ts';
import { webhooksEvents, webhooksMethods } from './api/webhooks.ts';

export const consoleMethods = {
  ...appMethods,
  ...webhooksMethods,
  ...syncMethods,
  ...syncSettingsMethods,
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
export const eventNames = Object.keys(consoleEvents) as EventName[];

export * from './api/define.ts';
export * from './api/app.ts';
export * from './api/webhooks.ts';
export * from './api/sync.ts';
export * from './api/sync-settings.ts';
