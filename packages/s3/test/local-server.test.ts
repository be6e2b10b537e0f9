import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { computeChecksum, createS3Client, isS3Error, type S3Client } from '../src/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A loopback node:http server playing the parts of S3 a test needs. */
async function serve(handler: Handler): Promise<{ client: S3Client; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const client = createS3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    forcePathStyle: true,
    env: {},
  });
  closers.push(async () => {
    await client.close();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return { client, requests };
}

const scopeRegion = (req: IncomingMessage): string | undefined => /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];

describe('region redirects', () => {
  it('follows a 301 with x-amz-bucket-region once, then remembers the region', async () => {
    const { client, requests } = await serve((req, res) => {
      if (scopeRegion(req) !== 'eu-west-1') {
        res.writeHead(301, { 'x-amz-bucket-region': 'eu-west-1', 'content-type': 'application/xml' });
        res.end('<?xml version="1.0"?><Error><Code>PermanentRedirect</Code><Message>wrong region</Message><Bucket>eu-bucket</Bucket></Error>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', etag: '"abc"' });
      res.end('from eu-west-1');
    });
    expect(await (await client.getObject({ bucket: 'eu-bucket', key: 'k' })).text()).toBe('from eu-west-1');
    expect(requests.map(scopeRegion)).toEqual(['us-east-1', 'eu-west-1']);
    expect(await (await client.getObject({ bucket: 'eu-bucket', key: 'k2' })).text()).toBe('from eu-west-1');
    expect(requests.map(scopeRegion)).toEqual(['us-east-1', 'eu-west-1', 'eu-west-1']);
  });

  it('follows a 400 AuthorizationHeaderMalformed naming the region', async () => {
    const { client, requests } = await serve((req, res) => {
      if (scopeRegion(req) !== 'ap-southeast-2') {
        res.writeHead(400, { 'content-type': 'application/xml' });
        res.end('<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region is wrong</Message><Region>ap-southeast-2</Region></Error>');
        return;
      }
      res.writeHead(200);
      res.end('ok');
    });
    await client.putObject({ bucket: 'ap-bucket', key: 'k', body: 'x' });
    expect(requests.map(scopeRegion)).toEqual(['us-east-1', 'ap-southeast-2']);
  });

  it('a 400 that names no other region is thrown as the service error', async () => {
    const { client } = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/xml' });
      res.end('<Error><Code>InvalidArgument</Code><Message></Message></Error>');
    });
    await expect(client.getObject({ bucket: 'any-bucket', key: 'k' })).rejects.toMatchObject({ status: 400, code: 'InvalidArgument' });
  });
});

describe('download checksum verification', () => {
  it('verifies a full-object checksum the server returns, and fails on a mismatch', async () => {
    const good = await computeChecksum('CRC32', 'payload');
    let send = good;
    const { client, requests } = await serve((_req, res) => {
      res.writeHead(200, { 'x-amz-checksum-crc32': send, 'content-length': '7' });
      res.end('payload');
    });
    const ok = await client.getObject({ bucket: 'bkt', key: 'k', checksumMode: true });
    expect(await ok.text()).toBe('payload');
    expect(ok.checksums).toEqual({ CRC32: good });
    expect(requests[0]?.headers['x-amz-checksum-mode']).toBe('ENABLED');
    send = await computeChecksum('CRC32', 'other');
    const bad = await client.getObject({ bucket: 'bkt', key: 'k', checksumMode: true });
    try {
      await bad.bytes();
      expect.unreachable();
    } catch (e) {
      expect(isS3Error(e) && e.code).toBe('S3_CHECKSUM_MISMATCH');
    }
  });

  it('payloadSigning streaming frames a stream as signed aws-chunked', async () => {
    let received = Buffer.alloc(0);
    const { client, requests } = await serve((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        received = Buffer.concat(parts);
        res.writeHead(200, { etag: '"e"' });
        res.end();
      });
    });
    const payload = Buffer.alloc(70_000, 0x61);
    const { Readable } = await import('node:stream');
    await client.putObject({ bucket: 'bkt', key: 'k', body: Readable.from([payload]), contentLength: payload.length, payloadSigning: 'streaming' });
    const h = requests[0]?.headers ?? {};
    expect(h['x-amz-content-sha256']).toBe('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
    expect(h['content-encoding']).toBe('aws-chunked');
    expect(h['x-amz-decoded-content-length']).toBe('70000');
    expect(Number(h['content-length'])).toBe(received.length);
    const text = received.toString('latin1');
    expect(text).toMatch(/^10000;chunk-signature=[0-9a-f]{64}\r\n/);
    expect(text).toMatch(/\r\n1170;chunk-signature=[0-9a-f]{64}\r\n/);
    expect(text).toMatch(/\r\n0;chunk-signature=[0-9a-f]{64}\r\n\r\n$/);
  });

  it("payloadSigning 'streaming-trailer' sends the checksum in a signed trailer (capability flag)", async () => {
    let received = Buffer.alloc(0);
    const { client, requests } = await serve((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        received = Buffer.concat(parts);
        res.writeHead(200, { etag: '"e"' });
        res.end();
      });
    });
    const payload = Buffer.alloc(1000, 0x62);
    const { Readable } = await import('node:stream');
    await client.putObject({
      bucket: 'bkt', key: 'k', body: Readable.from([payload]), contentLength: payload.length,
      payloadSigning: 'streaming-trailer', checksumAlgorithm: 'CRC32C',
    });
    const h = requests[0]?.headers ?? {};
    expect(h['x-amz-content-sha256']).toBe('STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER');
    expect(h['x-amz-trailer']).toBe('x-amz-checksum-crc32c');
    expect(h['x-amz-checksum-crc32c']).toBeUndefined();
    expect(Number(h['content-length'])).toBe(received.length);
    const crc = await computeChecksum('CRC32C', payload);
    expect(received.toString('latin1')).toMatch(
      new RegExp(`\\r\\n0;chunk-signature=[0-9a-f]{64}\\r\\nx-amz-checksum-crc32c:${crc.replace(/[+/=]/g, '\\$&')}\\r\\nx-amz-trailer-signature:[0-9a-f]{64}\\r\\n\\r\\n$`),
    );
    await expect(client.putObject({ bucket: 'bkt', key: 'k', body: Readable.from([payload]), contentLength: 1000, payloadSigning: 'streaming-trailer' }))
      .rejects.toMatchObject({ code: 'S3_INVALID_ARGUMENT' });
  });

  it('sends the checksum header on upload', async () => {
    const { client, requests } = await serve((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { etag: '"e"' });
        res.end();
      });
    });
    const out = await client.putObject({ bucket: 'bkt', key: 'k', body: 'payload', checksumAlgorithm: 'CRC32C' });
    expect(out.checksum).toBe(await computeChecksum('CRC32C', 'payload'));
    expect(requests[0]?.headers['x-amz-checksum-crc32c']).toBe(out.checksum);
    expect(requests[0]?.headers['x-amz-sdk-checksum-algorithm']).toBe('CRC32C');
  });
});

