import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsChunkedDecode, createAwsChunkedDecoder, type AwsChunkedDecoderOptions } from './aws-chunked-decoder.js';
import { createAwsChunkedEncoder, type AwsChunkedChecksum } from './aws-chunked-encoder.js';
import type { AwsChunkedPayload } from './aws-chunked-length.js';
import { isSigV4Error } from './errors.js';

const credentials = { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const seed = { signature: 'c'.repeat(64), amzDate: '20240101T000000Z', credentialScope: '20240101/us-east-1/s3/aws4_request' };
const sha = (): AwsChunkedChecksum => {
  const h = createHash('sha256');
  return { update: (d) => void h.update(d), digest: () => h.digest('base64') };
};
const payloadOf = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));

function encode(payload: AwsChunkedPayload, body: Buffer): Buffer {
  const trailer = payload === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' ? undefined : { name: 'x-amz-checksum-sha256', checksum: sha() };
  const enc = createAwsChunkedEncoder({ payload, seed, credentials, chunkSize: 8_192, ...(trailer !== undefined ? { trailer } : {}) });
  return Buffer.concat([...enc.write(body), ...enc.end()]);
}
/** Feeds `wire` in pieces of varying size (1 byte up to 5 KiB) so every framing boundary splits somewhere. */
function decodeAll(wire: Buffer, opts: AwsChunkedDecoderOptions): { data: Buffer; trailers: Record<string, string> } {
  const dec = createAwsChunkedDecoder(opts);
  const out: Uint8Array[] = [];
  for (let i = 0, step = 1; i < wire.length; i += step, step = (step * 3 + 1) % 5_000 || 1) out.push(...dec.write(wire.subarray(i, i + step)));
  return { data: Buffer.concat(out), trailers: dec.end() };
}
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isSigV4Error(e)) return e.code;
    throw e;
  }
  return 'NO_ERROR';
};

describe('createAwsChunkedDecoder', () => {
  const modes: AwsChunkedPayload[] = ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'];

  it.each(modes)('%s: decodes what the encoder produced, split at every kind of boundary', (payload) => {
    for (const size of [0, 1, 8_191, 8_192, 8_193, 50_000]) {
      const body = payloadOf(size);
      const { data, trailers } = decodeAll(encode(payload, body), { payload, seed, credentials, decodedLength: size });
      expect(data.equals(body)).toBe(true);
      if (payload !== 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD') {
        expect(trailers).toEqual({ 'x-amz-checksum-sha256': createHash('sha256').update(body).digest('base64') });
      } else {
        expect(trailers).toEqual({});
      }
    }
  });

  it('decodes the published 64 KiB example with its seed signature', async () => {
    const ex = (JSON.parse(readFileSync(new URL('../test/fixtures/s3-examples.json', import.meta.url), 'utf8')) as {
      examples: Array<{ id: string; expected: { seedSignature: string; chunks: Array<{ header: string; size: number }> } }>;
    }).examples.find((e) => e.id === 's3-chunked-put-object');
    if (ex === undefined) throw new Error('missing vector');
    const [c1, c2, c3] = ex.expected.chunks;
    const wire = Buffer.concat([
      Buffer.from(`${c1?.header}\r\n`), Buffer.alloc(65_536, 0x61), Buffer.from('\r\n'),
      Buffer.from(`${c2?.header}\r\n`), Buffer.alloc(1_024, 0x61), Buffer.from('\r\n'), Buffer.from(`${c3?.header}\r\n\r\n`),
    ]);
    const pieces: Uint8Array[] = [];
    const gen = awsChunkedDecode([wire.subarray(0, 1000), wire.subarray(1000)], {
      payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', decodedLength: 66_560,
      seed: { signature: ex.expected.seedSignature, amzDate: '20130524T000000Z', credentialScope: '20130524/us-east-1/s3/aws4_request' },
      credentials,
    });
    let step = await gen.next();
    while (step.done !== true) {
      pieces.push(step.value);
      step = await gen.next();
    }
    expect(step.value).toEqual({});
    expect(Buffer.concat(pieces).equals(Buffer.alloc(66_560, 0x61))).toBe(true);
  });

  it('rejects a changed payload byte, a changed trailer, a wrong seed and a reordered chain', () => {
    const payload = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
    const wire = encode(payload, payloadOf(20_000));
    const opts = { payload, seed, credentials } as const;
    const flipped = Buffer.from(wire);
    flipped[200] = (flipped[200] as number) ^ 1;
    expect(codeOf(() => decodeAll(flipped, opts))).toBe('SIGV4_CHUNK_SIGNATURE_MISMATCH');
    const trailerAt = wire.lastIndexOf('x-amz-checksum-sha256:') + 'x-amz-checksum-sha256:'.length;
    const badTrailer = Buffer.from(wire);
    badTrailer[trailerAt] = badTrailer[trailerAt] === 0x41 ? 0x42 : 0x41;
    expect(codeOf(() => decodeAll(badTrailer, opts))).toBe('SIGV4_CHUNK_SIGNATURE_MISMATCH');
    expect(codeOf(() => decodeAll(wire, { ...opts, seed: { ...seed, signature: 'd'.repeat(64) } }))).toBe('SIGV4_CHUNK_SIGNATURE_MISMATCH');
    expect(codeOf(() => decodeAll(wire, { ...opts, credentials: { secretAccessKey: 'other' } }))).toBe('SIGV4_CHUNK_SIGNATURE_MISMATCH');
  });

  it('rejects broken framing, truncation, trailing bytes, oversized chunks and a wrong decoded length', () => {
    const payload = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
    const wire = encode(payload, payloadOf(10_000));
    const opts = { payload, seed, credentials } as const;
    expect(codeOf(() => decodeAll(wire.subarray(0, wire.length - 2), opts))).toBe('SIGV4_MALFORMED_CHUNKED_BODY');
    expect(codeOf(() => decodeAll(Buffer.concat([wire, Buffer.from('x')]), opts))).toBe('SIGV4_MALFORMED_CHUNKED_BODY');
    expect(codeOf(() => decodeAll(Buffer.from(`zz;chunk-signature=${'a'.repeat(64)}\r\n`), opts))).toBe('SIGV4_MALFORMED_CHUNKED_BODY');
    expect(codeOf(() => decodeAll(Buffer.from('10\r\n'), opts))).toBe('SIGV4_MALFORMED_CHUNKED_BODY');
    expect(codeOf(() => decodeAll(Buffer.from('a'.repeat(5_000)), opts))).toBe('SIGV4_MALFORMED_CHUNKED_BODY');
    expect(codeOf(() => decodeAll(wire, { ...opts, maxChunkSize: 4_096 }))).toBe('SIGV4_MALFORMED_CHUNKED_BODY');
    expect(codeOf(() => decodeAll(wire, { ...opts, decodedLength: 9_999 }))).toBe('SIGV4_CHUNKED_LENGTH_MISMATCH');
    const noCrlf = Buffer.from(wire);
    noCrlf.write('XX', wire.indexOf('\r\n', wire.indexOf('\r\n') + 2 + 8_192));
    expect(codeOf(() => decodeAll(noCrlf, opts))).toBe('SIGV4_MALFORMED_CHUNKED_BODY');
    expect(codeOf(() => createAwsChunkedDecoder({ payload }))).toBe('SIGV4_INVALID_CHUNKED_OPTIONS');
  });
});
