/**
 * Retry classes, as the AWS SDKs' retry behaviour names them
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 */
export type ErrorClass = 'throttling' | 'transient' | 'timeout' | 'clock-skew' | 'non-retryable';

/** Error codes the SDKs treat as throttling (500 ms backoff base; adaptive mode slows down on them). */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/** Error codes meaning the signature's date is too far from the server's clock. */
export const CLOCK_SKEW_CODES: ReadonlySet<string> = new Set([
  'AuthFailure',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureExpired',
]);

/** Error codes the SDKs retry as transient regardless of status. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalError']);

/** Statuses retried as transient (smithy's TRANSIENT_ERROR_STATUS_CODES). */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Node/undici error codes of a failed or broken connection (undici's retry list plus socket timeouts). */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** undici's timeout codes: retried with the higher timeout cost. */
export const TIMEOUT_ERROR_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * Classify a final HTTP response by status and extracted AWS error code. 2xx/3xx are `non-retryable` here
 * (success is decided by the caller of this function).
 *
 * @example
 * ```ts
 * classifyResponse(503, 'SlowDown'); // 'throttling'
 * ```
 */
export function classifyResponse(status: number, errorCode: string | undefined): ErrorClass {
  if (errorCode !== undefined) {
    if (THROTTLING_CODES.has(errorCode)) return 'throttling';
    if (CLOCK_SKEW_CODES.has(errorCode)) return 'clock-skew';
    if (TRANSIENT_CODES.has(errorCode)) return 'transient';
  }
  if (status === 429) return 'throttling';
  if (TRANSIENT_STATUSES.has(status)) return 'transient';
  return 'non-retryable';
}

/** Classify a thrown network error by its `code` (Node's `E*` or undici's `UND_ERR_*`). */
export function classifyNetworkError(code: string | undefined): ErrorClass {
  if (code === undefined) return 'non-retryable';
  if (TIMEOUT_ERROR_CODES.has(code)) return 'timeout';
  if (NETWORK_ERROR_CODES.has(code)) return 'transient';
  return 'non-retryable';
}

/** Errors that happen before any byte of the request reached the server, so a retry is safe for any method. */
export const NOT_SENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
