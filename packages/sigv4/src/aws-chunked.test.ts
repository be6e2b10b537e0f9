import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsChunkedEncode, awsChunkedStream } from './aws-chunked-encode.js';
import { createAwsChunkedEncoder, type AwsChunkedChecksum } from './aws-chunked-encoder.js';
import { awsChunkedEncodedLength, awsChunkedHeaders } from './aws-chunked-length.js';
import { chunkStringToSign, trailerStringToSign } from './aws-chunked-signature.js';
import { isSigV4Error } from './errors.js';
import { signRequest } from './sign.js';

interface ChunkVector { size: number; dataSha256: string; stringToSign: string; signature: string; header: string }
interface Example {
  id: string;
  input: Record<string, unknown> & {
    credentials: { accessKeyId: string; secretAccessKey: string };
    amzDate: string; region: string; service: string; chunkSize: number;
    payload: { byte: string; length: number };
    trailer?: Record<string, string>;
  };
  expected: {
    seedSignature: string; chunks: ChunkVector[]; encodedBodyLength?: number;
    trailer?: { canonicalTrailer: string; canonicalTrailerSha256: string; stringToSign: string; signature: string; lines: string[] };
  };
}
const examples = (JSON.parse(readFileSync(new URL('../test/fixtures/s3-examples.json', import.meta.url), 'utf8')) as { examples: Example[] }).examples;
const example = (id: string): Example => {
  const found = examples.find((e) => e.id === id);
  if (found === undefined) throw new Error(`missing vector ${id}`);
  return found;
};

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven; test-only so sigv4 stays dependency-free.
const CRC32C_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32c = (): AwsChunkedChecksum => {
  let crc = 0xffffffff;
  return {
    update(data) {
      for (const byte of data) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
    },
    digest() {
      const out = Buffer.alloc(4);
      out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
      return out.toString('base64');
    },
  };
};

const concat = (parts: Uint8Array[]): Buffer => Buffer.concat(parts);
async function collect(iter: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of iter) parts.push(p);
  return concat(parts);
}
/** Deterministic piece sizes (xorshift32) so the input never lines up with chunk boundaries. */
function* pieces(total: number, byte: number, seed = 7): Generator<Uint8Array> {
  let s = seed;
  let sent = 0;
  while (sent < total) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const n = Math.min(total - sent, 1 + (s % 20_000));
    yield new Uint8Array(n).fill(byte);
    sent += n;
  }
}

describe('aws-chunked: STREAMING-AWS4-HMAC-SHA256-PAYLOAD (s3-chunked-put-object)', () => {
  const ex = example('s3-chunked-put-object');
  const seed = { signature: ex.expected.seedSignature, amzDate: ex.input.amzDate, credentialScope: '20130524/us-east-1/s3/aws4_request' };
  const opts = { payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed, credentials: ex.input.credentials, chunkSize: ex.input.chunkSize } as const;

  it('computes the encoded length and the headers to sign', () => {
    expect(awsChunkedEncodedLength({ decodedLength: 66_560, payload: opts.payload })).toBe(66_824);
    expect(awsChunkedHeaders({ decodedLength: 66_560, payload: opts.payload })).toEqual({
      'content-encoding': 'aws-chunked',
      'content-length': '66824',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      'x-amz-decoded-content-length': '66560',
    });
  });

  it('builds every chunk string to sign of the example', () => {
    let previous = seed.signature;
    for (const chunk of ex.expected.chunks) {
      expect(chunkStringToSign(seed.amzDate, seed.credentialScope, previous, chunk.dataSha256)).toBe(chunk.stringToSign);
      previous = chunk.signature;
    }
  });

  it('reproduces every chunk signature and the exact wire bytes (66824)', async () => {
    const encoder = createAwsChunkedEncoder(opts);
    const out = await collect(awsChunkedEncode(pieces(66_560, 0x61), { ...opts, decodedLength: 66_560 }));
    expect(out.length).toBe(ex.expected.encodedBodyLength);
    const [c1, c2, c3] = ex.expected.chunks as [ChunkVector, ChunkVector, ChunkVector];
    const expected = Buffer.concat([
      Buffer.from(`${c1.header}\r\n`), Buffer.alloc(65_536, 0x61), Buffer.from('\r\n'),
      Buffer.from(`${c2.header}\r\n`), Buffer.alloc(1_024, 0x61), Buffer.from('\r\n'),
      Buffer.from(`${c3.header}\r\n\r\n`),
    ]);
    expect(out.equals(expected)).toBe(true);
    // The push API gives the same signatures when the whole payload arrives in one write.
    concat([...encoder.write(new Uint8Array(66_560).fill(0x61)), ...encoder.end()]);
    expect(encoder.signatures).toEqual(ex.expected.chunks.map((c) => c.signature));
  });

  it('gives identical bytes through the Web TransformStream', async () => {
    const source = ReadableStream.from(pieces(66_560, 0x61, 99));
    const out = await collect(source.pipeThrough(awsChunkedStream(opts)));
    expect(out.length).toBe(66_824);
    const first = `${ex.expected.chunks[0]?.header}\r\n`;
    expect(out.subarray(0, first.length).toString()).toBe(first);
  });
});

