import type { AwsChunkedSeed } from './aws-chunked-encoder.js';
import { isSignedChunkedPayload, type AwsChunkedPayload } from './aws-chunked-length.js';
import { chunkStringToSign, EMPTY_SHA256_HEX, trailerStringToSign } from './aws-chunked-signature.js';
import { hmacHex, nodeCrypto, sha256Hex } from './crypto.js';
import { SigV4Error } from './errors.js';
import { signingKey as deriveSigningKey } from './signing-key.js';
import type { SigV4Crypto } from './types.js';
import { timingSafeEqualString } from './verify-timing-safe-equal.js';

/** Options of {@link createAwsChunkedDecoder} and `awsChunkedDecode`. */
export interface AwsChunkedDecoderOptions {
  /** The request's `x-amz-content-sha256`. */
  readonly payload: AwsChunkedPayload;
  /** Signed modes: the request's signature, `x-amz-date` and credential scope (verify the request first). */
  readonly seed?: AwsChunkedSeed | undefined;
  /** Signed modes: the secret of the request's access key (or pass `signingKey`). */
  readonly credentials?: { readonly secretAccessKey: string } | undefined;
  /** Signed modes: the derived SigV4 signing key, instead of `credentials`. */
  readonly signingKey?: Uint8Array | undefined;
  /** The request's `x-amz-decoded-content-length`; checked at the end when given. */
  readonly decodedLength?: number | undefined;
  /**
   * Largest chunk accepted (signed chunks are held whole until their signature is checked).
   * @default 16777216 (16 MiB)
   */
  readonly maxChunkSize?: number | undefined;
  /**
   * @default nodeCrypto
   */
  readonly crypto?: SigV4Crypto | undefined;
}

/** A push-style decoder of a received `aws-chunked` body; it verifies every chunk (and trailer) signature. */
export interface AwsChunkedDecoder {
  /** Accepts encoded bytes; returns the payload bytes that are complete and verified (possibly none). */
  write(data: Uint8Array): Uint8Array[];
  /** Checks the body is complete; returns the trailing headers (lower-case names, `x-amz-trailer-signature` excluded). */
  end(): Record<string, string>;
}

const CR = 13;
const LF = 10;
const MAX_LINE = 4_096;
const malformed = (what: string): SigV4Error =>
  new SigV4Error('SIGV4_MALFORMED_CHUNKED_BODY', `aws-chunked: ${what}; the body is not valid aws-chunked encoding`);

/**
 * Creates a verifying `aws-chunked` decoder for servers and proxies: it parses the framing, checks each chunk
 * signature against the chain started by the request signature (and the trailer signature), and releases payload
 * bytes only after their chunk verified. Fails with `SIGV4_CHUNK_SIGNATURE_MISMATCH` or `SIGV4_MALFORMED_CHUNKED_BODY`.
 *
 * @example
 * const dec = createAwsChunkedDecoder({ payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed, credentials });
 * for await (const piece of req) for (const data of dec.write(piece)) file.write(data);
 * const trailers = dec.end();
 */
