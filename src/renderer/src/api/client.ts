/**
 * The renderer's single way to reach the core. Inside Electron the preload exposes
 * `window.dsync` (IPC); in a browser the same calls go over HTTP to the web console, and
 * push events arrive over SSE. Both are built from the contract's method and event names.
 */
import {
  eventBridgeName,
  eventNames,
  methodNames,
  type ApiError,
  type ConsoleApi,
  type ConsoleEventPayloads,
  type DsyncBridge,
  type Envelope,
  type EventName,
} from '../../../shared/api';

declare global {
  interface Window {
    dsync?: DsyncBridge;
  }
}

/** A failed call, carrying the core's error code and a message meant for people. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'] | 'network';
  constructor(code: ApiError['code'] | 'network', message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiCallError(envelope.error.code, envelope.error.message);
}

async function postJson(method: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: input === undefined ? '' : JSON.stringify(input),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiCallError('network', 'The console is not reachable. Is `dsync-console web` still running?');
  }
  let envelope: Envelope<unknown>;
  try {
    envelope = (await response.json()) as Envelope<unknown>;
  } catch {
    throw new ApiCallError('internal', `The console answered ${response.status} without a readable body.`);
  }
  return unwrap(envelope);
}

function httpApi(): ConsoleApi {
  return Object.fromEntries(
    methodNames.map((name) => [name, (input?: unknown) => postJson(name, input)]),
  ) as ConsoleApi;
}

function ipcApi(bridge: DsyncBridge): ConsoleApi {
  // The bridge already resolves to envelopes' values or rejects; wrap to normalise errors.
  return Object.fromEntries(
    methodNames.map((name) => [
      name,
      async (input?: unknown) => {
        const call: (input?: unknown) => Promise<Envelope<unknown>> = bridge[name];
        return unwrap(await call(input));
      },
    ]),
  ) as ConsoleApi;
}

export const transport: 'electron' | 'web' = typeof window !== 'undefined' && window.dsync ? 'electron' : 'web';
export const api: ConsoleApi = transport === 'electron' ? ipcApi(window.dsync!) : httpApi();

type Listener<K extends EventName> = (payload: ConsoleEventPayloads[K]) => void;
const listeners = new Map<EventName, Set<Listener<EventName>>>();
let source: EventSource | null = null;
const connectionListeners = new Set<(connected: boolean) => void>();

function ensureEventSource(): void {
  if (source || transport !== 'web') return;
  source = new EventSource('/api/events', { withCredentials: true });
  source.addEventListener('ready', () => connectionListeners.forEach((l) => l(true)));
  source.addEventListener('error', () => connectionListeners.forEach((l) => l(false)));
  for (const name of eventNames) {
    source.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as ConsoleEventPayloads[typeof name];
      listeners.get(name)?.forEach((l) => l(payload));
    });
  }
}

/** Subscribes to a push event from the core; returns the unsubscribe function. */
export function subscribe<K extends EventName>(name: K, listener: Listener<K>): () => void {
  if (transport === 'electron') {
    const on = window.dsync![eventBridgeName(name) as `on${Capitalize<K>}`] as unknown as (
      l: Listener<K>,
    ) => () => void;
    return on(listener);
  }
  ensureEventSource();
  const set = listeners.get(name) ?? new Set();
  set.add(listener as Listener<EventName>);
  listeners.set(name, set);
  return () => set.delete(listener as Listener<EventName>);
}

/** Told whether the live event stream to the core is up (web) — Electron is always connected. */
export function onConnectionChange(listener: (connected: boolean) => void): () => void {
  if (transport === 'electron') {
    listener(true);
    return () => {};
  }
  ensureEventSource();
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}
