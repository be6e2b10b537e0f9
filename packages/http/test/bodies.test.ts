import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, isHttpError, type Transport, type TransportEvent } from '../src/index.js';
import { recordingSleep, startServer, xmlError, type TestServer } from './helpers.js';

let server: TestServer | undefined;
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

async function* chunks(n: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < n; i++) yield new Uint8Array(size).fill(65 + (i % 26));
}

describe('request and response bodies', () => {
  it('sends a string URL path verbatim, dot segments included (S3 keys like a/../b)', async () => {
    server = await startServer((_req, res) => res.end());
    transport = createTransport({ env: {} });
    const res = await transport.send({ method: 'GET', url: `${server.url}/bucket/a/../b/./c?x=%2F` });
    await res.text();
    expect(server.requests.map((r) => r.url)).toEqual(['/bucket/a/../b/./c?x=%2F']);
  });

  it('replays a stream body from its factory on every attempt', async () => {
    server = await startServer((_req, res, _b, n) => {
      res.statusCode = n === 1 ? 500 : 200;
      res.end();
    });
    const { sleep } = recordingSleep();
    const events: TransportEvent[] = [];
    transport = createTransport({ env: {}, sleep, random: () => 0, onEvent: (e) => events.push(e) });
    let opened = 0;
    const res = await transport.send({
      method: 'PUT',
      url: `${server.url}/obj`,
      body: () => {
        opened++;
        return chunks(4, 16 * 1024);
      },
    });
    expect([res.status, res.attempts, opened]).toEqual([200, 2, 2]);
    expect(server.requests.map((r) => r.body.byteLength)).toEqual([65536, 65536]);
    const progress = events.filter((e) => e.type === 'upload-progress' && e.attempt === 2).map((e) => (e as { bytes: number }).bytes);
    expect(progress).toEqual([16384, 32768, 49152, 65536]);
  });

  it('does not retry a one-shot stream: a 500 comes back with noRetryReason, a reset throws ERR_BODY_NOT_REPLAYABLE', async () => {
    server = await startServer((req, res, _b, n) => {
      if (n === 2) {
        req.socket.destroy();
        return;
      }
      res.statusCode = 500;
      res.end(xmlError('InternalError'));
    });
    transport = createTransport({ env: {} });
    const res = await transport.send({ method: 'PUT', url: server.url, body: Readable.from([Buffer.from('abc')]) });
    expect([res.status, res.attempts, res.noRetryReason]).toEqual([500, 1, 'body-not-replayable']);
    const err = await transport.send({ method: 'PUT', url: server.url, body: chunks(2, 10) }).catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ERR_BODY_NOT_REPLAYABLE');
    expect((err as Error).message).toMatch(/one-shot stream.*function that returns a fresh stream/);
    expect(isHttpError((err as Error).cause) && ((err as Error).cause as { code: string }).code).toBe('ERR_NETWORK');
  });

  it('pulls a streamed upload only as fast as the server reads it (backpressure)', async () => {
    let pulled = 0;
    let received = 0;
    let pulledWhilePaused = 0;
    const { createServer } = await import('node:http');
    const slow = createServer((req, res) => {
      req.pause();
      setTimeout(() => {
        pulledWhilePaused = pulled;
        req.on('data', (c: Buffer) => (received += c.byteLength));
        req.on('end', () => res.end('stored'));
        req.resume();
      }, 300);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as { port: number }).port;
    transport = createTransport({ env: {} });
    const chunk = new Uint8Array(64 * 1024);
    async function* big(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 512; i++) {
        pulled++;
        yield chunk;
      }
    }
    try {
      const res = await transport.send({ method: 'PUT', url: `http://127.0.0.1:${port}/`, body: () => big() });
      expect(await res.text()).toBe('stored');
      expect(received).toBe(512 * 64 * 1024);
      // 32 MiB in total, but while the server was not reading only socket-buffer-sized amounts were pulled.
      expect(pulledWhilePaused).toBeLessThan(160);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  }, 15_000);

  it('reports buffer uploads once, and survives a throwing observer', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    const seen: TransportEvent[] = [];
    transport = createTransport({
      env: {},
      onEvent: (e) => {
        seen.push(e);
        throw new Error('observer bug');
      },
    });
    const res = await transport.send({ method: 'PUT', url: server.url, body: new Uint8Array(1234) });
    expect(await res.text()).toBe('ok');
    expect(seen.filter((e) => e.type === 'upload-progress')).toEqual([{ type: 'upload-progress', attempt: 1, bytes: 1234, total: 1234 }]);
  });

  it('close() settles even when a response body was never read', async () => {
    server = await startServer((_req, res) => {
      res.write('x'.repeat(1000));
    });
    const t = createTransport({ env: {} });
    const res = await t.send({ method: 'GET', url: server.url });
    expect(res.status).toBe(200);
    const started = Date.now();
    await t.close();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('streams a large response with backpressure and reports download progress', async () => {
    const size = 8 * 1024 * 1024;
    server = await startServer((_req, res) => {
      res.setHeader('content-length', String(size));
      res.end(Buffer.alloc(size, 7));
    });
    let last = 0;
    transport = createTransport({ env: {} });
    const res = await transport.send({
      method: 'GET',
      url: server.url,
      onEvent: (e) => {
        if (e.type === 'download-progress') {
          expect(e.total).toBe(size);
          last = e.bytes;
        }
      },
    });
    let total = 0;
    for await (const c of res.body) {
      total += c.byteLength;
      await new Promise((r) => setImmediate(r));
    }
    expect([total, last]).toEqual([size, size]);
  });

  it('rejects malformed requests with ERR_INVALID_REQUEST before any network call', async () => {
    server = await startServer((_q, r) => r.end());
    transport = createTransport({ env: {} });
    const bad = [
      { method: 'GE T', url: server.url },
      { method: 'GET', url: 'not a url' },
      { method: 'GET', url: 'ftp://127.0.0.1/' },
      { method: 'GET', url: server.url, headers: { 'x-a': 'v\r\nInjected: 1' } },
      { method: 'GET', url: server.url, headers: { 'bad name': 'v' } },
      { method: 'PUT', url: server.url, body: 42 as unknown as string },
    ];
    for (const req of bad) {
      const err = await transport.send(req).catch((e: unknown) => e);
      expect(isHttpError(err) && err.code).toBe('ERR_INVALID_REQUEST');
      expect((err as Error).message).not.toContain('Injected');
    }
    expect(server.requests).toHaveLength(0);
    expect(() => createTransport({ env: {}, connections: 0 })).toThrow(/connections/);
  });

  it('never leaks signatures, tokens or credentials into errors, events or inspect output', async () => {
    const probe = await startServer((_q, r) => r.end());
    const url = `${probe.url}/bucket/key?X-Amz-Credential=AKIDSECRETKEYID%2F20261123&X-Amz-Signature=f00dfeedcafe&X-Amz-Security-Token=SESSIONTOKENVALUE`;
    await probe.close();
    const seen: string[] = [];
    const { sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep, onEvent: (e) => seen.push(JSON.stringify(e)) });
    const err = await transport
      .send({
        method: 'GET',
        url,
        headers: {
          authorization: 'AWS4-HMAC-SHA256 Credential=AKIDSECRETKEYID/20261123/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=f00dfeedcafe',
          'x-amz-security-token': 'SESSIONTOKENVALUE',
        },
      })
      .catch((e: unknown) => e);
    expect(isHttpError(err)).toBe(true);
    const all = [inspect(err, { depth: 10 }), (err as Error).message, ...seen].join('\n');
    for (const secret of ['AKIDSECRETKEYID', 'f00dfeedcafe', 'SESSIONTOKENVALUE']) expect(all).not.toContain(secret);
    expect(all).toContain('X-Amz-Signature=REDACTED');
  });
});
