const kMarker = Symbol.for('rawaws.http.error');

/**
 * Stable codes of {@link HttpError}.
 *
 * - `ERR_TIMEOUT`: connect, headers or body timeout (undici's `UND_ERR_*_TIMEOUT`).
 * - `ERR_ABORTED`: the caller's `AbortSignal` fired (the reason is the `cause`).
 * - `ERR_NETWORK`: socket-level failure (reset, refused, truncated body, TLS, DNS).
 * - `ERR_RETRIES_EXHAUSTED`: every allowed attempt failed with a network/timeout error; `cause` is the last one.
 * - `ERR_BODY_NOT_REPLAYABLE`: a retry was due but the request body was a one-shot stream (pass a factory instead).
 * - `ERR_INVALID_REQUEST`: the request object is malformed (bad URL, method, header or body type); nothing was sent.
 * - `ERR_INVALID_OPTION`: a transport option or `AWS_MAX_ATTEMPTS`/`AWS_RETRY_MODE` value is invalid.
 * - `ERR_BODY_USED`: a response body was read twice.
 * - `ERR_CLOSED`: the transport was closed.
 */
export type HttpErrorCode =
  | 'ERR_TIMEOUT'
  | 'ERR_ABORTED'
  | 'ERR_NETWORK'
  | 'ERR_RETRIES_EXHAUSTED'
  | 'ERR_BODY_NOT_REPLAYABLE'
  | 'ERR_INVALID_REQUEST'
  | 'ERR_INVALID_OPTION'
  | 'ERR_BODY_USED'
  | 'ERR_CLOSED';

/** Options of the {@link HttpError} constructor. */
export interface HttpErrorOptions {
  cause?: unknown;
  /** @default false */
  retryable?: boolean;
  /** @default 1 */
  attempts?: number;
  status?: number;
}

/**
 * The one error class of `@rawaws/http`. Messages name the operation with a redacted URL and never contain
 * credentials, signatures or security tokens.
 *
 * @example
 * ```ts
 * try { await transport.send({ method: 'GET', url }) }
 * catch (e) { if (isHttpError(e) && e.code === 'ERR_RETRIES_EXHAUSTED') console.log(e.attempts, e.cause) }
 * ```
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly [kMarker] = true;
  readonly code: HttpErrorCode;
  /** Whether retrying the same request later could succeed. */
  readonly retryable: boolean;
  /** Number of attempts made before this error was thrown. */
  readonly attempts: number;
  /** HTTP status of the last response, when there was one. */
  readonly status: number | undefined;

  constructor(code: HttpErrorCode, message: string, options: HttpErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.attempts = options.attempts ?? 1;
    this.status = options.status;
  }
}

/** True for an {@link HttpError} from any installed copy of `@rawaws/http`. */
export const isHttpError = (e: unknown): e is HttpError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kMarker] === true;
