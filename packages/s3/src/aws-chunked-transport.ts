import type { Transport, TransportRequest } from '@rawaws/http';
import { awsChunkedEncode, type AwsChunkedEncoderOptions, type AwsChunkedPayload, type Credentials } from '@rawaws/sigv4';
import { S3Error } from './errors.js';
import { trailerAlgorithm, trailerChecksum } from './trailing-checksum.js';

/** The streaming payload mode this package signs chunk by chunk. */
export const STREAMING_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
/** The same with a signed trailing checksum (RGW 16 rejects it: capability flag only). */
export const STREAMING_PAYLOAD_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), SignedHeaders=[^,]+, Signature=([0-9a-f]{64})$/;

/**
 * Wraps a transport so that requests signed with `x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` get their
 * body framed as signed `aws-chunked` (`@rawaws/sigv4`'s encoder), seeded with the signature of *that* attempt — the
 * header signature is computed per attempt inside the transport, so the framing has to happen there too.
 * `credentials` must be the provider the request was signed with (its secret key signs each chunk).
 */
export function awsChunkedTransport(inner: Transport, credentials: () => Promise<Credentials>): Transport {
  const frame = async (r: TransportRequest): Promise<TransportRequest> => {
    const headers = r.headers ?? {};
    const payload = headers['x-amz-content-sha256'];
    if ((payload !== STREAMING_PAYLOAD && payload !== STREAMING_PAYLOAD_TRAILER) || r.body === undefined) return r;
    const trailerName = headers['x-amz-trailer'];
    const algorithm = trailerName === undefined ? undefined : trailerAlgorithm(trailerName);
    const m = AUTH.exec(headers['authorization'] ?? '');
    const amzDate = headers['x-amz-date'];
    const decodedLength = Number(headers['x-amz-decoded-content-length']);
    const creds = await credentials();
    if (m === null || amzDate === undefined || m[1] !== creds.accessKeyId) {
      throw new S3Error('S3_INVALID_ARGUMENT', 'aws-chunked upload: the request was not signed with the credentials the client holds; retry the upload.', {
        value: 'authorization',
      });
    }
    // A fresh trailer checksum each time the body is (re)opened.
    const opts = (): AwsChunkedEncoderOptions => ({
      payload: payload as AwsChunkedPayload,
      seed: { signature: m[3] as string, amzDate, credentialScope: m[2] as string },
      credentials: creds,
      decodedLength,
      ...(payload === STREAMING_PAYLOAD_TRAILER && trailerName !== undefined && algorithm !== undefined
        ? { trailer: { name: trailerName, checksum: trailerChecksum(algorithm) } }
        : {}),
    });
    const source = r.body;
    const body =
      typeof source === 'function'
        ? () => awsChunkedEncode(source() as AsyncIterable<Uint8Array>, opts())
        : typeof source === 'string' || source instanceof Uint8Array
          ? () => awsChunkedEncode([typeof source === 'string' ? Buffer.from(source) : source], opts())
          : awsChunkedEncode(source, opts());
    return { ...r, body };
  };
  return {
    send: (req) => {
      const prepare = req.prepare;
      return inner.send({ ...req, prepare: async (r, ctx) => frame(prepare === undefined ? r : await prepare(r, ctx)) });
    },
    clockOffsetMs: () => inner.clockOffsetMs(),
    close: () => inner.close(),
  };
}
