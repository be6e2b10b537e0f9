const kMarker = Symbol.for('rawaws.s3.error');

/**
 * Stable codes of {@link S3Error}.
 *
 * - `S3_INVALID_BUCKET_NAME` – the bucket name breaks the S3 naming rules.
 * - `S3_INVALID_KEY` – the object key is empty or longer than 1,024 UTF-8 bytes.
 * - `S3_INVALID_SSE_C_KEY` – an SSE-C key is not 32 bytes.
 * - `S3_INSECURE_SSE_C` – SSE-C over plain HTTP was refused.
 * - `S3_INVALID_ARGUMENT` – any other bad option (part size, range, expiry…).
 * - `S3_OBJECT_TOO_LARGE` – more than 5 TiB, or more than 10,000 parts would be needed.
 * - `S3_INVALID_EXPIRY` – presign expiry out of range or beyond the credentials' lifetime.
 * - `S3_CHECKSUM_MISMATCH` – a downloaded body does not match the checksum the server sent.
 * - `S3_BAD_RESPONSE` – the server answered with XML we could not understand.
 * - `S3_MULTIPART_FAILED` – a multipart upload failed (the upload was aborted; `cause` has the reason).
 * - `S3_REDIRECT` – a region redirect could not be followed.
 */
export type S3ErrorCode =
  | 'S3_INVALID_BUCKET_NAME'
  | 'S3_INVALID_KEY'
  | 'S3_INVALID_SSE_C_KEY'
  | 'S3_INSECURE_SSE_C'
  | 'S3_INVALID_ARGUMENT'
  | 'S3_OBJECT_TOO_LARGE'
  | 'S3_INVALID_EXPIRY'
  | 'S3_CHECKSUM_MISMATCH'
  | 'S3_BAD_RESPONSE'
  | 'S3_MULTIPART_FAILED'
  | 'S3_REDIRECT';

/**
 * The one error class of `@rawaws/s3` for problems found on our side. Errors that the S3 server returns are
 * `AwsServiceError`s from `@rawaws/client` and are passed through unchanged.
 *
 * @example
 * ```ts
 * try { validateBucketName('My_Bucket'); } catch (e) { if (isS3Error(e)) console.log(e.code, e.value); }
 * ```
 */
export class S3Error extends Error {
  override readonly name = 'S3Error';
  readonly [kMarker] = true;
  readonly code: S3ErrorCode;
  /** The offending value (never a secret). */
  readonly value: unknown;

  constructor(code: S3ErrorCode, message: string, options: { cause?: unknown; value?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.value = options.value;
  }
}

/** True for an {@link S3Error} from any installed copy of `@rawaws/s3`. */
export const isS3Error = (e: unknown): e is S3Error =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kMarker] === true;
