import type { AdaptiveRateLimiter } from './adaptive-rate-limiter.js';
import type { RetryMode } from './retry-config.js';
import type { BackoffOptions } from './retry-policy.js';
import type { RetryQuota } from './retry-quota.js';
import type { Sleep } from './sleep.js';
import type { ErrorResponseInfo, TransportEvent } from './types.js';
import type { Dispatcher } from './undici-dispatcher.js';

/** Everything one transport shares between its requests (resolved options and mutable retry/clock state). */
export interface TransportState {
  dispatcher: Dispatcher;
  retryMode: RetryMode;
  maxAttempts: number;
  backoff: BackoffOptions;
  quota: RetryQuota;
  limiter: AdaptiveRateLimiter | undefined;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxErrorBodyBytes: number;
  errorCode: ((res: ErrorResponseInfo) => string | undefined) | undefined;
  onEvent: ((event: TransportEvent) => void) | undefined;
  random: () => number;
  now: () => number;
  sleep: Sleep;
  /** server − local, ms; read at every attempt so queued requests pick up corrections. */
  clockOffsetMs: number;
  closed: boolean;
}
