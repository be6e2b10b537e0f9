import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { ruleMatches, type FaultAction, type FaultRule } from './fault-rule.js';
import { mulberry32 } from './prng.js';
import { s3ErrorBody } from './s3-error-body.js';

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Origin to forward to, e.g. `http://127.0.0.1:7480`. */
  target: string;
  /** Rules, first match wins. @default [] (a transparent proxy) */
  rules?: readonly FaultRule[];
  /** PRNG seed for probability rules. @default 1 */
  seed?: number;
  /** Port to listen on (127.0.0.1 only). @default 0 (random) */
  port?: number;
}

/** Counts of what the proxy did. */
export interface FaultProxyStats {
  requests: number;
  forwarded: number;
  /** Injections per action type. */
  injected: Record<FaultAction['type'], number>;
  /** Injections per rule (by `name`, or `#index`). */
  byRule: Record<string, number>;
  /** Total injections that changed the outcome (all but `latency` and `date`). */
  faults: number;
}

/** A running proxy. */
export interface FaultProxy {
  url: string;
  port: number;
  stats(): FaultProxyStats;
  /** Replace the rules (occurrence counters and the PRNG keep going). */
  setRules(rules: readonly FaultRule[]): void;
  close(): Promise<void>;
}

const emptyInjected = (): FaultProxyStats['injected'] => ({ reset: 0, status: 0, slowdown: 0, latency: 0, truncate: 0, date: 0, skew: 0 });

/**
 * Start a loopback HTTP proxy in front of `target` that injects faults by rule and seed.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ target: rgw.endpoint, seed: 42, rules: [{ method: 'PUT', attempt: 1, action: { type: 'slowdown' } }] });
 * // point the client at proxy.url, run the workload, then:
 * console.log(proxy.stats()); await proxy.close();
 * ```
 */
export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const random = mulberry32(opts.seed ?? 1);
  let rules = [...(opts.rules ?? [])];
  let fired = rules.map(() => 0);
  const occurrences = new Map<string, number>();
  const stats: FaultProxyStats = { requests: 0, forwarded: 0, injected: emptyInjected(), byRule: {}, faults: 0 };
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();

  const pick = (req: IncomingMessage): FaultAction | undefined => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const key = `${req.method} ${url.pathname}`;
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    const facts = { method: req.method ?? 'GET', pathname: url.pathname, pathAndQuery: url.pathname + url.search, occurrence };
    for (const [i, rule] of rules.entries()) {
      if (!ruleMatches(rule, facts)) continue;
      if (rule.times !== undefined && (fired[i] ?? 0) >= rule.times) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      fired[i] = (fired[i] ?? 0) + 1;
      const name = rule.name ?? `#${i}`;
      stats.byRule[name] = (stats.byRule[name] ?? 0) + 1;
      stats.injected[rule.action.type]++;
      if (rule.action.type !== 'latency' && rule.action.type !== 'date') stats.faults++;
      return rule.action;
    }
    return undefined;
  };

  const sendError = (req: IncomingMessage, res: ServerResponse, status: number, code: string | undefined, extra: Record<string, string>, message?: string): void => {
    const { body } = s3ErrorBody(status, code, message);
    req.resume();
    const respond = (): void => {
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), ...extra });
      res.end(body);
    };
    if (req.complete) respond();
    else req.once('end', respond);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, action: FaultAction | undefined): void => {
    stats.forwarded++;
    const send = secure ? httpsRequest : httpRequest;
    const upstream = send(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (up) => {
        const headers = { ...up.headers };
        if (action?.type === 'date' || action?.type === 'skew') headers['date'] = new Date(Date.now() + action.offsetMs).toUTCString();
        res.writeHead(up.statusCode ?? 502, headers);
        if (action?.type !== 'truncate') {
          up.pipe(res);
          return;
        }
        const declared = Number(up.headers['content-length']);
        let limit = action.bytes ?? (Number.isFinite(declared) ? Math.floor(declared / 2) : 1);
        up.on('data', (chunk: Buffer) => {
          if (limit <= 0) return;
          const part = chunk.subarray(0, limit);
          limit -= part.byteLength;
          res.write(part);
          if (limit <= 0) {
            up.destroy();
            res.socket?.resetAndDestroy();
          }
        });
        up.on('end', () => res.socket?.resetAndDestroy());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        const { body } = s3ErrorBody(502, 'BadGateway', 'fault-proxy could not reach the target');
        res.writeHead(502, { 'content-type': 'application/xml' });
        res.end(body);
      } else res.socket?.destroy();
    });
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    stats.requests++;
    const action = pick(req);
    if (!action) return forward(req, res, undefined);
    switch (action.type) {
      case 'reset': {
        const after = action.afterRequestBytes ?? 0;
        if (after <= 0) {
          req.socket.resetAndDestroy();
          return;
        }
        let seen = 0;
        req.on('data', (c: Buffer) => {
          seen += c.byteLength;
          if (seen >= after) req.socket.resetAndDestroy();
        });
        req.on('end', () => req.socket.resetAndDestroy());
        return;
      }
      case 'status':
        return sendError(req, res, action.status, action.code, { ...(action.retryAfter ? { 'retry-after': action.retryAfter } : {}), ...action.headers }, action.message);
      case 'slowdown':
        return sendError(req, res, 503, 'SlowDown', action.retryAfter ? { 'retry-after': action.retryAfter } : {}, 'Please reduce your request rate.');
      case 'latency': {
        const timer = setTimeout(() => forward(req, res, action), action.ms);
        req.socket.once('close', () => clearTimeout(timer));
        return;
      }
      case 'skew': {
        const serverNow = Date.now() + action.offsetMs;
        const sent = parseAmzDate(req.headers['x-amz-date']);
        if (sent === undefined || Math.abs(sent - serverNow) > (action.toleranceMs ?? 15 * 60_000)) {
          return sendError(req, res, 403, 'RequestTimeTooSkewed', { date: new Date(serverNow).toUTCString() }, 'The difference between the request time and the current time is too large.');
        }
        return forward(req, res, action);
      }
      default:
        return forward(req, res, action);
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    setRules(next) {
      rules = [...next];
      fired = rules.map(() => 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `YYYYMMDDTHHMMSSZ` (SigV4) or ISO-8601 to epoch ms. */
function parseAmzDate(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const t = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}
