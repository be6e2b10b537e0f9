export { createTransport } from './transport.js';
export type { Transport, TransportOptions } from './transport.js';
export type {
  ConnectAddress,
  ErrorResponseInfo,
  PrepareContext,
  RequestBody,
  TransportEvent,
  TransportRequest,
  TransportResponse,
} from './types.js';
export { HttpError, isHttpError } from './errors.js';
export type { HttpErrorCode, HttpErrorOptions } from './errors.js';
export { classifyResponse, CLOCK_SKEW_CODES, THROTTLING_CODES, TRANSIENT_CODES, TRANSIENT_STATUSES } from './classify.js';
export type { ErrorClass } from './classify.js';
export { extractErrorCode } from './error-code.js';
export { backoffDelay, nextDelay } from './retry-policy.js';
export type { BackoffOptions, NoRetryReason, RetryDecision, RetryInput } from './retry-policy.js';
export { resolveRetryConfig } from './retry-config.js';
export type { RetryMode } from './retry-config.js';
export { parseRetryAfter } from './retry-after.js';
export { redactUrl } from './redact.js';
export type { Sleep } from './sleep.js';
export type { Dispatcher } from './undici-dispatcher.js';
// Intentionally not exported: the undici call site, the retry loop, the response builder, RetryQuota and
// AdaptiveRateLimiter (internal state machines tested through their module files).
