const kClientError = Symbol.for('rawaws.client.error');

/**
 * Stable codes of {@link ClientError}. Each one is raised before any network call unless noted.
 *
 * - `CLIENT_MISSING_REGION`: no region from the option, `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile.
 * - `CLIENT_INVALID_REGION`: the region is not a valid DNS label (for example `us east 1`).
 * - `CLIENT_INVALID_ENDPOINT`: an endpoint (option, env var or config file) is not an absolute http(s) URL.
 * - `CLIENT_INVALID_SERVICE`: the service name is empty or not a DNS label.
 * - `CLIENT_INVALID_OPTION`: some other option has a wrong type or value.
 * - `CLIENT_INVALID_PARAMS`: Query/JSON/XML parameters cannot be serialised (cycles, bad names, bad dates).
 * - `CLIENT_CONFIG`: the shared config file could not be read (the cause says which file and line).
 * - `CLIENT_CREDENTIALS`: the credential provider failed while a request was being signed (the cause says why).
 * - `CLIENT_SIGNING`: the request could not be signed (the cause is the `SigV4Error`).
 * - `CLIENT_XML_PARSE`: a response body is not well-formed XML (after the request succeeded).
 * - `CLIENT_RESPONSE`: a 2xx response has a shape this client cannot use (for example no `<ActionResult>`).
 */
export type ClientErrorCode =
  | 'CLIENT_MISSING_REGION'
  | 'CLIENT_INVALID_REGION'
  | 'CLIENT_INVALID_ENDPOINT'
  | 'CLIENT_INVALID_SERVICE'
  | 'CLIENT_INVALID_OPTION'
  | 'CLIENT_INVALID_PARAMS'
  | 'CLIENT_CONFIG'
  | 'CLIENT_CREDENTIALS'
  | 'CLIENT_SIGNING'
  | 'CLIENT_XML_PARSE'
  | 'CLIENT_RESPONSE';

/**
 * Error raised by `@rawaws/client` itself: bad options, bad parameters, unusable responses.
 * Errors returned by an AWS service are {@link AwsServiceError} instead.
 *
 * @example
 * ```ts
 * try { await client.resolveConfig() } catch (e) { if (isClientError(e) && e.code === 'CLIENT_MISSING_REGION') ... }
 * ```
 */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly [kClientError] = true;
  /** Stable code, see {@link ClientErrorCode}. */
  readonly code: ClientErrorCode;
  /** The offending value, when there is one and it is not secret. */
  readonly value: unknown;

  constructor(code: ClientErrorCode, message: string, options: { cause?: unknown; value?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.value = options.value;
  }
}

/**
 * True for a {@link ClientError} from any installed copy of `@rawaws/client`.
 *
 * @example
 * ```ts
 * if (isClientError(e)) console.error(e.code);
 * ```
 */
export const isClientError = (e: unknown): e is ClientError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kClientError] === true;