export function createAwsChunkedDecoder(opts: AwsChunkedDecoderOptions): AwsChunkedDecoder {
  const crypto = opts.crypto ?? nodeCrypto;
  const signed = isSignedChunkedPayload(opts.payload);
  const maxChunkSize = opts.maxChunkSize ?? 16 * 1024 * 1024;
  let key: Uint8Array | undefined;
  let previous = '';
  if (signed) {
    const seed = opts.seed;
    const [dateStamp = '', region = '', service = ''] = seed?.credentialScope.split('/') ?? [];
    key = opts.signingKey ?? (opts.credentials !== undefined && seed !== undefined
      ? deriveSigningKey(crypto, opts.credentials.secretAccessKey, dateStamp, region, service)
      : undefined);
    if (seed === undefined || key === undefined) {
      throw new SigV4Error('SIGV4_INVALID_CHUNKED_OPTIONS', `aws-chunked: decoding ${opts.payload} needs the request's seed and its secret or signing key`);
    }
    previous = seed.signature;
  }
  const verify = (stringToSign: string, got: string | undefined, what: string): void => {
    const expected = hmacHex(crypto, key as Uint8Array, stringToSign);
    if (got === undefined || !timingSafeEqualString(expected, got)) {
      throw new SigV4Error('SIGV4_CHUNK_SIGNATURE_MISMATCH', `aws-chunked: the ${what} signature does not match the chain; reject the upload`);
    }
    previous = expected;
  };

  let state: 'header' | 'data' | 'data-end' | 'trailer' | 'done' = 'header';
  let line: number[] = [];
  let size = 0;
  let chunkSignature: string | undefined;
  let data: Uint8Array = new Uint8Array(0);
  let filled = 0;
  let total = 0;
  const trailerLines: string[] = [];
  let trailerSignature: string | undefined;

  const headerLine = (text: string): void => {
    const [sizeHex = '', ext] = text.split(';', 2);
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeHex)) throw malformed(`chunk size ${JSON.stringify(sizeHex.slice(0, 20))} is not hex`);
    size = Number.parseInt(sizeHex, 16);
    if (size > maxChunkSize) throw malformed(`chunk of ${size} bytes exceeds maxChunkSize ${maxChunkSize}`);
    chunkSignature = ext?.startsWith('chunk-signature=') ? ext.slice('chunk-signature='.length) : undefined;
    if (signed && chunkSignature === undefined) throw malformed('a chunk has no chunk-signature');
    if (!signed && ext !== undefined) throw malformed('an unsigned chunk carries an extension');
    if (size === 0) {
      if (signed) verify(chunkStringToSign(opts.seed?.amzDate ?? '', opts.seed?.credentialScope ?? '', previous, EMPTY_SHA256_HEX), chunkSignature, 'final chunk');
      state = 'trailer';
    } else {
      data = new Uint8Array(size);
      filled = 0;
      state = 'data';
    }
  };

  const trailerLine = (text: string): void => {
    if (text !== '') {
      const colon = text.indexOf(':');
      if (colon <= 0) throw malformed(`trailer line ${JSON.stringify(text.slice(0, 40))} has no name`);
      const name = text.slice(0, colon).trim().toLowerCase();
      const value = text.slice(colon + 1).trim();
      if (name === 'x-amz-trailer-signature') trailerSignature = value;
      else trailerLines.push(`${name}:${value}`);
      return;
    }
    if (signed && trailerLines.length > 0) {
      const canonical = trailerLines.map((l) => `${l}\n`).join('');
      verify(trailerStringToSign(opts.seed?.amzDate ?? '', opts.seed?.credentialScope ?? '', previous, sha256Hex(crypto, canonical)), trailerSignature, 'trailer');
    }
    state = 'done';
  };

  return {
    write(input: Uint8Array): Uint8Array[] {
      const out: Uint8Array[] = [];
      let i = 0;
      while (i < input.length) {
        if (state === 'done') throw malformed('bytes follow the end of the body');
        if (state === 'data') {
          const take = Math.min(size - filled, input.length - i);
          data.set(input.subarray(i, i + take), filled);
          filled += take;
          i += take;
          if (filled === size) {
            if (signed) verify(chunkStringToSign(opts.seed?.amzDate ?? '', opts.seed?.credentialScope ?? '', previous, sha256Hex(crypto, data)), chunkSignature, 'chunk');
            total += size;
            out.push(data);
            state = 'data-end';
          }
          continue;
        }
        const byte = input[i++] as number;
        if (state === 'data-end') {
          line.push(byte);
          if (line.length === 2) {
            if (line[0] !== CR || line[1] !== LF) throw malformed('chunk data is not followed by CRLF');
            line = [];
            state = 'header';
          }
          continue;
        }
        if (byte === LF && line[line.length - 1] === CR) {
          const text = String.fromCharCode(...line.slice(0, -1));
          line = [];
          if (state === 'header') headerLine(text);
          else trailerLine(text);
          continue;
        }
        line.push(byte);
        if (line.length > MAX_LINE) throw malformed(`a framing line is longer than ${MAX_LINE} bytes`);
      }
      return out;
    },
    end(): Record<string, string> {
      if (state !== 'done') throw malformed('the body ended before the final chunk and its empty line');
      if (opts.decodedLength !== undefined && total !== opts.decodedLength) {
        throw new SigV4Error('SIGV4_CHUNKED_LENGTH_MISMATCH', `aws-chunked: decoded ${total} bytes but x-amz-decoded-content-length is ${opts.decodedLength}`);
      }
      return Object.fromEntries(trailerLines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
    },
  };
}

/**
 * Decodes and verifies an `aws-chunked` body from an async iterable, yielding verified payload bytes; the generator's
 * return value is the trailing headers.
 *
 * @example
 * const trailers = yield* awsChunkedDecode(req, { payload, seed, credentials, decodedLength });
 */
export async function* awsChunkedDecode(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: AwsChunkedDecoderOptions,
): AsyncGenerator<Uint8Array, Record<string, string>, undefined> {
  const decoder = createAwsChunkedDecoder(opts);
  for await (const piece of body) yield* decoder.write(piece);
  return decoder.end();
}
