/**
 * Retries with exponential backoff and full jitter on 408, 429, 5xx, timeouts and connection
 * resets; `Retry-After` (when WorkOS sends it) wins over the computed delay.
 */
import { WorkosApiError } from './errors.ts';
import type { Clock } from './rate-limiter.ts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on a server-requested wait, so a bogus header cannot stall a sync for hours. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // Full jitter, with a floor so retries never fire back-to-back.
  return ceiling / 2 + random() * (ceiling / 2);
}

export function retryDelayMs(err: WorkosApiError, attempt: number, policy: RetryPolicy, random: () => number): number {
  if (err.details.retryAfterMs !== null && err.details.retryAfterMs !== undefined && err.details.retryAfterMs >= 0) {
    // A small jitter on top keeps many waiting requests from returning in the same instant.
    return Math.min(policy.maxRetryAfterMs, err.details.retryAfterMs) + random() * policy.baseDelayMs;
  }
  return backoffDelayMs(attempt, policy, random);
}

export interface RetryHooks {
  clock: Clock;
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (err: WorkosApiError, attempt: number, delayMs: number) => void;
}

/** The final error after retries, saying how many attempts were made and over how long. */
function gaveUp(err: WorkosApiError, attempts: number, elapsedMs: number): WorkosApiError {
  if (attempts <= 1) return err;
  return new WorkosApiError(
    err.kind,
    `${err.message} Gave up after ${attempts} attempts over ${(elapsedMs / 1000).toFixed(1)} s.`,
    { ...err.details, cause: err },
  );
}

export async function withRetries<T>(
  attemptFn: (attempt: number) => Promise<T>,
  classify: (err: unknown) => WorkosApiError,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  const random = hooks.random ?? Math.random;
  const startedAt = hooks.clock.now();
  for (let attempt = 0; ; attempt++) {
    if (hooks.signal?.aborted) throw new WorkosApiError('cancelled', 'The sync was cancelled.');
    try {
      return await attemptFn(attempt);
    } catch (raw) {
      const err = classify(raw);
      if (!err.retryable) throw err;
      if (attempt + 1 >= policy.maxAttempts) throw gaveUp(err, attempt + 1, hooks.clock.now() - startedAt);
      const delay = retryDelayMs(err, attempt, policy, random);
      hooks.onRetry?.(err, attempt, delay);
      try {
        await hooks.clock.sleep(delay, hooks.signal);
      } catch {
        throw new WorkosApiError('cancelled', 'The sync was cancelled.');
      }
    }
  }
}