describe('multipart failure on the server side', () => {
  it('a part the server rejects aborts the upload (DELETE ?uploadId) and reports the cause', async () => {
    const seen: string[] = [];
    const { client } = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push(`${req.method} ${url.search.replace(/uploadId=[^&]*/, 'uploadId=U')}`);
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST' && url.searchParams.has('uploads')) {
          res.writeHead(200, { 'content-type': 'application/xml' });
          res.end('<InitiateMultipartUploadResult><Bucket>bkt</Bucket><Key>k</Key><UploadId>U</UploadId></InitiateMultipartUploadResult>');
        } else if (req.method === 'PUT' && url.searchParams.get('partNumber') === '2') {
          res.writeHead(403, { 'content-type': 'application/xml' });
          res.end('<Error><Code>AccessDenied</Code><Message>injected</Message></Error>');
        } else if (req.method === 'PUT') {
          res.writeHead(200, { etag: `"p${url.searchParams.get('partNumber')}"` });
          res.end();
        } else {
          res.writeHead(204);
          res.end();
        }
      });
    });
    const body = new Uint8Array(15 * 1024 * 1024);
    await expect(client.upload({ bucket: 'bkt', key: 'k', body, partSize: 5 * 1024 * 1024, queueSize: 1 })).rejects.toMatchObject({
      code: 'S3_MULTIPART_FAILED',
      message: expect.stringMatching(/AccessDenied.*the upload was aborted/),
    });
    expect(seen).toEqual(['POST ?uploads', 'PUT ?partNumber=1&uploadId=U', 'PUT ?partNumber=2&uploadId=U', 'DELETE ?uploadId=U']);
  });
});


describe('missing fields from untyped callers', () => {
  it('fail with typed errors before any request instead of changing the operation', async () => {
    const { client, requests } = await serve((_req, res) => res.end());
    const loose = client as unknown as Record<string, (input: object) => Promise<unknown>>;
    const attempts: Array<[string, object, string]> = [
      ['putObject', { bucket: 'b-ok', body: 'x' }, 'S3_INVALID_KEY'], // would be PUT /b-ok = CreateBucket
      ['getObject', { bucket: 'b-ok' }, 'S3_INVALID_KEY'], // would be GET /b-ok = ListObjects
      ['deleteObject', { bucket: 'b-ok' }, 'S3_INVALID_KEY'], // would be DELETE /b-ok = DeleteBucket
      ['createBucket', {}, 'S3_INVALID_BUCKET_NAME'], // would be PUT / (405 from the server)
      ['presignGetObject', { bucket: 'b-ok' }, 'S3_INVALID_KEY'],
      ['presignPutObject', { key: 'k' }, 'S3_INVALID_BUCKET_NAME'],
    ];
    for (const [method, input, code] of attempts) {
      const fn = loose[method];
      expect(fn, method).toBeTypeOf('function');
      const err = await (fn as (i: object) => Promise<unknown>).call(client, input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isS3Error(err) ? err.code : err, method).toBe(code);
    }
    expect(requests).toHaveLength(0);
  });
});

describe('clock skew', () => {
  it('presigns with the offset learned from a RequestTimeTooSkewed answer', async () => {
    const aheadMs = 3_600_000; // the server's clock runs an hour ahead of ours
    const amzDateMs = (v: string): number =>
      Date.parse(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}Z`);
    const { client, requests } = await serve((req, res) => {
      const serverNow = Date.now() + aheadMs;
      const signed = amzDateMs(String(req.headers['x-amz-date']));
      res.setHeader('date', new Date(serverNow).toUTCString());
      if (Math.abs(signed - serverNow) > 15 * 60_000) {
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end('<Error><Code>RequestTimeTooSkewed</Code><Message>skewed</Message></Error>');
        return;
      }
      res.end('ok');
    });
    expect(await (await client.getObject({ bucket: 'b-ok', key: 'k' })).text()).toBe('ok');
    expect(requests).toHaveLength(2); // rejected once, re-signed with the corrected clock
    const { url } = await client.presignGetObject({ bucket: 'b-ok', key: 'k' });
    const signedAt = amzDateMs(new URL(url).searchParams.get('X-Amz-Date') ?? '');
    expect(Math.abs(signedAt - (Date.now() + aheadMs))).toBeLessThan(60_000);
  });
});
