const kMarker = Symbol.for('rawaws.sigv4.error');

/**
 * Stable error codes of `@rawaws/sigv4`.
 * - `SIGV4_MISSING_REGION` / `SIGV4_MISSING_SERVICE`: empty or missing signing region / service.
 * - `SIGV4_INVALID_REGION` / `SIGV4_INVALID_SERVICE`: region / service with characters that cannot appear in a scope.
 * - `SIGV4_MISSING_CREDENTIALS`: credentials object or a required field (`accessKeyId`, `secretAccessKey`) missing.
 * - `SIGV4_INVALID_CREDENTIALS`: a credentials field has the wrong type or shape.
 * - `SIGV4_INVALID_EXPIRY`: presign `expiresIn` outside 1..604800 or not an integer.
 * - `SIGV4_EXPIRY_EXCEEDS_CREDENTIALS`: presigned URL would outlive `credentials.expiration`.
 * - `SIGV4_CREDENTIALS_EXPIRED`: `credentials.expiration` is at or before the signing time.
 * - `SIGV4_INVALID_HEADER_NAME`: not an RFC 7230 token (includes non-ASCII names).
 * - `SIGV4_INVALID_HEADER_VALUE`: header value with CR/LF/NUL that would allow header injection.
 * - `SIGV4_INVALID_METHOD`: method is not an RFC 7230 token.
 * - `SIGV4_INVALID_URL`: URL is not absolute http(s) or cannot be parsed.
 * - `SIGV4_INVALID_DATE`: `date` is not a valid `Date`.
 * - `SIGV4_INVALID_PAYLOAD_HASH`: `payloadHash` is neither 64 hex chars, `UNSIGNED-PAYLOAD` nor a `STREAMING-…` value.
 * - `SIGV4_INVALID_POLICY`: POST policy input is malformed.
 * - `SIGV4_INVALID_CRYPTO`: the crypto backend is unavailable or returned a bad digest.
 * - `SIGV4_INVALID_CHUNKED_OPTIONS` / `SIGV4_CHUNKED_LENGTH_MISMATCH`: aws-chunked streaming.
 * - `SIGV4_MALFORMED_CHUNKED_BODY` / `SIGV4_CHUNK_SIGNATURE_MISMATCH`: a received aws-chunked body is not well framed,
 *   or a chunk / trailer signature does not match (decoding).
 * - `SIGV4_NOT_A_SIGNATURE_MISMATCH`: explain input is not a SignatureDoesNotMatch response.
 */
export type SigV4ErrorCode =
  | 'SIGV4_MISSING_REGION'
  | 'SIGV4_INVALID_REGION'
  | 'SIGV4_MISSING_SERVICE'
  | 'SIGV4_INVALID_SERVICE'
  | 'SIGV4_MISSING_CREDENTIALS'
  | 'SIGV4_INVALID_CREDENTIALS'
  | 'SIGV4_INVALID_EXPIRY'
  | 'SIGV4_EXPIRY_EXCEEDS_CREDENTIALS'
  | 'SIGV4_CREDENTIALS_EXPIRED'
  | 'SIGV4_INVALID_HEADER_NAME'
  | 'SIGV4_INVALID_HEADER_VALUE'
  | 'SIGV4_INVALID_METHOD'
  | 'SIGV4_INVALID_URL'
  | 'SIGV4_INVALID_DATE'
  | 'SIGV4_INVALID_PAYLOAD_HASH'
  | 'SIGV4_INVALID_POLICY'
  | 'SIGV4_INVALID_CRYPTO'
  | 'SIGV4_INVALID_CHUNKED_OPTIONS'
  | 'SIGV4_CHUNKED_LENGTH_MISMATCH'
  | 'SIGV4_MALFORMED_CHUNKED_BODY'
  | 'SIGV4_CHUNK_SIGNATURE_MISMATCH'
  | 'SIGV4_NOT_A_SIGNATURE_MISMATCH';

/**
 * The one error class of `@rawaws/sigv4`. Messages name the offending value and what to do, and never contain
 * a secret key, session token or signature.
 * @example
 * try { presignUrl(req, { ...opts, expiresIn: 0 }); } catch (e) { if (isSigV4Error(e)) console.log(e.code); }
 */
export class SigV4Error extends Error {
  override readonly name = 'SigV4Error';
  readonly [kMarker] = true;
  readonly code: SigV4ErrorCode;

  constructor(code: SigV4ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/**
 * True for a {@link SigV4Error} from any installed copy of `@rawaws/sigv4`.
 * @example
 * if (isSigV4Error(e) && e.code === 'SIGV4_INVALID_EXPIRY') { ... }
 */
export const isSigV4Error = (e: unknown): e is SigV4Error =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kMarker] === true;
