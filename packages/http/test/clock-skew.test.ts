import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, type Transport, type TransportEvent, type TransportRequest } from '../src/index.js';
import { startServer, xmlError, type TestServer } from './helpers.js';

let server: TestServer | undefined;
let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

const SKEW_MS = 3_600_000; // the server's clock runs one hour ahead of ours
const LIMIT_MS = 15 * 60_000; // S3 rejects signatures more than 15 minutes off

/** A server that, like S3, rejects requests whose x-amz-date is too far from its own clock. */
async function skewedServer(opts: { failFirstOf?: string } = {}): Promise<TestServer> {
  const failed = new Set<string>();
  return startServer((req, res) => {
    const serverNow = Date.now() + SKEW_MS;
    res.setHeader('date', new Date(serverNow).toUTCString());
    const sent = Date.parse(String(req.headers['x-amz-date']));
    if (!(Math.abs(sent - serverNow) <= LIMIT_MS)) {
      res.statusCode = 403;
      res.end(xmlError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'));
      return;
    }
    if (opts.failFirstOf !== undefined && req.url === opts.failFirstOf && !failed.has(req.url)) {
      failed.add(req.url);
      res.statusCode = 503;
      res.end();
      return;
    }
    res.end('signed ok');
  });
}

const signer = (dates: Date[]) => (r: TransportRequest, ctx: { date: Date; maxAttempts?: number }) => {
  expect(ctx.maxAttempts).toBe(3);
  dates.push(ctx.date);
  return { ...r, headers: { ...r.headers, 'x-amz-date': ctx.date.toISOString() } };
};

describe('clock-skew correction', () => {
  it('learns the offset from the Date header, re-signs with the corrected date and retries once', async () => {
    server = await skewedServer();
    const events: TransportEvent[] = [];
    transport = createTransport({ env: {}, onEvent: (e) => events.push(e) });
    const dates: Date[] = [];
    const res = await transport.send({ method: 'GET', url: `${server.url}/a`, prepare: signer(dates) });
    expect([res.status, res.attempts, await res.text()]).toEqual([200, 2, 'signed ok']);
    expect(Math.abs(transport.clockOffsetMs() - SKEW_MS)).toBeLessThan(2000);
    expect(Math.abs((dates[1] as Date).getTime() - (dates[0] as Date).getTime() - SKEW_MS)).toBeLessThan(2000);
    expect(events.find((e) => e.type === 'clock-skew')).toMatchObject({ previousOffsetMs: 0 });
    // Later requests are signed with the corrected clock from their first attempt.
    const again = await transport.send({ method: 'GET', url: `${server.url}/b`, prepare: signer([]) });
    expect(again.attempts).toBe(1);
  });

  it('applies a correction to a request that was already waiting to retry', async () => {
    server = await skewedServer({ failFirstOf: '/queued' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let sleeping!: () => void;
    const asleep = new Promise<void>((r) => (sleeping = r));
    transport = createTransport({
      env: {},
      sleep: async () => {
        sleeping();
        await gate;
      },
    });
    const queuedDates: Date[] = [];
    // Give the queued request a date the server accepts on its first attempt (already corrected by hand)...
    const t = transport;
    const queued = t.send({
      method: 'GET',
      url: `${server.url}/queued`,
      prepare: (r, ctx) => {
        const d = ctx.attempt === 1 ? new Date(Date.now() + SKEW_MS) : ctx.date;
        queuedDates.push(d);
        return { ...r, headers: { 'x-amz-date': d.toISOString() } };
      },
    });
    await asleep; // ...it got a 503 and is now in its backoff sleep.
    const other = await t.send({ method: 'GET', url: `${server.url}/other`, prepare: signer([]) });
    expect(other.attempts).toBe(2); // this one discovered the skew
    release();
    const res = await queued;
    expect([res.status, res.attempts]).toEqual([200, 2]);
    expect(Math.abs((queuedDates[1] as Date).getTime() - Date.now() - SKEW_MS)).toBeLessThan(5000);
  });

  it('corrects the clock but does not resend a one-shot stream body', async () => {
    server = await skewedServer();
    transport = createTransport({ env: {} });
    async function* once(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('data');
    }
    const res = await transport.send({ method: 'PUT', url: `${server.url}/s`, body: once(), prepare: signer([]) });
    expect([res.status, res.attempts, res.noRetryReason]).toEqual([403, 1, 'body-not-replayable']);
    expect(Math.abs(transport.clockOffsetMs() - SKEW_MS)).toBeLessThan(2000);
  });

  it('returns the skew error when the Date header gives nothing to correct', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 403;
      res.setHeader('date', new Date().toUTCString());
      res.end(xmlError('SignatureExpired'));
    });
    transport = createTransport({ env: {} });
    const res = await transport.send({ method: 'GET', url: server.url, prepare: signer([]) });
    expect([res.status, res.attempts, res.errorCode, res.noRetryReason]).toEqual([403, 1, 'SignatureExpired', 'clock-skew-uncorrectable']);
  });
});
