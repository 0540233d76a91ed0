/**
 * The WorkOS Directory Sync client the sync engine uses: the official SDK (its own retries
 * off, a timeout on every call, a fetch that caps response size: request-bounds.ts) for
 * transport and error mapping, raw `workos.get` so no field
 * is dropped (the SDK's deserializers lose `name`, `emails`, `job_title`, `username`),
 * cursor pagination driven here with `limit=100`, our rate limiter in front of every
 * request and our retries around it.
 */
import { WorkOS } from '@workos-inc/node';
import type { z } from 'zod';
import { sdkHostOptions } from './base-url.ts';
import { classifyError, WorkosApiError } from './errors.ts';
import { InFlightGate } from './in-flight-gate.ts';
import { currentRequestRank } from './request-priority.ts';
import {
  realClock,
  WORKOS_RATE_LIMITS,
  WorkosRateLimiter,
  type Clock,
  type LimiterGrant,
  type RateLimits,
} from './rate-limiter.ts';
import { boundedFetch, requestBoundsFromEnv, type RequestBounds } from './request-bounds.ts';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry.ts';
import {
  listSchema,
  parseWire,
  wireDirectorySchema,
  wireEventSchema,
  wireGroupSchema,
  wireMemberRefSchema,
  wireUserSchema,
  type WireDirectory,
  type WireEvent,
  type WireGroup,
  type WireMemberRef,
  type WireUser,
} from './wire-schemas.ts';

export const PAGE_LIMIT = 100;
/** Enough for the key's full rate at ~60 ms round trips even with limits scaled ×10. */
export const DEFAULT_MAX_IN_FLIGHT = 64;

export interface WorkosClientOptions {
  apiKey: string;
  baseUrl: string;
  rateLimits?: RateLimits;
  /** Share one limiter between clients that use the same key. */
  limiter?: WorkosRateLimiter;
  retryPolicy?: RetryPolicy;
  /** Per-attempt timeout, response size cap and attempts (default: request-bounds.ts, env). */
  bounds?: Partial<RequestBounds>;
  /** Requests in flight at once for this client (see in-flight-gate.ts). */
  maxInFlight?: number;
  clock?: Clock;
  random?: () => number;
}

export interface ClientStats {
  requests: number;
  directoryUsersRequests: number;
  retries: number;
  rateLimited: number;
  rateLimitWaitMs: number;
}

/** A retry about to happen: what the sync shows as "waiting for WorkOS …". */
export interface RequestWait {
  method: string;
  path: string;
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
}

/** "waiting for WorkOS (GET /directory_users), attempt 2 of 6… (no answer within 15 s; retrying in 0.4 s)" */
export function describeWait(w: RequestWait): string {
  return `waiting for WorkOS (${w.method} ${w.path}), attempt ${w.attempt} of ${w.maxAttempts}… (${w.reason}; retrying in ${(w.delayMs / 1000).toFixed(1)} s)`;
}

/** `attemptMs`: how long the failed attempt lasted (a timeout lasts the whole timeout). */
function waitReason(err: WorkosApiError, timeoutMs: number, attemptMs: number): string {
  switch (err.kind) {
    case 'timeout':
      return attemptMs >= timeoutMs - 5
        ? `no answer within ${(timeoutMs / 1000).toFixed(timeoutMs < 1000 ? 1 : 0)} s`
        : 'WorkOS answered 408';
    case 'rate_limited':
      return 'rate limited (429)';
    case 'server':
      return `server error ${err.details.status ?? '5xx'}`;
    case 'network':
      return 'cannot connect';
    case 'malformed_response':
      return 'response cut short';
    default:
      return err.kind;
  }
}

export interface Page<T> {
  data: T[];
  after: string | null;
}

type Query = Record<string, string | number | undefined>;

