// The only file that calls undici. Everything else sees plain objects and Node streams.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import type { ConnectAddress } from './types.js';

/** Connection settings of the dispatcher the transport builds when none is supplied. */
export interface DispatcherOptions {
  connections: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined;
  rejectUnauthorized?: boolean | undefined;
  connectAddress?: ConnectAddress | undefined;
  /** Explicit proxy URL, `false` for none, or `'env'` for HTTP(S)_PROXY / NO_PROXY from `env`. */
  proxy: string | false | 'env';
  env: Record<string, string | undefined>;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function overrideFor(connectAddress: ConnectAddress, hostname: string): string | undefined {
  if (typeof connectAddress === 'string') return connectAddress;
  if (typeof connectAddress === 'function') return connectAddress(hostname);
  return Object.hasOwn(connectAddress, hostname) ? connectAddress[hostname] : undefined;
}

/** A `dns.lookup` replacement that answers overridden hosts itself; the Host header and TLS SNI keep the name. */
function overrideLookup(connectAddress: ConnectAddress) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const address = overrideFor(connectAddress, hostname);
    if (address === undefined) {
      dnsLookup(hostname, options, callback as never);
      return;
    }
    const family = isIP(address) || 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** Build the pooled keep-alive dispatcher (an undici Agent: one Pool per origin), proxy-aware when configured. */
export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const tls = {
    ...(opts.ca !== undefined ? { ca: opts.ca as string | Buffer | Array<string | Buffer> } : {}),
    ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
  };
  const connect = {
    ...tls,
    timeout: opts.connectTimeoutMs,
    ...(opts.connectAddress !== undefined ? { lookup: overrideLookup(opts.connectAddress) } : {}),
  };
  const agentOpts = { connections: opts.connections, keepAliveTimeout: opts.idleTimeoutMs, connect };
  if (opts.proxy === false) return new Agent(agentOpts);
  if (opts.proxy !== 'env') return new ProxyAgent({ ...agentOpts, uri: opts.proxy, requestTls: connect, proxyTls: connect });
  const env = opts.env;
  const httpProxy = env['http_proxy'] ?? env['HTTP_PROXY'] ?? '';
  const httpsProxy = env['https_proxy'] ?? env['HTTPS_PROXY'] ?? '';
  if (!httpProxy && !httpsProxy) return new Agent(agentOpts);
  // Pass every value explicitly ('' = none) so undici never falls back to process.env behind our back.
  return new EnvHttpProxyAgent({
    ...agentOpts,
    httpProxy,
    httpsProxy,
    noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
    requestTls: connect,
    proxyTls: connect,
  });
}

/** One HTTP exchange as the transport needs it. */
export interface RawRequest {
  url: URL;
  /** Path and query as sent (see requestTarget): not re-derived from `url`, which would drop dot segments. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | Readable | AsyncIterable<Uint8Array> | undefined;
  signal: AbortSignal | undefined;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** The response head plus its streaming body (a Node Readable with backpressure). */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

/** Send one request with `dispatcher.request` (no retries, no redirects). Rejects with undici/Node errors. */
export async function dispatchRequest(dispatcher: Dispatcher, req: RawRequest): Promise<RawResponse> {
  const res = await dispatcher.request({
    origin: req.url.origin,
    path: req.path,
    method: req.method as Dispatcher.HttpMethod,
    headers: req.headers,
    body: (req.body ?? null) as Dispatcher.DispatchOptions['body'] & object,
    signal: req.signal ?? null,
    headersTimeout: req.headersTimeoutMs,
    bodyTimeout: req.bodyTimeoutMs,
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return { status: res.statusCode, headers, body: res.body as unknown as Readable };
}

/**
 * Close a dispatcher gracefully; after `graceMs` (e.g. a response body nobody reads keeps its request open)
 * destroy it instead, so `close()` always settles.
 */
export async function closeDispatcher(dispatcher: Dispatcher, graceMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = dispatcher.close().then(() => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const graceful = await Promise.race([closed, late]);
  clearTimeout(timer);
  if (!graceful) await dispatcher.destroy();
}

export type { Dispatcher };
