import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chaosRules, mulberry32, startFaultProxy, type FaultProxy } from '../src/index.js';

let upstream: Server;
let target: string;
let proxy: FaultProxy | undefined;

beforeEach(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = `${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`.padEnd(100, '.');
      res.writeHead(200, { 'content-length': Buffer.byteLength(body), 'x-upstream': 'yes', date: new Date().toUTCString() });
      res.end(body);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }
function call(url: string, method = 'GET', body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('fault proxy', () => {
  it('forwards transparently without rules', async () => {
    proxy = await startFaultProxy({ target });
    const r = await call(`${proxy.url}/b/k?x=1`, 'PUT', 'payload');
    expect(r.status).toBe(200);
    expect(r.body.startsWith('PUT /b/k?x=1 payload')).toBe(true);
    expect(r.headers['x-upstream']).toBe('yes');
    expect(proxy.stats()).toMatchObject({ requests: 1, forwarded: 1, faults: 0 });
  });

  it('injects a reset on the first attempt only, matching method and path', async () => {
    proxy = await startFaultProxy({ target, rules: [{ name: 'reset-put', method: 'PUT', path: '/b/k', attempt: 1, action: { type: 'reset' } }] });
    await expect(call(`${proxy.url}/b/k`, 'PUT', 'x')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await call(`${proxy.url}/b/k`, 'PUT', 'x')).status).toBe(200);
    expect((await call(`${proxy.url}/b/k`, 'GET')).status).toBe(200);
    expect(proxy.stats()).toMatchObject({ requests: 3, forwarded: 2, faults: 1, injected: { reset: 1 }, byRule: { 'reset-put': 1 } });
  });

  it('can reset in the middle of an upload, after the server has seen some bytes', async () => {
    proxy = await startFaultProxy({ target, rules: [{ method: 'PUT', action: { type: 'reset', afterRequestBytes: 1000 } }] });
    await expect(call(`${proxy.url}/up`, 'PUT', 'x'.repeat(200_000))).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    expect(proxy.stats()).toMatchObject({ forwarded: 0, injected: { reset: 1 } });
  });

  it('answers 503 SlowDown and 500 with S3 XML bodies and Retry-After', async () => {
    proxy = await startFaultProxy({
      target,
      rules: [
        { path: '/slow', action: { type: 'slowdown', retryAfter: '1' } },
        { path: '/err', times: 1, action: { type: 'status', status: 500 } },
      ],
    });
    const slow = await call(`${proxy.url}/slow`, 'PUT', 'body');
    expect([slow.status, slow.headers['retry-after']]).toEqual([503, '1']);
    expect(slow.body).toContain('<Code>SlowDown</Code>');
    const err = await call(`${proxy.url}/err`);
    expect([err.status, err.body.includes('<Code>InternalError</Code>')]).toEqual([500, true]);
    expect((await call(`${proxy.url}/err`)).status).toBe(200); // times: 1
  });

  it('truncates a response body and resets the connection', async () => {
    proxy = await startFaultProxy({ target, rules: [{ action: { type: 'truncate', bytes: 10 } }] });
    await expect(call(`${proxy.url}/t`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(proxy.stats().injected.truncate).toBe(1);
  });

  it('adds latency, then forwards', async () => {
    proxy = await startFaultProxy({ target, rules: [{ action: { type: 'latency', ms: 150 } }] });
    const t0 = Date.now();
    expect((await call(`${proxy.url}/l`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(proxy.stats()).toMatchObject({ faults: 0, injected: { latency: 1 } });
  });

  it('rewrites Date, and emulates a skewed server clock that rejects unskewed x-amz-date', async () => {
    const hour = 3_600_000;
    proxy = await startFaultProxy({ target, rules: [{ path: '/d', action: { type: 'date', offsetMs: -hour } }, { path: '/s', action: { type: 'skew', offsetMs: hour } }] });
    const d = await call(`${proxy.url}/d`);
    expect(Math.abs(Date.parse(String(d.headers.date)) - (Date.now() - hour))).toBeLessThan(2000);
    const amz = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const rejected = await call(`${proxy.url}/s`, 'GET', undefined, { 'x-amz-date': amz(Date.now()) });
    expect([rejected.status, rejected.body.includes('RequestTimeTooSkewed')]).toEqual([403, true]);
    const serverDate = Date.parse(String(rejected.headers.date));
    const accepted = await call(`${proxy.url}/s`, 'GET', undefined, { 'x-amz-date': amz(serverDate) });
    expect(accepted.status).toBe(200);
  });

  it('is deterministic for a seed, and counts what it injected', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const p = await startFaultProxy({ target, seed, rules: chaosRules({ error500: 0.3, slowDown: 0.2 }) });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call(`${p.url}/k${i}`)).status);
      const s = p.stats();
      expect(s.faults).toBe(statuses.filter((x) => x !== 200).length);
      expect(s.injected.status + s.injected.slowdown).toBe(s.faults);
      await p.close();
      return statuses;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(5);
  });

  it('mulberry32 is a fixed sequence', () => {
    const r = mulberry32(42);
    const first = [r(), r(), r()];
    const again = mulberry32(42);
    expect([again(), again(), again()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
