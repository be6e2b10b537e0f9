import { createHash, createHmac } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { awsChunkedEncode } from './aws-chunked-encode.js';
import type { AwsChunkedPayload } from './aws-chunked-length.js';
import { awsChunkedHeaders } from './aws-chunked-length.js';
import { chunkStringToSign, trailerStringToSign } from './aws-chunked-signature.js';
import { isSigV4Error } from './errors.js';
import { signRequest } from './sign.js';
import { verifyRequest } from './verify-request.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** A SHA-256 "checksum" for the trailer (base64), standing in for the CRC32C that @rawaws/s3 provides. */
const sha256Checksum = () => {
  const h = createHash('sha256');
  return { update: (d: Uint8Array) => void h.update(d), digest: () => h.digest('base64') };
};

interface Decoded { status: number; reason: string; length: number; sha256: string; chunks: number; trailer?: string }

/**
 * What an S3-compatible server does: verify the seed signature (verifyRequest), then decode the aws-chunked body
 * as it streams in, checking each chunk signature against the chain and the trailer signature.
 */
async function decodeOnServer(req: IncomingMessage, body: AsyncIterable<Buffer>): Promise<Decoded> {
  const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const verified = await verifyRequest({ method: req.method ?? 'PUT', url: `http://${req.headers.host}${req.url}`, headers },
    { lookupSecret: () => credentials.secretAccessKey });
  if (!verified.valid) return { status: 403, reason: verified.reason, length: 0, sha256: '', chunks: 0 };
  const mode = headers['x-amz-content-sha256'] as AwsChunkedPayload;
  const signed = mode !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
  const auth = /Signature=([0-9a-f]{64})/.exec(headers['authorization'] ?? '')?.[1] ?? '';
  const amzDate = headers['x-amz-date'] ?? '';
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  const kDate = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(amzDate.slice(0, 8)).digest();
  const kSigning = ['us-east-1', 's3', 'aws4_request'].reduce((k, part) => createHmac('sha256', k).update(part).digest(), kDate);
  let previous = auth;
  const payload = createHash('sha256');
  let buffered = Buffer.alloc(0);
  let length = 0;
  let chunks = 0;
  let done = false;
  let trailer: string | undefined;
  for await (const piece of body) {
    buffered = Buffer.concat([buffered, piece]);
    while (!done) {
      const eol = buffered.indexOf('\r\n');
      if (eol < 0) break;
      const [sizeHex = '', signature] = buffered.subarray(0, eol).toString().split(';chunk-signature=');
      const size = Number.parseInt(sizeHex, 16);
      if (size === 0) {
        // Final chunk, then trailer lines (if any) and an empty line.
        const end = buffered.indexOf('\r\n\r\n', eol);
        if (end < 0) break;
        if (signed) {
          const sts = chunkStringToSign(amzDate, scope, previous, createHash('sha256').update('').digest('hex'));
          previous = createHmac('sha256', kSigning).update(sts).digest('hex');
          if (signature !== previous) return { status: 403, reason: 'CHUNK_SIGNATURE', length, sha256: '', chunks };
        }
        const lines = buffered.subarray(eol + 2, Math.max(eol + 2, end)).toString().split('\r\n').filter((l) => l !== '');
        trailer = lines.find((l) => !l.startsWith('x-amz-trailer-signature:'));
        const trailerSig = lines.find((l) => l.startsWith('x-amz-trailer-signature:'))?.split(':')[1];
        if (signed && trailer !== undefined) {
          const sts = trailerStringToSign(amzDate, scope, previous, createHash('sha256').update(`${trailer}\n`).digest('hex'));
          if (trailerSig !== createHmac('sha256', kSigning).update(sts).digest('hex')) return { status: 403, reason: 'TRAILER_SIGNATURE', length, sha256: '', chunks };
        }
        done = true;
        chunks++;
        break;
      }
      if (buffered.length < eol + 2 + size + 2) break;
      const data = buffered.subarray(eol + 2, eol + 2 + size);
      if (signed) {
        const sts = chunkStringToSign(amzDate, scope, previous, createHash('sha256').update(data).digest('hex'));
        previous = createHmac('sha256', kSigning).update(sts).digest('hex');
        if (signature !== previous) return { status: 403, reason: 'CHUNK_SIGNATURE', length, sha256: '', chunks };
      }
      payload.update(data);
      length += size;
      chunks++;
      buffered = buffered.subarray(eol + 2 + size + 2);
    }
  }
  if (!done) return { status: 400, reason: 'INCOMPLETE', length, sha256: '', chunks };
  return { status: 200, reason: 'OK', length, sha256: payload.digest('hex'), chunks, ...(trailer !== undefined ? { trailer } : {}) };
}

