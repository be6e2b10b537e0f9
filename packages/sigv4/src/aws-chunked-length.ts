import { SigV4Error } from './errors.js';

/**
 * The three `x-amz-content-sha256` values that announce an `aws-chunked` body.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export type AwsChunkedPayload =
  | 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'
  | 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER'
  | 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** Default chunk size: 64 KiB, as in the AWS examples and SDKs. */
export const AWS_CHUNKED_DEFAULT_CHUNK_SIZE = 65_536;

/** S3 rejects signed chunks smaller than 8 KiB (except the last one). */
export const AWS_CHUNKED_MIN_CHUNK_SIZE = 8_192;

/** Describes the trailing checksum header, for length maths. */
export interface AwsChunkedTrailerShape {
  /** Trailer header name, lower case, e.g. `x-amz-checksum-crc32c`. */
  readonly name: string;
  /** Length of the (base64) value in bytes, e.g. 8 for CRC32/CRC32C, 12 for CRC64NVME, 28 for SHA-1, 44 for SHA-256. */
  readonly valueLength: number;
}

/** Inputs of {@link awsChunkedEncodedLength} and {@link awsChunkedHeaders}. */
export interface AwsChunkedLengthOptions {
  /** Number of payload bytes before encoding (`x-amz-decoded-content-length`). */
  readonly decodedLength: number;
  /** Which streaming mode. */
  readonly payload: AwsChunkedPayload;
  /**
   * Bytes of payload per chunk (the last data chunk may be shorter).
   * @default 65536
   */
  readonly chunkSize?: number | undefined;
  /** The trailer header, required for the two `…-TRAILER` modes. */
  readonly trailer?: AwsChunkedTrailerShape | undefined;
}

const SIGNATURE_HEX_LENGTH = 64;
const CHUNK_SIGNATURE_EXT = ';chunk-signature='.length;
const CRLF = 2;
const TRAILER_SIGNATURE_NAME = 'x-amz-trailer-signature:'.length;

/** True for the modes that sign each chunk. */
export const isSignedChunkedPayload = (payload: AwsChunkedPayload): boolean => payload !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** True for the modes that end with a trailer. */
export const hasChunkedTrailer = (payload: AwsChunkedPayload): boolean => payload.endsWith('-TRAILER');

/** Throws `SIGV4_INVALID_CHUNKED_OPTIONS` unless the payload mode, chunk size and trailer fit together. */
export function checkAwsChunkedOptions(
  payload: string,
  chunkSize: number,
  trailerName: string | undefined,
): asserts payload is AwsChunkedPayload {
  if (
    payload !== 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' &&
    payload !== 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER' &&
    payload !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'
  ) {
    throw new SigV4Error(
      'SIGV4_INVALID_CHUNKED_OPTIONS',
      `aws-chunked: unknown payload mode ${JSON.stringify(payload)}; use STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or STREAMING-UNSIGNED-PAYLOAD-TRAILER`,
    );
  }
  if (!Number.isSafeInteger(chunkSize) || chunkSize < AWS_CHUNKED_MIN_CHUNK_SIZE) {
    throw new SigV4Error(
      'SIGV4_INVALID_CHUNKED_OPTIONS',
      `aws-chunked: chunkSize ${String(chunkSize)} is invalid; S3 needs an integer of at least ${AWS_CHUNKED_MIN_CHUNK_SIZE} bytes`,
    );
  }
  const wantsTrailer = hasChunkedTrailer(payload);
  if (wantsTrailer && trailerName === undefined) {
    throw new SigV4Error('SIGV4_INVALID_CHUNKED_OPTIONS', `aws-chunked: ${payload} needs a trailer (e.g. x-amz-checksum-crc32c)`);
  }
  if (!wantsTrailer && trailerName !== undefined) {
    throw new SigV4Error(
      'SIGV4_INVALID_CHUNKED_OPTIONS',
      `aws-chunked: ${payload} has no trailer but trailer ${JSON.stringify(trailerName)} was given; use a …-TRAILER mode`,
    );
  }
  if (trailerName !== undefined && !/^[a-z0-9-]+$/.test(trailerName)) {
    throw new SigV4Error(
      'SIGV4_INVALID_CHUNKED_OPTIONS',
      `aws-chunked: trailer name ${JSON.stringify(trailerName)} must be a lower-case header name like x-amz-checksum-crc32c`,
    );
  }
}