describe('aws-chunked: STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER (s3-chunked-put-object-trailer)', () => {
  const ex = example('s3-chunked-put-object-trailer');
  const seed = { signature: ex.expected.seedSignature, amzDate: ex.input.amzDate, credentialScope: '20130524/us-east-1/s3/aws4_request' };
  const trailerVector = ex.expected.trailer as NonNullable<Example['expected']['trailer']>;

  it('reproduces the CRC32C trailer, every chunk signature and the trailer signature', async () => {
    const checksum = crc32c();
    const encoder = createAwsChunkedEncoder({
      payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', seed, credentials: ex.input.credentials,
      trailer: { name: 'x-amz-checksum-crc32c', checksum },
    });
    const parts: Uint8Array[] = [];
    for (const p of pieces(66_560, 0x61, 3)) parts.push(...encoder.write(p));
    parts.push(...encoder.end());
    const out = concat(parts);
    expect(encoder.signatures).toEqual([...ex.expected.chunks.map((c) => c.signature), trailerVector.signature]);
    expect(trailerStringToSign(seed.amzDate, seed.credentialScope, ex.expected.chunks[2]?.signature ?? '', trailerVector.canonicalTrailerSha256))
      .toBe(trailerVector.stringToSign);
    const tail = `${ex.expected.chunks[2]?.header}\r\n${trailerVector.lines.join('\r\n')}\r\n\r\n`;
    expect(out.subarray(out.length - tail.length).toString()).toBe(tail);
    expect(trailerVector.lines[0]).toBe(`x-amz-checksum-crc32c:${ex.input.trailer?.['x-amz-checksum-crc32c']}`);
    const predicted = awsChunkedEncodedLength({
      decodedLength: 66_560, payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', trailer: { name: 'x-amz-checksum-crc32c', valueLength: 8 },
    });
    expect(out.length).toBe(predicted);
  });
});

