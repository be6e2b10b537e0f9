import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, isHttpError, type Transport, type TransportEvent } from '../src/index.js';
import { recordingSleep, startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

describe('abort and timeouts', () => {
  it('aborts an in-flight request with ERR_ABORTED and the reason as cause', async () => {
    server = await startServer(() => undefined); // never answers
    transport = createTransport({ env: {} });
    const ac = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => ac.abort(reason), 30);
    const err = await transport.send({ method: 'GET', url: server.url, signal: ac.signal }).catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ERR_ABORTED');
    expect((err as Error).cause).toBe(reason);
  });

  it('aborts during a backoff sleep without waiting it out', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const events: TransportEvent[] = [];
    transport = createTransport({ env: {}, baseDelayMs: 60_000, random: () => 1, onEvent: (e) => events.push(e) });
    const ac = new AbortController();
    const started = Date.now();
    const pending = transport.send({ method: 'GET', url: server.url, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const err = await pending.catch((e: unknown) => e);
    expect(isHttpError(err) && [err.code, err.attempts]).toEqual(['ERR_ABORTED', 1]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 20_000 }) // capped at maxBackoffMs;
  });

  it('aborts while waiting for an adaptive-mode send token', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 429;
      res.end();
    });
    transport = createTransport({ env: { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '1' } });
    // One throttle switches the limiter on at its minimum rate (0.5/s) with an empty bucket: the next send must wait.
    await transport.send({ method: 'GET', url: server.url });
    const events: TransportEvent[] = [];
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 50);
    const err = await transport.send({ method: 'GET', url: server.url, signal: ac.signal, onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ERR_ABORTED');
    expect(events[0]).toMatchObject({ type: 'rate-limit' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('fails fast when the signal is already aborted, before any network call', async () => {
    server = await startServer((_q, r) => r.end());
    transport = createTransport({ env: {} });
    const err = await transport.send({ method: 'GET', url: server.url, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ERR_ABORTED');
    expect(server.requests).toHaveLength(0);
  });

  it('maps a headers timeout to ERR_TIMEOUT and charges the timeout cost on retry', async () => {
    server = await startServer((_req, res, _b, n) => {
      if (n === 1) setTimeout(() => res.end('late'), 1000);
      else res.end('fast');
    });
    const events: TransportEvent[] = [];
    const { sleep } = recordingSleep();
    transport = createTransport({ env: {}, headersTimeoutMs: 100, sleep, random: () => 0, onEvent: (e) => events.push(e) });
    const res = await transport.send({ method: 'GET', url: server.url });
    expect([res.attempts, await res.text()]).toEqual([2, 'fast']);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ errorClass: 'timeout', quotaLeft: 490 });
    const once = createTransport({ env: {}, headersTimeoutMs: 100, maxAttempts: 1 });
    server.requests.length = 0;
    const err = await once.send({ method: 'GET', url: `${server.url}/?again` }).catch((e: unknown) => e);
    await once.close();
    expect(isHttpError(err) && [err.code, err.retryable]).toEqual(['ERR_TIMEOUT', true]);
  }, 15_000);

  it("retries a truncated 2xx body when the caller asked for responseBody: 'buffer'", async () => {
    server = await startServer((req, res, _b, n) => {
      res.setHeader('content-length', '10');
      if (n === 1) {
        res.write('01234');
        setTimeout(() => req.socket.destroy(), 10);
      } else res.end('0123456789');
    });
    const { sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep, random: () => 0 });
    const res = await transport.send({ method: 'GET', url: server.url, responseBody: 'buffer' });
    expect([res.attempts, await res.text()]).toEqual([2, '0123456789']);
  });

  it('surfaces a truncated streamed body as ERR_NETWORK while reading', async () => {
    server = await startServer((req, res) => {
      res.setHeader('content-length', '100');
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 10);
    });
    transport = createTransport({ env: {} });
    const res = await transport.send({ method: 'GET', url: server.url });
    expect(res.status).toBe(200);
    const err = await res.text().catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ERR_NETWORK');
  });

  it('maps a body timeout to ERR_TIMEOUT', async () => {
    server = await startServer((_req, res) => {
      res.write('first');
    });
    transport = createTransport({ env: {}, bodyTimeoutMs: 100 });
    const res = await transport.send({ method: 'GET', url: server.url });
    const err = await res.bytes().catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ERR_TIMEOUT');
  }, 15_000);
});
