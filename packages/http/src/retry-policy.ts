import type { ErrorClass } from './classify.js';

/** Retry-quota constants of the AWS SDKs' `standard` mode. */
export const INITIAL_RETRY_TOKENS = 500;
/** Tokens a retry costs. */
export const RETRY_COST = 5;
/** Tokens a retry after a timeout costs. */
export const TIMEOUT_RETRY_COST = 10;
/** Tokens refunded by a success that needed no retry. */
export const NO_RETRY_INCREMENT = 1;
/** Backoff base for transient errors, ms. */
export const DEFAULT_RETRY_DELAY_BASE = 100;
/** Backoff base for throttling errors, ms. */
export const THROTTLING_RETRY_DELAY_BASE = 500;
/** Backoff cap, ms. */
export const MAXIMUM_RETRY_DELAY = 20_000;

/** Numbers of the backoff computation. */
export interface BackoffOptions {
  /** @default 100 */
  baseDelayMs: number;
  /** @default 500 */
  throttlingBaseDelayMs: number;
  /** @default 20000 */
  maxBackoffMs: number;
  /** Largest `Retry-After` honoured; longer hints are cut to this. @default 25000 (the cap + 5 s) */
  maxRetryAfterMs: number;
}

/** The failure to decide on. `attempt` is the 1-based number of the attempt that just failed. */
export interface RetryInput {
  attempt: number;
  maxAttempts: number;
  errorClass: ErrorClass;
  /** Server hint from `Retry-After`, in ms. */
  retryAfterMs?: number | undefined;
  /** Tokens left in the retry quota. */
  availableTokens: number;
  idempotent: boolean;
  replayable: boolean;
}

/** Why no retry happens. */
export type NoRetryReason = 'not-retryable' | 'max-attempts' | 'not-idempotent' | 'body-not-replayable' | 'retry-quota';

/** Outcome of {@link nextDelay}. */
export type RetryDecision = { retry: true; delayMs: number; cost: number } | { retry: false; reason: NoRetryReason };

/**
 * Full-jitter capped exponential backoff: `t_i = random() * min(cap, base * 2^i)` where `i` is the 0-based retry
 * index (so the first retry waits up to `base`).
 *
 * @example
 * ```ts
 * backoffDelay(2, 100, 20_000, Math.random); // somewhere in [0, 400)
 * ```
 */
export function backoffDelay(retryIndex: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retryIndex));
}

/**
 * The pure `standard` retry policy: decide whether the failed attempt is retried, after how long and at what
 * quota cost. Clock-skew errors are not retried here (the transport retries them once after correcting its clock).
 * A `Retry-After` hint never shortens the jittered backoff and is bounded by `maxRetryAfterMs`.
 *
 * @example
 * ```ts
 * nextDelay({ attempt: 1, maxAttempts: 3, errorClass: 'throttling', availableTokens: 500, idempotent: true, replayable: true },
 *   { baseDelayMs: 100, throttlingBaseDelayMs: 500, maxBackoffMs: 20_000, maxRetryAfterMs: 25_000 }, () => 0.5);
 * // → { retry: true, delayMs: 250, cost: 5 }
 * ```
 */
export function nextDelay(input: RetryInput, opts: BackoffOptions, random: () => number): RetryDecision {
  const { errorClass } = input;
  if (errorClass === 'non-retryable' || errorClass === 'clock-skew') return { retry: false, reason: 'not-retryable' };
  if (input.attempt >= input.maxAttempts) return { retry: false, reason: 'max-attempts' };
  if (!input.idempotent) return { retry: false, reason: 'not-idempotent' };
  if (!input.replayable) return { retry: false, reason: 'body-not-replayable' };
  const cost = errorClass === 'timeout' ? TIMEOUT_RETRY_COST : RETRY_COST;
  if (input.availableTokens < cost) return { retry: false, reason: 'retry-quota' };
  const base = errorClass === 'throttling' ? opts.throttlingBaseDelayMs : opts.baseDelayMs;
  let delayMs = backoffDelay(input.attempt - 1, base, opts.maxBackoffMs, random);
  if (input.retryAfterMs !== undefined) delayMs = Math.max(delayMs, Math.min(input.retryAfterMs, opts.maxRetryAfterMs));
  return { retry: true, delayMs, cost };
}
