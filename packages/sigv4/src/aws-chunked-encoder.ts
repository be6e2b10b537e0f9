import {
  AWS_CHUNKED_DEFAULT_CHUNK_SIZE,
  checkAwsChunkedOptions,
  isSignedChunkedPayload,
  type AwsChunkedPayload,
} from './aws-chunked-length.js';
import { chunkStringToSign, EMPTY_SHA256_HEX, trailerStringToSign } from './aws-chunked-signature.js';
import { hmacHex, nodeCrypto, sha256Hex } from './crypto.js';
import { SigV4Error } from './errors.js';
import { signingKey } from './signing-key.js';
import type { SigV4Crypto } from './types.js';

/**
 * A running checksum for the trailer (CRC32C, CRC32, SHA-256 ...). sigv4 stays zero-dependency, so the caller
 * supplies it (for example from `@rawaws/s3`).
 */
export interface AwsChunkedChecksum {
  /** Feed the next payload bytes, in order. */
  update(data: Uint8Array): void;
  /** The final value exactly as it goes on the wire (base64 for the `x-amz-checksum-*` headers). */
  digest(): string;
}

/** The trailing header of the `…-TRAILER` modes. */
export interface AwsChunkedTrailer {
  /** Lower-case header name, also announced in `x-amz-trailer`, e.g. `x-amz-checksum-crc32c`. */
  readonly name: string;
  /** Computes the value over the decoded payload. */
  readonly checksum: AwsChunkedChecksum;
}

/** The parts of a header {@link SignResult} the chunk chain continues from. */
export interface AwsChunkedSeed {
  /** Seed signature: the request's `Authorization` signature. */
  readonly signature: string;
  /** `YYYYMMDDTHHMMSSZ` of the request. */
  readonly amzDate: string;
  /** `date/region/service/aws4_request` of the request. */
  readonly credentialScope: string;
}

/** Options of {@link createAwsChunkedEncoder}, `awsChunkedEncode` and `awsChunkedStream`. */
export interface AwsChunkedEncoderOptions {
  /** Streaming mode; must equal the signed `x-amz-content-sha256`. */
  readonly payload: AwsChunkedPayload;
  /** The header signature result (a `SignResult` fits). Required for the signed modes. */
  readonly seed?: AwsChunkedSeed | undefined;
  /** Credentials that signed the seed. Required for the signed modes. */
  readonly credentials?: { readonly secretAccessKey: string } | undefined;
  /**
   * Payload bytes per chunk; input is re-chunked to this size whatever sizes it arrives in.
   * @default 65536
   */
  readonly chunkSize?: number | undefined;
  /** Trailing checksum header; required for the `…-TRAILER` modes. */
  readonly trailer?: AwsChunkedTrailer | undefined;
  /** When set, the encoder fails with `SIGV4_CHUNKED_LENGTH_MISMATCH` if the payload is longer or shorter. */
  readonly decodedLength?: number | undefined;
  /**
   * Hash/HMAC implementation.
   * @default nodeCrypto
   */
  readonly crypto?: SigV4Crypto | undefined;
}

/** A push-style `aws-chunked` encoder: pure, synchronous, holds at most one chunk of payload. */
export interface AwsChunkedEncoder {
  /** Accepts payload bytes; returns the encoded pieces that are complete (possibly none). */
  write(data: Uint8Array): Uint8Array[];
  /** Flushes the last data chunk, the final zero chunk and the trailer. */
  end(): Uint8Array[];
  /** Signatures produced so far, in order (chunks, then the trailer signature). Empty in unsigned mode. */
  readonly signatures: readonly string[];
}

const utf8 = new TextEncoder();
const CRLF_BYTES = Uint8Array.of(13, 10);

/**
 * Creates the `aws-chunked` framing state machine. Prefer `awsChunkedEncode` (async iterables) or
 * `awsChunkedStream` (Web streams), which wrap it.
 *
 * @example
 * const enc = createAwsChunkedEncoder({ payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed: signResult, credentials });
 * const parts = [...enc.write(bytes), ...enc.end()];
 */