export class WorkosClient {
  private readonly sdk: WorkOS;
  readonly limiter: WorkosRateLimiter;
  private readonly retryPolicy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly gate: InFlightGate;
  /**
   * One per directory bucket: at most one of a directory's requests at a time waits between
   * the gate and its grant. Otherwise the gate, which lets the earliest-started directory in
   * first, would fill with one directory's requests queued behind its own 4/s bucket (slots
   * that carry nothing) while the key's bucket idles.
   */
  private readonly turnstiles = new Map<string, InFlightGate>();
  readonly bounds: RequestBounds;
  private readonly waitListeners = new Set<(wait: RequestWait) => void>();
  readonly stats: ClientStats = {
    requests: 0,
    directoryUsersRequests: 0,
    retries: 0,
    rateLimited: 0,
    rateLimitWaitMs: 0,
  };

  constructor(options: WorkosClientOptions) {
    this.bounds = { ...requestBoundsFromEnv(), ...options.bounds };
    this.sdk = new WorkOS(options.apiKey, {
      ...sdkHostOptions(options.baseUrl),
      timeout: this.bounds.timeoutMs,
      // Retries are ours (they must go back through the rate limiter and be counted).
      maxRetries: 0,
      fetchFn: boundedFetch(this.bounds.maxResponseBytes),
    });
    this.clock = options.clock ?? realClock;
    this.limiter = options.limiter ?? new WorkosRateLimiter(options.rateLimits ?? WORKOS_RATE_LIMITS, this.clock);
    this.retryPolicy = options.retryPolicy ?? { ...DEFAULT_RETRY_POLICY, maxAttempts: this.bounds.maxAttempts };
    this.random = options.random ?? Math.random;
    this.gate = new InFlightGate(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  }

  /** Hears every retry before its wait (the sync shows them); returns the unsubscribe. */
  onWait(listener: (wait: RequestWait) => void): () => void {
    this.waitListeners.add(listener);
    return () => this.waitListeners.delete(listener);
  }

  /** One GET through limiter + retries; `limitDirectory` names the directory bucket for /directory_users. */
  async getJson(
    path: string,
    query: Query,
    limitDirectory: string | null,
    signal?: AbortSignal,
    urgent = false,
  ): Promise<unknown> {
    const cleanQuery: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined) cleanQuery[k] = v;
    const rank = currentRequestRank();
    let sentAt = 0;
    return withRetries(
      async () => {
        const turnstile = limitDirectory === null ? null : this.turnstileFor(limitDirectory);
        const passed = turnstile ? await turnstile.enter(urgent, rank) : null;
        let leave: () => void;
        let grant: LimiterGrant;
        try {
          leave = await this.gate.enter(urgent, rank);
          try {
            grant = await this.limiter.acquire(limitDirectory, signal, urgent, rank);
          } catch {
            leave();
            throw new WorkosApiError('cancelled', 'The sync was cancelled.');
          }
        } finally {
          passed?.();
        }
        this.stats.rateLimitWaitMs += grant.waitedMs;
        this.stats.requests++;
        if (limitDirectory !== null) this.stats.directoryUsersRequests++;
        try {
          sentAt = performance.now();
          const { data } = await this.sdk.get<unknown>(path, { query: cleanQuery, maxRetries: 0 });
          return data;
        } finally {
          grant.done();
          leave();
        }
      },
      (raw) => {
        const err = classifyError(raw, path);
        if (err.kind === 'rate_limited') {
          this.stats.rateLimited++;
          this.limiter.penalise(limitDirectory, err.details.retryAfterMs ?? 1000);
        }
        return err;
      },
      this.retryPolicy,
      {
        clock: this.clock,
        random: this.random,
        signal,
        onRetry: (err, attempt, delayMs) => {
          this.stats.retries++;
          const wait: RequestWait = {
            method: 'GET',
            path,
            attempt: attempt + 2,
            maxAttempts: this.retryPolicy.maxAttempts,
            delayMs,
            reason: waitReason(err, this.bounds.timeoutMs, performance.now() - sentAt),
          };
          for (const listener of this.waitListeners) listener(wait);
        },
      },
    );
  }

  private turnstileFor(directoryId: string): InFlightGate {
    let turnstile = this.turnstiles.get(directoryId);
    if (!turnstile) {
      turnstile = new InFlightGate(1);
      this.turnstiles.set(directoryId, turnstile);
    }
    return turnstile;
  }

