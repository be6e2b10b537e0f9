import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, isHttpError } from '../src/index.js';
import { startServer } from './helpers.js';

let dir: string;
let cert: string;
let key: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rawaws-http-tls-'));
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=bucket.localhost',
      '-addext', 'subjectAltName=DNS:bucket.localhost,DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
const shut = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A tiny HTTP proxy: CONNECT tunnels and absolute-form forwarding, recording what it was asked for. */
async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const proxy = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const up = httpRequest({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  proxy.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = String(req.url).split(':');
    const upstream = connect(Number(port), host === 'bucket.localhost' ? '127.0.0.1' : host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const port = await listen(proxy);
  return { url: `http://127.0.0.1:${port}`, seen, close: () => shut(proxy) };
}

describe('connection options', () => {
  it('connects bucket.localhost to 127.0.0.1 while the Host header keeps the name', async () => {
    const server = await startServer((req, res) => res.end(req.headers.host));
    const transport = createTransport({ env: {}, connectAddress: { 'bucket.localhost': '127.0.0.1' } });
    try {
      const res = await transport.send({ method: 'GET', url: `http://bucket.localhost:${server.port}/key` });
      expect(await res.text()).toBe(`bucket.localhost:${server.port}`);
      const fn = createTransport({ env: {}, connectAddress: (h) => (h.endsWith('.localhost') ? '127.0.0.1' : undefined) });
      const res2 = await fn.send({ method: 'GET', url: `http://other.bucket.localhost:${server.port}/` });
      expect(await res2.text()).toBe(`other.bucket.localhost:${server.port}`);
      await fn.close();
    } finally {
      await transport.close();
      await server.close();
    }
  });

  it('trusts a custom CA for HTTPS (and refuses the self-signed cert without it, without retrying)', async () => {
    const server = createHttpsServer({ cert, key }, (req, res) => res.end(`tls ${req.headers.host}`));
    const port = await listen(server);
    const trusted = createTransport({ env: {}, ca: cert, connectAddress: '127.0.0.1' });
    const untrusted = createTransport({ env: {} });
    try {
      const res = await trusted.send({ method: 'GET', url: `https://bucket.localhost:${port}/` });
      expect(await res.text()).toBe(`tls bucket.localhost:${port}`);
      const err = await untrusted.send({ method: 'GET', url: `https://127.0.0.1:${port}/` }).catch((e: unknown) => e);
      expect(isHttpError(err) && [err.code, err.attempts, err.retryable]).toEqual(['ERR_NETWORK', 1, false]);
    } finally {
      await trusted.close();
      await untrusted.close();
      await shut(server);
    }
  });

  it('goes through HTTP_PROXY / HTTPS_PROXY from the env it was given, and honours NO_PROXY', async () => {
    const proxy = await startProxy();
    const plain = await startServer((req, res) => res.end(`via ${req.headers.host}`));
    const tls = createHttpsServer({ cert, key }, (_req, res) => res.end('secure'));
    const tlsPort = await listen(tls);
    const viaProxy = createTransport({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }, ca: cert });
    const bypass = createTransport({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    try {
      const a = await viaProxy.send({ method: 'GET', url: `${plain.url}/p` });
      expect(await a.text()).toBe(`via 127.0.0.1:${plain.port}`);
      const b = await viaProxy.send({ method: 'GET', url: `https://bucket.localhost:${tlsPort}/s` });
      expect(await b.text()).toBe('secure');
      expect(proxy.seen.some((s) => s.includes(`127.0.0.1:${plain.port}`))).toBe(true);
      expect(proxy.seen).toContain(`CONNECT bucket.localhost:${tlsPort}`);
      const before = proxy.seen.length;
      const c = await bypass.send({ method: 'GET', url: `${plain.url}/direct` });
      expect(await c.text()).toBe(`via 127.0.0.1:${plain.port}`);
      expect(proxy.seen.length).toBe(before);
    } finally {
      await viaProxy.close();
      await bypass.close();
      await plain.close();
      await shut(tls);
      await proxy.close();
    }
  });

  it('uses a caller-supplied undici Dispatcher and leaves it open on close()', async () => {
    const { Agent } = await import('undici');
    const agent = new Agent({ connections: 1 });
    const server = await startServer((_req, res) => res.end('mine'));
    const transport = createTransport({ env: {}, dispatcher: agent });
    try {
      expect(await (await transport.send({ method: 'GET', url: server.url })).text()).toBe('mine');
      await transport.close();
      expect(agent.closed).toBe(false);
      const err = await transport.send({ method: 'GET', url: server.url }).catch((e: unknown) => e);
      expect(isHttpError(err) && err.code).toBe('ERR_CLOSED');
    } finally {
      await agent.close();
      await server.close();
    }
  });
});