describe('aws-chunked: seed signature from signRequest + awsChunkedHeaders', () => {
  it.each([
    ['s3-chunked-put-object', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', undefined, true],
    ['s3-chunked-put-object-trailer', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', { name: 'x-amz-checksum-crc32c', valueLength: 8 }, false],
  ] as const)('%s: the headers helper and the signer give the published seed and chain', async (id, payload, trailer, contentLength) => {
    const ex = example(id);
    const headers: Record<string, string> = { ...awsChunkedHeaders({ decodedLength: 66_560, payload, trailer, contentLength }), 'x-amz-storage-class': 'REDUCED_REDUNDANCY' };
    const seed = signRequest(
      { method: 'PUT', url: 'https://s3.amazonaws.com/examplebucket/chunkObject.txt', headers },
      { credentials: ex.input.credentials, region: 'us-east-1', service: 's3', date: new Date('2013-05-24T00:00:00Z'), payloadHash: payload },
    );
    expect(seed.canonicalRequest).toBe((ex.expected as unknown as { canonicalRequest: string }).canonicalRequest);
    expect(seed.signature).toBe(ex.expected.seedSignature);
    const checksum = crc32c();
    const out = await collect(awsChunkedEncode(pieces(66_560, 0x61), {
      payload, seed, credentials: ex.input.credentials, decodedLength: 66_560,
      ...(trailer !== undefined ? { trailer: { name: trailer.name, checksum } } : {}),
    }));
    expect(String(out.length)).toBe(contentLength ? headers['content-length'] : String(awsChunkedEncodedLength({ decodedLength: 66_560, payload, trailer })));
    expect(out.includes(`chunk-signature=${ex.expected.chunks[2]?.signature}`)).toBe(true);
  });
});

describe('aws-chunked: STREAMING-UNSIGNED-PAYLOAD-TRAILER', () => {
  it('frames chunks without signatures and ends with the trailer', async () => {
    const body = Buffer.from('a'.repeat(10_000));
    const out = await collect(awsChunkedEncode([body], {
      payload: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', chunkSize: 8_192, trailer: { name: 'x-amz-checksum-crc32c', checksum: crc32c() },
    }));
    const c = crc32c();
    c.update(body);
    const expected = `2000\r\n${'a'.repeat(8_192)}\r\n710\r\n${'a'.repeat(1_808)}\r\n0\r\nx-amz-checksum-crc32c:${c.digest()}\r\n\r\n`;
    expect(out.toString()).toBe(expected);
    expect(awsChunkedEncodedLength({
      decodedLength: 10_000, chunkSize: 8_192, payload: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', trailer: { name: 'x-amz-checksum-crc32c', valueLength: 8 },
    })).toBe(expected.length);
    expect(awsChunkedHeaders({
      decodedLength: 10_000, chunkSize: 8_192, payload: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', contentLength: false,
      trailer: { name: 'x-amz-checksum-crc32c', valueLength: 8 },
    })).toEqual({
      'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '10000', 'x-amz-trailer': 'x-amz-checksum-crc32c',
    });
  });

  it('encodes an empty body as the final chunk and trailer only', async () => {
    const out = await collect(awsChunkedEncode([], {
      payload: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', trailer: { name: 'x-amz-checksum-crc32c', checksum: crc32c() },
    }));
    expect(out.toString()).toBe('0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n');
  });
});

describe('aws-chunked: large bodies', () => {
  it('streams 50 MiB lazily (bounded buffering) with byte-exact framing and a verifiable signature chain', async () => {
    const total = 50 * 1024 * 1024 + 12_345;
    const credentials = { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const seed = { signature: 'a'.repeat(64), amzDate: '20240101T000000Z', credentialScope: '20240101/eu-west-1/s3/aws4_request' };
    const chunkSize = 65_536;
    const source = async function* (): AsyncGenerator<Uint8Array> {
      // A pattern that differs per position, so a dropped or repeated byte changes a chunk hash.
      let position = 0;
      for (const p of pieces(total, 0, 11)) {
        for (let i = 0; i < p.length; i++) p[i] = (position + i) % 251;
        position += p.length;
        pulled += p.length;
        yield p;
      }
    };
    // Independent verifier: parse the framing as S3 does and check each chunk signature with node:crypto.
    const kDate = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update('20240101').digest();
    const kSigning = createHmac('sha256', createHmac('sha256', createHmac('sha256', kDate).update('eu-west-1').digest()).update('s3').digest())
      .update('aws4_request').digest();
    let previous = seed.signature;
    let buffered = Buffer.alloc(0);
    let decoded = 0;
    let encoded = 0;
    let chunks = 0;
    let finished = false;
    let pulled = 0;
    let maxInFlight = 0;
    for await (const piece of awsChunkedEncode(source(), { payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed, credentials, decodedLength: total })) {
      encoded += piece.length;
      buffered = Buffer.concat([buffered, piece]);
      for (;;) {
        const eol = buffered.indexOf('\r\n');
        if (eol < 0) break;
        const [sizeHex, ext] = buffered.subarray(0, eol).toString().split(';chunk-signature=') as [string, string];
        const size = Number.parseInt(sizeHex, 16);
        const need = eol + 2 + size + 2;
        if (buffered.length < need) break;
        const data = buffered.subarray(eol + 2, eol + 2 + size);
        expect(buffered.subarray(need - 2, need).toString()).toBe('\r\n');
        expect(size === chunkSize || size === total % chunkSize || size === 0).toBe(true);
        for (let i = 0; i < data.length; i += 4099) expect(data[i]).toBe((decoded + i) % 251);
        const sts = chunkStringToSign(seed.amzDate, seed.credentialScope, previous, createHash('sha256').update(data).digest('hex'));
        previous = createHmac('sha256', kSigning).update(sts).digest('hex');
        expect(ext).toBe(previous);
        decoded += size;
        chunks++;
        if (size === 0) finished = true;
        buffered = Buffer.from(buffered.subarray(need));
      }
      // Bytes taken from the source but not yet framed: the encoder's buffer (at most one chunk plus one input piece).
      maxInFlight = Math.max(maxInFlight, pulled - decoded - buffered.length);
    }
    expect(finished).toBe(true);
    expect(buffered.length).toBe(0);
    expect(decoded).toBe(total);
    expect(chunks).toBe(Math.ceil(total / chunkSize) + 1);
    expect(encoded).toBe(awsChunkedEncodedLength({ decodedLength: total, payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }));
    // The source is pulled lazily: never more than one chunk plus one input piece ahead of the output.
    expect(maxInFlight).toBeLessThanOrEqual(chunkSize + 20_000);
    expect(maxInFlight).toBeGreaterThan(0);
  });
});

describe('aws-chunked: bad input', () => {
  const seed = { signature: 'b'.repeat(64), amzDate: '20240101T000000Z', credentialScope: '20240101/us-east-1/s3/aws4_request' };
  const credentials = { secretAccessKey: 'secret-never-shown' };
  const codeOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      expect(isSigV4Error(e)).toBe(true);
      expect(String((e as Error).message)).not.toContain('secret-never-shown');
      return (e as { code: string }).code;
    }
    throw new Error('expected a SigV4Error');
  };

  it('rejects bad options before any byte is encoded', () => {
    expect(codeOf(() => createAwsChunkedEncoder({ payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed, credentials, chunkSize: 100 })))
      .toBe('SIGV4_INVALID_CHUNKED_OPTIONS');
    expect(codeOf(() => createAwsChunkedEncoder({ payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed }))).toBe('SIGV4_INVALID_CHUNKED_OPTIONS');
    expect(codeOf(() => createAwsChunkedEncoder({ payload: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' }))).toBe('SIGV4_INVALID_CHUNKED_OPTIONS');
    expect(codeOf(() => createAwsChunkedEncoder({ payload: 'UNSIGNED-PAYLOAD' as never }))).toBe('SIGV4_INVALID_CHUNKED_OPTIONS');
    expect(codeOf(() => createAwsChunkedEncoder({
      payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', credentials, seed: { ...seed, credentialScope: '20240101/us-east-1' },
    }))).toBe('SIGV4_INVALID_CHUNKED_OPTIONS');
    expect(codeOf(() => awsChunkedEncodedLength({ decodedLength: -1, payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }))).toBe('SIGV4_INVALID_CHUNKED_OPTIONS');
  });

  it('fails when the body does not match decodedLength', () => {
    const longer = createAwsChunkedEncoder({ payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed, credentials, decodedLength: 10 });
    expect(codeOf(() => longer.write(new Uint8Array(11)))).toBe('SIGV4_CHUNKED_LENGTH_MISMATCH');
    const shorter = createAwsChunkedEncoder({ payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed, credentials, decodedLength: 10 });
    shorter.write(new Uint8Array(9));
    expect(codeOf(() => shorter.end())).toBe('SIGV4_CHUNKED_LENGTH_MISMATCH');
  });
});