export function createAwsChunkedEncoder(opts: AwsChunkedEncoderOptions): AwsChunkedEncoder {
  const chunkSize = opts.chunkSize ?? AWS_CHUNKED_DEFAULT_CHUNK_SIZE;
  checkAwsChunkedOptions(opts.payload, chunkSize, opts.trailer?.name);
  const signed = isSignedChunkedPayload(opts.payload);
  const crypto = opts.crypto ?? nodeCrypto;
  const trailer = opts.trailer;
  const expected = opts.decodedLength;
  if (expected !== undefined && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new SigV4Error('SIGV4_INVALID_CHUNKED_OPTIONS', `aws-chunked: decodedLength ${String(expected)} must be a non-negative integer`);
  }

  let key: Uint8Array | undefined;
  let amzDate = '';
  let scope = '';
  let previous = '';
  if (signed) {
    const seed = opts.seed;
    const secret = opts.credentials?.secretAccessKey;
    if (seed === undefined || secret === undefined) {
      throw new SigV4Error(
        'SIGV4_INVALID_CHUNKED_OPTIONS',
        `aws-chunked: ${opts.payload} needs the seed SignResult and the credentials that produced it`,
      );
    }
    const parts = seed.credentialScope.split('/');
    const [dateStamp, region, service, terminator] = parts;
    if (parts.length !== 4 || dateStamp === undefined || region === undefined || service === undefined || terminator !== 'aws4_request') {
      throw new SigV4Error(
        'SIGV4_INVALID_CHUNKED_OPTIONS',
        `aws-chunked: seed credentialScope ${JSON.stringify(seed.credentialScope)} is not date/region/service/aws4_request`,
      );
    }
    if (!/^[0-9a-f]{64}$/.test(seed.signature)) {
      throw new SigV4Error('SIGV4_INVALID_CHUNKED_OPTIONS', 'aws-chunked: seed signature must be 64 lower-case hex characters');
    }
    key = signingKey(crypto, secret, dateStamp, region, service);
    amzDate = seed.amzDate;
    scope = seed.credentialScope;
    previous = seed.signature;
  }

  const signatures: string[] = [];
  let pending = new Uint8Array(chunkSize);
  let pendingLength = 0;
  let total = 0;
  let ended = false;

  const sign = (stringToSign: string): string => {
    const signature = hmacHex(crypto, key as Uint8Array, stringToSign);
    signatures.push(signature);
    return signature;
  };

  const chunkHeader = (data: Uint8Array): Uint8Array => {
    const size = data.length.toString(16);
    if (!signed) return utf8.encode(`${size}\r\n`);
    previous = sign(chunkStringToSign(amzDate, scope, previous, sha256Hex(crypto, data)));
    return utf8.encode(`${size};chunk-signature=${previous}\r\n`);
  };

  const emit = (out: Uint8Array[], data: Uint8Array): void => {
    trailer?.checksum.update(data);
    out.push(chunkHeader(data), data, CRLF_BYTES);
  };

  return {
    signatures,
    write(data: Uint8Array): Uint8Array[] {
      if (ended) throw new SigV4Error('SIGV4_INVALID_CHUNKED_OPTIONS', 'aws-chunked: write() after end()');
      total += data.length;
      if (expected !== undefined && total > expected) {
        throw new SigV4Error(
          'SIGV4_CHUNKED_LENGTH_MISMATCH',
          `aws-chunked: the body is longer than decodedLength ${expected}; fix x-amz-decoded-content-length or the body`,
        );
      }
      const out: Uint8Array[] = [];
      let offset = 0;
      if (pendingLength > 0) {
        const take = Math.min(chunkSize - pendingLength, data.length);
        pending.set(data.subarray(0, take), pendingLength);
        pendingLength += take;
        offset = take;
        if (pendingLength === chunkSize) {
          emit(out, pending);
          // The emitted buffer now belongs to the consumer.
          pending = new Uint8Array(chunkSize);
          pendingLength = 0;
        }
      }
      // Whole chunks straight from the input, without copying.
      while (data.length - offset >= chunkSize) {
        emit(out, data.subarray(offset, offset + chunkSize));
        offset += chunkSize;
      }
      if (offset < data.length) {
        pending.set(data.subarray(offset), pendingLength);
        pendingLength += data.length - offset;
      }
      return out;
    },
    end(): Uint8Array[] {
      if (ended) throw new SigV4Error('SIGV4_INVALID_CHUNKED_OPTIONS', 'aws-chunked: end() called twice');
      ended = true;
      if (expected !== undefined && total !== expected) {
        throw new SigV4Error(
          'SIGV4_CHUNKED_LENGTH_MISMATCH',
          `aws-chunked: the body has ${total} bytes but decodedLength is ${expected}; fix x-amz-decoded-content-length or the body`,
        );
      }
      const out: Uint8Array[] = [];
      if (pendingLength > 0) emit(out, pending.subarray(0, pendingLength));
      let tail = '';
      if (signed) {
        previous = sign(chunkStringToSign(amzDate, scope, previous, EMPTY_SHA256_HEX));
        tail = `0;chunk-signature=${previous}\r\n`;
      } else {
        tail = '0\r\n';
      }
      if (trailer !== undefined) {
        const line = `${trailer.name}:${trailer.checksum.digest()}`;
        tail += `${line}\r\n`;
        if (signed) {
          const trailerSignature = sign(trailerStringToSign(amzDate, scope, previous, sha256Hex(crypto, `${line}\n`)));
          tail += `x-amz-trailer-signature:${trailerSignature}\r\n`;
        }
      }
      out.push(utf8.encode(`${tail}\r\n`));
      return out;
    },
  };
}
