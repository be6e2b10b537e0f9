const kAwsServiceError = Symbol.for('rawaws.client.aws-service-error');

// Raw bodies live outside the error object so util.inspect / JSON.stringify never show them.
const rawBodies = new WeakMap<AwsServiceError, string>();

/** The facts an {@link AwsServiceError} is built from (see `parseAwsError`). */
export interface AwsServiceErrorInit {
  readonly status: number;
  readonly code: string;
  /** The message exactly as the service sent it (after redaction); empty when it sent none. */
  readonly serviceMessage: string;
  readonly requestId?: string | undefined;
  readonly hostId?: string | undefined;
  readonly fault: 'client' | 'server';
  readonly retryable: boolean;
  readonly throttling: boolean;
  readonly clockSkew: boolean;
  /** What was called, e.g. `sts:GetCallerIdentity` or `GET /bucket/key`. */
  readonly operation?: string | undefined;
  readonly attempts?: number | undefined;
  /** Other fields of the error document (`BucketName`, `Resource`, ...), minus anything sensitive. */
  readonly details?: Readonly<Record<string, string>> | undefined;
  /** `xml`, `json`, `empty` (no body, e.g. HEAD) or `unparsed` (HTML from a proxy, garbage). */
  readonly bodyKind: 'xml' | 'json' | 'empty' | 'unparsed';
  readonly rawBody?: string | undefined;
  readonly cause?: unknown;
}

/**
 * An error response from an AWS (or AWS-compatible) service, after the transport's retries.
 * `code` is the service's error code (`AccessDenied`, `NoSuchBucket`, `ThrottlingException`...); when the service
 * sent none it is derived from the HTTP status (`NotFound`, `Forbidden`, ...). `message` always says what was
 * called, the status and the code, and never contains signatures, tokens or secrets.
 *
 * @example
 * ```ts
 * try { await client.query('GetCallerIdentity', {}, { version: '2011-06-15' }) }
 * catch (e) { if (isAwsServiceError(e) && e.code === 'ExpiredToken') refresh(); }
 * ```
 */
export class AwsServiceError extends Error {
  override readonly name = 'AwsServiceError';
  readonly [kAwsServiceError] = true;
  /** HTTP status of the final response. */
  readonly status: number;
  /** The service's error code. */
  readonly code: string;
  /** The service's own message (may be empty: RGW sends `<Message></Message>`). */
  readonly serviceMessage: string;
  /** `x-amzn-requestid` / `x-amz-request-id` or the `RequestId` in the body. */
  readonly requestId: string | undefined;
  /** S3's `x-amz-id-2` / `HostId`. */
  readonly hostId: string | undefined;
  /** `client` for 4xx / `Sender`, `server` for 5xx / `Receiver`. */
  readonly fault: 'client' | 'server';
  /** Whether the AWS SDKs would retry this error. */
  readonly retryable: boolean;
  /** Whether this is a throttling error. */
  readonly throttling: boolean;
  /** Whether the error says the client's clock is off. */
  readonly clockSkew: boolean;
  /** What was called, e.g. `sts:GetCallerIdentity`. */
  readonly operation: string | undefined;
  /** HTTP attempts made, retries included. */
  readonly attempts: number;
  /** Other fields of the error document, minus sensitive ones (`SignatureProvided`, `CanonicalRequest`...). */
  readonly details: Readonly<Record<string, string>>;
  /** What the body was: `xml`, `json`, `empty` or `unparsed`. */
  readonly bodyKind: 'xml' | 'json' | 'empty' | 'unparsed';

  constructor(message: string, init: AwsServiceErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.serviceMessage = init.serviceMessage;
    this.requestId = init.requestId;
    this.hostId = init.hostId;
    this.fault = init.fault;
    this.retryable = init.retryable;
    this.throttling = init.throttling;
    this.clockSkew = init.clockSkew;
    this.operation = init.operation;
    this.attempts = init.attempts ?? 1;
    this.details = Object.freeze({ ...init.details });
    this.bodyKind = init.bodyKind;
    if (init.rawBody !== undefined) rawBodies.set(this, init.rawBody);
  }

  /**
   * The response body as received (first 256 KiB), for tools such as `explainSignatureMismatch`.
   * It can contain a session token (inside S3's `CanonicalRequest`), so never log it.
   */
  rawBody(): string {
    return rawBodies.get(this) ?? '';
  }
}

/**
 * True for an {@link AwsServiceError} from any installed copy of `@rawaws/client`.
 *
 * @example
 * ```ts
 * if (isAwsServiceError(e) && e.status === 404) return undefined;
 * ```
 */
export const isAwsServiceError = (e: unknown): e is AwsServiceError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kAwsServiceError] === true;
