import { chaosRules, startFaultProxy, type FaultProxy } from '@rawaws/fault-proxy';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, isHttpError, type Transport, type TransportEvent } from '../src/index.js';
import { recordingSleep, startServer, type TestServer } from './helpers.js';

let server: TestServer | undefined;
let proxy: FaultProxy | undefined;
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  await proxy?.close();
  await server?.close();
  transport = server = proxy = undefined;
});

const echo = () => startServer((req, res, body) => res.end(`${req.method} ${req.url} ${body.toString()}`));
const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

describe('transport through the fault proxy', () => {
  it('retries a reset and a SlowDown on the way to success', async () => {
    server = await echo();
    proxy = await startFaultProxy({
      target: server.url,
      rules: [
        { method: 'PUT', path: '/b/k', attempt: 1, action: { type: 'reset' } },
        { method: 'PUT', path: '/b/k', attempt: 2, action: { type: 'slowdown' } },
      ],
    });
    const { delays, sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep, random: () => 0.5 });
    const res = await transport.send({ method: 'PUT', url: `${proxy.url}/b/k`, body: 'data' });
    expect([res.status, res.attempts, await res.text()]).toEqual([200, 3, 'PUT /b/k data']);
    expect(delays).toEqual([50, 500]); // transient base 100 * 2^0 * 0.5, then throttling 500 * 2^1 * 0.5
    expect(proxy.stats()).toMatchObject({ requests: 3, faults: 2, injected: { reset: 1, slowdown: 1 } });
  });

  it('replays a factory body after the connection dies mid-upload', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url, rules: [{ method: 'PUT', attempt: 1, action: { type: 'reset', afterRequestBytes: 64 * 1024 } }] });
    const { sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep });
    const chunk = Buffer.alloc(32 * 1024, 'z');
    let opened = 0;
    const res = await transport.send({
      method: 'PUT',
      url: `${proxy.url}/up`,
      headers: { 'content-length': String(16 * chunk.byteLength) },
      body: async function* () {
        opened++;
        for (let i = 0; i < 16; i++) yield chunk;
      },
    });
    expect([res.status, res.attempts, opened]).toEqual([200, 2, 2]);
    expect((await res.text()).length).toBe('PUT /up '.length + 16 * chunk.byteLength);
  });

  it('retries a truncated body in buffer mode', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url, rules: [{ attempt: 1, action: { type: 'truncate', bytes: 3 } }] });
    const { sleep } = recordingSleep();
    transport = createTransport({ env: {}, sleep });
    const res = await transport.send({ method: 'GET', url: `${proxy.url}/obj`, responseBody: 'buffer' });
    expect([res.attempts, await res.text()]).toEqual([2, 'GET /obj ']);
  });

  it('corrects its clock against a server that runs an hour ahead', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url, rules: [{ action: { type: 'skew', offsetMs: 3_600_000 } }] });
    transport = createTransport({ env: {} });
    const dates: Date[] = [];
    const res = await transport.send({
      method: 'GET',
      url: `${proxy.url}/skewed`,
      prepare: (r, ctx) => {
        dates.push(ctx.date);
        return { ...r, headers: { 'x-amz-date': amzDate(ctx.date) } };
      },
    });
    expect([res.status, res.attempts]).toEqual([200, 2]);
    expect(Math.abs(transport.clockOffsetMs() - 3_600_000)).toBeLessThan(2000);
    expect(proxy.stats().injected.skew).toBe(2);
  });

  it('survives seeded chaos: every success is intact, every fault cost exactly one retry', async () => {
    server = await echo();
    proxy = await startFaultProxy({ target: server.url, seed: 2026, rules: chaosRules({ reset: 0.05, error500: 0.05, error503: 0.05, slowDown: 0.05, truncate: 0.05 }) });
    const { sleep } = recordingSleep();
    const events: TransportEvent[] = [];
    transport = createTransport({ env: {}, sleep, maxAttempts: 6, onEvent: (e) => events.push(e) });
    let ok = 0;
    let surfaced = 0;
    for (let i = 0; i < 200; i++) {
      try {
        const res = await transport.send({ method: 'PUT', url: `${proxy.url}/k/${i}`, body: `v${i}`, responseBody: 'buffer' });
        if (res.status === 200) {
          expect(await res.text()).toBe(`PUT /k/${i} v${i}`);
          ok++;
        } else surfaced++;
      } catch (e) {
        expect(isHttpError(e)).toBe(true);
        surfaced++;
      }
    }
    const stats = proxy.stats();
    const retries = events.filter((e) => e.type === 'retry').length;
    const gaveUp = events.filter((e) => e.type === 'no-retry').length;
    expect(ok + surfaced).toBe(200);
    expect(stats.faults).toBeGreaterThan(20);
    expect(retries + gaveUp).toBe(stats.faults);
    expect(surfaced).toBe(gaveUp);
  }, 30_000);
});