describe('aws-chunked over real HTTP (loopback)', () => {
  it.each([
    'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
    'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  ] as const)('%s: a streaming PUT decodes and verifies on the server', async (payload) => {
    const server = createServer((req, res) => {
      decodeOnServer(req, req).then((r) => res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r)),
        (e: unknown) => res.writeHead(500).end(String(e)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/bucket/streamed.bin`;
      const size = 1024 * 1024 + 777;
      const source = function* (): Generator<Uint8Array> {
        for (let sent = 0; sent < size; sent += 100_003) {
          const n = Math.min(100_003, size - sent);
          yield Uint8Array.from({ length: n }, (_, i) => (sent + i) % 241);
        }
      };
      const expectedHash = createHash('sha256');
      for (const p of source()) expectedHash.update(p);
      const hasTrailer = payload !== 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
      const trailerShape = hasTrailer ? { name: 'x-amz-checksum-sha256', valueLength: 44 } : undefined;
      const headers = awsChunkedHeaders({ decodedLength: size, payload, trailer: trailerShape });
      const seed = signRequest({ method: 'PUT', url, headers }, { credentials, region: 'us-east-1', service: 's3', payloadHash: payload });
      const checksum = sha256Checksum();
      const body = Readable.from(awsChunkedEncode(source(), {
        payload, seed, credentials, decodedLength: size,
        ...(hasTrailer ? { trailer: { name: 'x-amz-checksum-sha256', checksum } } : {}),
      }));
      const result = await new Promise<Decoded>((resolve, reject) => {
        const req = httpRequest(url, { method: 'PUT', headers: seed.headers }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => resolve(JSON.parse(text) as Decoded));
        });
        req.on('error', reject);
        body.pipe(req);
      });
      expect(result).toMatchObject({ status: 200, length: size, sha256: expectedHash.digest('hex'), chunks: Math.ceil(size / 65_536) + 1 });
      if (hasTrailer) {
        expect(result.trailer).toBe(`x-amz-checksum-sha256:${createHash('sha256').update(Buffer.concat([...source()])).digest('base64')}`);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('verifyRequest().createChunkedDecoder over real HTTP (loopback)', () => {
  it('accepts an intact streaming upload and rejects one with a byte changed in transit', async () => {
    const server = createServer((req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
      void (async () => {
        const v = await verifyRequest({ method: req.method ?? 'PUT', url: `http://${req.headers.host}${req.url}`, headers },
          { lookupSecret: () => credentials.secretAccessKey, region: 'us-east-1', service: 's3' });
        if (!v.valid || v.createChunkedDecoder === undefined) return res.writeHead(403).end(v.valid ? 'NOT_STREAMING' : v.reason);
        const decoder = v.createChunkedDecoder();
        const hash = createHash('sha256');
        let failure: unknown;
        // Keep reading after a failure (no for-await: breaking out of it would destroy the socket before we answer).
        req.on('data', (piece: Buffer) => {
          if (failure !== undefined) return;
          try {
            for (const data of decoder.write(piece)) hash.update(data);
          } catch (e) {
            failure = e;
          }
        });
        req.on('end', () => {
          try {
            if (failure !== undefined) throw failure;
            const trailers = decoder.end();
            res.writeHead(200).end(JSON.stringify({ sha256: hash.digest('hex'), trailers }));
          } catch (e) {
            res.writeHead(isSigV4Error(e) ? 403 : 500).end(isSigV4Error(e) ? e.code : String(e));
          }
        });
        return undefined;
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/bucket/object`;
      const body = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 13) % 256));
      const payload = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
      const upload = async (tamper: boolean): Promise<{ status: number; text: string }> => {
        const headers = awsChunkedHeaders({ decodedLength: body.length, payload, trailer: { name: 'x-amz-checksum-sha256', valueLength: 44 } });
        const seed = signRequest({ method: 'PUT', url, headers }, { credentials, region: 'us-east-1', service: 's3', payloadHash: payload });
        let sent = 0;
        const encoded = async function* (): AsyncGenerator<Uint8Array> {
          for await (const piece of awsChunkedEncode([body], { payload, seed, credentials, trailer: { name: 'x-amz-checksum-sha256', checksum: sha256Checksum() } })) {
            const copy = Buffer.from(piece);
            // A "proxy" flips one payload byte about 100 KB in.
            if (tamper && sent < 100_000 && sent + copy.length >= 100_000 && copy.length > 1000) copy[500] = (copy[500] as number) ^ 0xff;
            sent += copy.length;
            yield copy;
          }
        };
        return new Promise((resolve, reject) => {
          const req = httpRequest(url, { method: 'PUT', headers: seed.headers }, (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          });
          req.on('error', reject);
          Readable.from(encoded()).pipe(req);
        });
      };
      const ok = await upload(false);
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.text)).toEqual({
        sha256: createHash('sha256').update(body).digest('hex'),
        trailers: { 'x-amz-checksum-sha256': createHash('sha256').update(body).digest('base64') },
      });
      expect(await upload(true)).toEqual({ status: 403, text: 'SIGV4_CHUNK_SIGNATURE_MISMATCH' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
