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

const half = () => 0.5;

describe('retries against a real node:http server', () => {
  it('keeps connections alive and bounds them per origin (connections: 1)', async () => {
    const ports: number[] = [];
    server = await startServer((req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      res.end('ok');
    });
    transport = createTransport({ env: {}, connections: 1 });
    const t = transport;
    const texts = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const res = await t.send({ method: 'GET', url: `${server?.url ?? ''}/k` });
        return res.text();
      }),
    );
    expect(texts).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(ports).toHaveLength(4);
    expect(new Set(ports).size).toBe(1);
  });

  it('retries a 503 with 100 ms-based full-jitter backoff and returns the success', async () => {
    server = await startServer((_req, res, _b, n) => {
      res.statusCode = n < 3 ? 503 : 200;
      res.end(n < 3 ? '' : 'done');
    });
    const { delays, sleep } = recordingSleep();
    const events: TransportEvent[] = [];
    transport = createTransport({ env: {}, random: half, sleep, onEvent: (e) => events.push(e) });
    const res = await transport.send({ method: 'GET', url: `${server.url}/x` });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('done');
    expect(res.attempts).toBe(3);
    expect(delays).toEqual([50, 100]); // 0.5 * 100 * 2^0, 0.5 * 100 * 2^1
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { quotaLeft: number }).quotaLeft)).toEqual([495, 490]);
    expect(events.filter((e) => e.type === 'attempt-start')).toHaveLength(3);
  });

  it('treats S3 SlowDown as throttling (500 ms base) and hands back the last response with a readable body', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 503;
      res.setHeader('content-type', 'application/xml');
      res.end(xmlError('SlowDown', 'Please reduce your request rate.'));
    });
    const { delays, sleep } = recordingSleep();
    transport = createTransport({ env: {}, random: half, sleep });
    const res = await transport.send({ method: 'PUT', url: `${server.url}/b/k`, body: 'hello' });
    expect(res.status).toBe(503);
    expect(res.attempts).toBe(3);
    expect(res.errorCode).toBe('SlowDown');
    expect(res.noRetryReason).toBe('max-attempts');
    expect(delays).toEqual([250, 500]);
    expect(await res.text()).toContain('<Code>SlowDown</Code>');
    expect(server.requests.map((r) => r.body.toString())).toEqual(['hello', 'hello', 'hello']);
  });

  it.each(['ThrottlingException', 'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded'])(
    'retries JSON %s with the throttling base',
    async (code) => {
      server = await startServer((_req, res, _b, n) => {
        res.statusCode = n === 1 ? 400 : 200;
        res.end(n === 1 ? JSON.stringify({ __type: `com.amazon#${code}`, message: 'slow' }) : '{}');
      });
      const { delays, sleep } = recordingSleep();
      transport = createTransport({ env: {}, random: () => 1, sleep });
      const res = await transport.send({ method: 'POST', url: server.url, body: '{}', prepare: (r) => r });
      expect(res.status).toBe(200);
      expect(delays).toEqual([500]);
    },
  );

  it('does not retry plain 4xx errors', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 404;
      res.end(xmlError('NoSuchKey'));
    });
    transport = createTransport({ env: {} });
    const res = await transport.send({ method: 'GET', url: `${server.url}/missing` });
    expect([res.status, res.attempts, res.errorCode, res.noRetryReason]).toEqual([404, 1, 'NoSuchKey', undefined]);
  });

  it('honours Retry-After (seconds and HTTP date) above the backoff', async () => {
    const retryAt = new Date(Date.now() + 4000).toUTCString();
    server = await startServer((_req, res, _b, n) => {
      res.statusCode = n < 3 ? 429 : 200;
      if (n === 1) res.setHeader('retry-after', '2');
      if (n === 2) res.setHeader('retry-after', retryAt);
      res.end();
    });
    const { delays, sleep } = recordingSleep();
    transport = createTransport({ env: {}, random: half, sleep });
    const res = await transport.send({ method: 'GET', url: server.url });
    expect(res.status).toBe(200);
    expect(delays[0]).toBe(2000);
    expect(delays[1]).toBeGreaterThan(1500);
    expect(delays[1]).toBeLessThanOrEqual(4000);
  });

  it('reads AWS_MAX_ATTEMPTS from the env given to the transport', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    const { sleep } = recordingSleep();
    transport = createTransport({ env: { AWS_MAX_ATTEMPTS: '5' }, sleep, random: half });
    const res = await transport.send({ method: 'GET', url: server.url });
    expect(res.attempts).toBe(5);
    expect(server.requests).toHaveLength(5);
  });

  it('reads process.env when the transport is created (not at module load) if no env is given', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const { sleep } = recordingSleep();
    const saved = process.env['AWS_MAX_ATTEMPTS'];
    process.env['AWS_MAX_ATTEMPTS'] = '2';
    try {
      transport = createTransport({ sleep, random: half, proxy: false });
    } finally {
      if (saved === undefined) delete process.env['AWS_MAX_ATTEMPTS'];
      else process.env['AWS_MAX_ATTEMPTS'] = saved;
    }
    const res = await transport.send({ method: 'GET', url: server.url });
    expect(res.attempts).toBe(2);
  });

  it('stops retrying when the retry quota is spent, and refunds on success', async () => {
    let fail = true;
    server = await startServer((_req, res) => {
      res.statusCode = fail ? 500 : 200;
      res.end();
    });
    const { sleep } = recordingSleep();
    const events: TransportEvent[] = [];
    transport = createTransport({ env: {}, sleep, random: half, retryQuota: 12, onEvent: (e) => events.push(e) });
    const first = await transport.send({ method: 'GET', url: server.url });
    expect(first.attempts).toBe(3); // 12 -> 7 -> 2
    const second = await transport.send({ method: 'GET', url: server.url });
    expect([second.status, second.attempts, second.noRetryReason]).toEqual([500, 1, 'retry-quota']);
    fail = false;
    await transport.send({ method: 'GET', url: server.url }); // refund 1 -> 3
    fail = true;
    const third = await transport.send({ method: 'GET', url: server.url });
    expect(third.noRetryReason).toBe('retry-quota');
    expect(events.filter((e) => e.type === 'no-retry').map((e) => (e as { reason: string }).reason)).toEqual(['max-attempts', 'retry-quota', 'retry-quota']);
  });

  it('retries a connection reset, and gives up with ERR_RETRIES_EXHAUSTED carrying the last cause', async () => {
    server = await startServer((req, res, _b, n) => {
      if (n === 1 || n >= 3) req.socket.destroy();
      else res.end('second');
    });
    const { sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep, random: half });
    const ok = await transport.send({ method: 'GET', url: server.url });
    expect([ok.attempts, await ok.text()]).toEqual([2, 'second']);
    const err = await transport.send({ method: 'GET', url: server.url }).catch((e: unknown) => e);
    expect(isHttpError(err)).toBe(true);
    if (!isHttpError(err)) return;
    expect(err.code).toBe('ERR_RETRIES_EXHAUSTED');
    expect(err.attempts).toBe(3);
    expect(err.retryable).toBe(true);
    expect(isHttpError(err.cause) && err.cause.code).toBe('ERR_NETWORK');
  });

  it('does not retry an unsigned POST after a reset, but does retry a signed one (SDK behaviour)', async () => {
    server = await startServer((req, res, _b, n) => {
      if (n === 1 || n === 2) req.socket.destroy();
      else res.end('ok');
    });
    const { sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep, random: half });
    const err = await transport.send({ method: 'POST', url: server.url, body: 'a' }).catch((e: unknown) => e);
    expect(isHttpError(err) && [err.code, err.attempts]).toEqual(['ERR_NETWORK', 1]);
    const dates: Date[] = [];
    const res = await transport.send({
      method: 'POST',
      url: server.url,
      body: 'b',
      prepare: (r, ctx) => {
        dates.push(ctx.date);
        return { ...r, headers: { 'x-amz-date': ctx.date.toISOString() } };
      },
    });
    expect(res.attempts).toBe(2);
    expect(dates).toHaveLength(2);
  });

  it('retries a POST whose connection was refused (nothing was sent)', async () => {
    const probe = await startServer((_q, r) => r.end());
    const url = probe.url;
    await probe.close();
    const { delays, sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep, random: half });
    const err = await transport.send({ method: 'POST', url, body: 'x' }).catch((e: unknown) => e);
    expect(isHttpError(err) && err.code).toBe('ERR_RETRIES_EXHAUSTED');
    expect(delays).toHaveLength(2);
    expect(String((err as Error).message)).toContain('ECONNREFUSED');
  });

  it('lets a caller-supplied errorCode() classify odd bodies', async () => {
    server = await startServer((_req, res, _b, n) => {
      res.statusCode = n === 1 ? 400 : 204;
      res.end(n === 1 ? 'busy, try later' : undefined);
    });
    const { delays, sleep } = recordingSleep();
    transport = createTransport({
      env: {},
      sleep,
      random: () => 1,
      errorCode: (r) => (Buffer.from(r.body).toString().startsWith('busy') ? 'Throttling' : undefined),
    });
    const res = await transport.send({ method: 'GET', url: server.url });
    expect([res.status, res.attempts, delays]).toEqual([204, 2, [500]]);
  });

  it('keeps a large error body fully readable after buffering its first bytes', async () => {
    const big = xmlError('AccessDenied') + 'x'.repeat(5000);
    server = await startServer((_req, res) => {
      res.statusCode = 403;
      res.end(big);
    });
    transport = createTransport({ env: {}, maxErrorBodyBytes: 1000 });
    const res = await transport.send({ method: 'GET', url: server.url });
    expect(res.errorCode).toBe('AccessDenied');
    expect(await res.text()).toBe(big);
    await expect(res.text()).rejects.toMatchObject({ code: 'ERR_BODY_USED' });
  });

  it('adaptive mode rate-limits after throttling', async () => {
    server = await startServer((_req, res, _b, n) => {
      res.statusCode = n % 2 === 1 ? 429 : 200;
      res.end();
    });
    const { sleep } = recordingSleep();
    const events: TransportEvent[] = [];
    let t = 1_000_000;
    transport = createTransport({ env: { AWS_RETRY_MODE: 'adaptive' }, sleep, random: half, now: () => (t += 50), onEvent: (e) => events.push(e) });
    for (let i = 0; i < 6; i++) await transport.send({ method: 'GET', url: server.url });
    const limited = events.filter((e) => e.type === 'rate-limit');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((e) => (e as { delayMs: number }).delayMs > 0)).toBe(true);
  });
});
