// Error codes the AWS SDKs classify for retries (the SDKs' shared "service error classification" lists).
const throttlingCodes = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const transientCodes = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const transientStatuses = new Set([500, 502, 503, 504]);
const clockSkewCodes = new Set([
  'AuthFailure',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureExpired',
]);

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
  const throttling = status === 429 || throttlingCodes.has(code);
  const clockSkew = clockSkewCodes.has(code);
  const retryable = throttling || clockSkew || transientCodes.has(code) || transientStatuses.has(status);
  return { throttling, clockSkew, retryable };
}