/** Bytes of framing around one chunk carrying `size` payload bytes (the final zero chunk has size 0). */
export function chunkFramingLength(size: number, signed: boolean): number {
  // signed:   hex(size) ";chunk-signature=" sig CRLF data CRLF
  // unsigned: hex(size) CRLF data CRLF
  const header = size.toString(16).length + (signed ? CHUNK_SIGNATURE_EXT + SIGNATURE_HEX_LENGTH : 0) + CRLF;
  return size === 0 ? header : header + CRLF;
}

/**
 * The exact `Content-Length` of an `aws-chunked` body, before any byte is read.
 *
 * @example
 * awsChunkedEncodedLength({ decodedLength: 66560, payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }); // 66824
 */
export function awsChunkedEncodedLength(opts: AwsChunkedLengthOptions): number {
  const chunkSize = opts.chunkSize ?? AWS_CHUNKED_DEFAULT_CHUNK_SIZE;
  checkAwsChunkedOptions(opts.payload, chunkSize, opts.trailer?.name);
  const { decodedLength } = opts;
  if (!Number.isSafeInteger(decodedLength) || decodedLength < 0) {
    throw new SigV4Error(
      'SIGV4_INVALID_CHUNKED_OPTIONS',
      `aws-chunked: decodedLength ${String(decodedLength)} must be a non-negative integer byte count`,
    );
  }
  const signed = isSignedChunkedPayload(opts.payload);
  const fullChunks = Math.floor(decodedLength / chunkSize);
  const rest = decodedLength % chunkSize;
  let length = decodedLength + fullChunks * chunkFramingLength(chunkSize, signed);
  if (rest > 0) length += chunkFramingLength(rest, signed);
  length += chunkFramingLength(0, signed);
  const trailer = opts.trailer;
  if (trailer !== undefined) {
    if (!Number.isSafeInteger(trailer.valueLength) || trailer.valueLength <= 0) {
      throw new SigV4Error(
        'SIGV4_INVALID_CHUNKED_OPTIONS',
        `aws-chunked: trailer valueLength ${String(trailer.valueLength)} must be a positive integer (8 for CRC32C)`,
      );
    }
    length += trailer.name.length + 1 + trailer.valueLength + CRLF;
    if (signed) length += TRAILER_SIGNATURE_NAME + SIGNATURE_HEX_LENGTH + CRLF;
  }
  // The body always ends with an empty line (after the last chunk or the trailer lines).
  return length + CRLF;
}

/** Options of {@link awsChunkedHeaders}. */
export interface AwsChunkedHeadersOptions extends AwsChunkedLengthOptions {
  /**
   * Also return `content-length` (the encoded length). S3 requires it on the wire; leave it out of the
   * headers you sign if a proxy may rewrite it.
   * @default true
   */
  readonly contentLength?: boolean | undefined;
}

/**
 * The headers an `aws-chunked` upload must carry (and sign): `content-encoding`, `x-amz-content-sha256`,
 * `x-amz-decoded-content-length`, `content-length` and, for trailer modes, `x-amz-trailer`.
 *
 * @example
 * const headers = { ...awsChunkedHeaders({ decodedLength: size, payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }) };
 * const seed = signRequest({ method: 'PUT', url, headers }, { credentials, region, service: 's3', payloadHash: headers['x-amz-content-sha256'] });
 */
export function awsChunkedHeaders(opts: AwsChunkedHeadersOptions): Record<string, string> {
  const encoded = awsChunkedEncodedLength(opts);
  const headers: Record<string, string> = {
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': opts.payload,
    'x-amz-decoded-content-length': String(opts.decodedLength),
  };
  if (opts.contentLength ?? true) headers['content-length'] = String(encoded);
  if (opts.trailer !== undefined) headers['x-amz-trailer'] = opts.trailer.name;
  return headers;
}
