// The code lists are @rawaws/http's, so the transport's retry decisions and these flags never disagree.
import { CLOCK_SKEW_CODES, THROTTLING_CODES, TRANSIENT_CODES, TRANSIENT_STATUSES } from '@rawaws/http';

/** How an AWS error should be treated by a retry policy. */
export interface ErrorClass {
  /** A throttling error (429 or one of the SDKs' throttling codes): retry with the longer backoff. */
  readonly throttling: boolean;
  /** The client's clock is probably off: re-sign with a corrected clock and retry once. */
  readonly clockSkew: boolean;
  /** Worth retrying: throttling, transient codes, 500/502/503/504, or clock skew. */
  readonly retryable: boolean;
}

/**
 * Classifies an AWS error by status and code, the way the AWS SDKs do.
 *
 * @example
 * ```ts
 * classifyError(503, 'SlowDown'); // { throttling: true, clockSkew: false, retryable: true }
 * ```
 */
export function classifyError(status: number, code: string): ErrorClass {
  const throttling = status === 429 || THROTTLING_CODES.has(code);
  const clockSkew = CLOCK_SKEW_CODES.has(code);
  const retryable = throttling || clockSkew || TRANSIENT_CODES.has(code) || TRANSIENT_STATUSES.has(status);
  return { throttling, clockSkew, retryable };
}