  private async page<T extends z.ZodType>(
    path: string,
    query: Query,
    item: T,
    limitDirectory: string | null,
    signal?: AbortSignal,
  ): Promise<Page<z.output<T>>> {
    // Cursor chains are sequential: their next page, and the directory-wide listings that gate
    // everything else, go ahead of independent requests in the limiter's queue.
    const urgent = query.after !== undefined || query.directory !== undefined;
    const body = await this.getJson(
      path,
      { limit: PAGE_LIMIT, order: 'asc', ...query },
      limitDirectory,
      signal,
      urgent,
    );
    const parsed = parseWire(listSchema(item), body, path);
    return { data: parsed.data as z.output<T>[], after: parsed.list_metadata.after ?? null };
  }

  listDirectories(after: string | null, signal?: AbortSignal): Promise<Page<WireDirectory>> {
    return this.page('/directories', { after: after ?? undefined }, wireDirectorySchema, null, signal);
  }

  getDirectory(id: string, signal?: AbortSignal): Promise<WireDirectory> {
    const path = `/directories/${encodeURIComponent(id)}`;
    return this.getJson(path, {}, null, signal).then((body) => parseWire(wireDirectorySchema, body, path));
  }

  /** `/directory_users` for a directory, or a group's members (`group`), in `directoryId`'s bucket. */
  listUsers(
    filter: { directory: string } | { group: string },
    directoryId: string,
    after: string | null,
    signal?: AbortSignal,
  ): Promise<Page<WireUser>> {
    return this.page('/directory_users', { ...filter, after: after ?? undefined }, wireUserSchema, directoryId, signal);
  }

  /** A group's members (`/directory_users?group=`), only their ids checked, in `directoryId`'s bucket. */
  listGroupMembers(
    groupId: string,
    directoryId: string,
    after: string | null,
    signal?: AbortSignal,
    order: 'asc' | 'desc' = 'asc',
  ): Promise<Page<WireMemberRef>> {
    return this.page(
      '/directory_users',
      { group: groupId, after: after ?? undefined, order },
      wireMemberRefSchema,
      directoryId,
      signal,
    );
  }

  listGroups(
    filter: { directory: string } | { user: string },
    after: string | null,
    signal?: AbortSignal,
  ): Promise<Page<WireGroup>> {
    return this.page('/directory_groups', { ...filter, after: after ?? undefined }, wireGroupSchema, null, signal);
  }

  /** Events are always returned oldest-first (workos-node #1610), so `order` is not sent. */
  async listEvents(
    options: { events: readonly string[]; after: string | null; rangeStart: string | null },
    signal?: AbortSignal,
  ): Promise<Page<WireEvent>> {
    const body = await this.getJson(
      '/events',
      {
        events: options.events.join(','),
        limit: PAGE_LIMIT,
        after: options.after ?? undefined,
        range_start: options.after ? undefined : (options.rangeStart ?? undefined),
      },
      null,
      signal,
    );
    const parsed = parseWire(listSchema(wireEventSchema), body, '/events');
    return { data: parsed.data, after: parsed.list_metadata.after ?? null };
  }

  /** Follows `after` cursors until the end, handing each page to `onPage`. */
  async paginate<T>(
    fetchPage: (after: string | null) => Promise<Page<T>>,
    onPage: (items: T[]) => void | Promise<void>,
  ): Promise<number> {
    let after: string | null = null;
    let total = 0;
    const seen = new Set<string>();
    for (;;) {
      // Nothing of the page is used after `onPage`, so it is not kept alive while onPage waits
      // (for the cache writer to catch up, say): only the cursor and the count are.
      const { next, count, handled }: { next: string | null; count: number; handled: ReturnType<typeof onPage> } =
        await fetchPage(after).then((page) => ({
          next: page.after,
          count: page.data.length,
          handled: onPage(page.data),
        }));
      await handled;
      total += count;
      if (!next || count === 0) return total;
      // A cursor that repeats would loop forever; treat it as the end and say so.
      if (seen.has(next))
        throw new WorkosApiError(
          'malformed_response',
          `WorkOS returned the cursor ${next} twice; stopping pagination.`,
        );
      seen.add(next);
      after = next;
    }
  }
}
