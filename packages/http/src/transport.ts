import { AdaptiveRateLimiter } from './adaptive-rate-limiter.js';
import { ERROR_BODY_LIMIT } from './error-code.js';
import { HttpError } from './errors.js';
import { resolveRetryConfig, type RetryMode } from './retry-config.js';
import {
  DEFAULT_RETRY_DELAY_BASE,
  INITIAL_RETRY_TOKENS,
  MAXIMUM_RETRY_DELAY,
  THROTTLING_RETRY_DELAY_BASE,
} from './retry-policy.js';
import { RetryQuota } from './retry-quota.js';
import { sendWithRetries } from './send-with-retries.js';
import { abortableSleep, type Sleep } from './sleep.js';
import type { TransportState } from './transport-state.js';
import type { ConnectAddress, ErrorResponseInfo, TransportEvent, TransportRequest, TransportResponse } from './types.js';
import { closeDispatcher, createDispatcher, type Dispatcher } from './undici-dispatcher.js';

/** Options of {@link createTransport}. Every field is optional. */
export interface TransportOptions {
  /** Your own undici dispatcher (Agent, Pool, ProxyAgent, MockAgent…); connection options below are then ignored and `close()` leaves it open. */
  dispatcher?: Dispatcher;
  /** Max keep-alive connections per origin. @default 50 (the SDK's maxSockets) */
  connections?: number;
  /** @default 10000 */
  connectTimeoutMs?: number;
  /** Time to receive the response head. @default 300000 (undici's) */
  headersTimeoutMs?: number;
  /** Max gap between body chunks. @default 300000 (undici's) */
  bodyTimeoutMs?: number;
  /** Idle keep-alive socket lifetime. @default 4000 */
  idleTimeoutMs?: number;
  /** Extra trusted CA certificate(s) (PEM) for HTTPS. */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** @default true */
  rejectUnauthorized?: boolean;
  /** Connect to another address while keeping the URL's host in `Host` and TLS SNI, e.g. `{ 'bucket.localhost': '127.0.0.1' }`. */
  connectAddress?: ConnectAddress;
  /** `'env'` reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) from `env`; a URL forces a proxy; `false` disables. @default 'env' */
  proxy?: string | false | 'env';
  /** Environment to read AWS_MAX_ATTEMPTS, AWS_RETRY_MODE and the proxy variables from. @default process.env */
  env?: Record<string, string | undefined>;
  /** @default AWS_RETRY_MODE or 'standard' */
  retryMode?: RetryMode;
  /** Total attempts including the first. @default AWS_MAX_ATTEMPTS or 3 */
  maxAttempts?: number;
  /** @default 100 */
  baseDelayMs?: number;
  /** @default 500 */
  throttlingBaseDelayMs?: number;
  /** @default 20000 */
  maxBackoffMs?: number;
  /** Longest honoured Retry-After. @default 25000 */
  maxRetryAfterMs?: number;
  /** Retry quota capacity in tokens. @default 500 */
  retryQuota?: number;
  /** Bytes of a non-2xx body buffered for classification. @default 1048576 */
  maxErrorBodyBytes?: number;
  /** Your own error-code extractor for non-2xx responses; return `undefined` to use the built-in one. */
  errorCode?: (res: ErrorResponseInfo) => string | undefined;
  /** Observer of attempts, retries, clock corrections and progress. Must not throw. */
  onEvent?: (event: TransportEvent) => void;
  /** @default Math.random */
  random?: () => number;
  /** Clock in ms. @default Date.now */
  now?: () => number;
  /** Abortable sleep. @default a setTimeout-based one */
  sleep?: Sleep;
}

/** Sends requests with retries, backoff, a retry quota and clock-skew correction. */
export interface Transport {
  /** Send a request. Resolves with the final response of ANY status; rejects with HttpError on network/timeout/abort. */
  send(req: TransportRequest): Promise<TransportResponse>;
  /** Current clock-skew correction, server − local, in ms. */
  clockOffsetMs(): number;
  /** Close idle connections (and the dispatcher, unless it was supplied). */
  close(): Promise<void>;
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new HttpError('ERR_INVALID_OPTION', `Invalid ${name} ${String(value)}: use a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
  return value;
}

/**
 * Create a transport on undici's pooled keep-alive Agent.
 *
 * @example
 * ```ts
 * const transport = createTransport({ maxAttempts: 5 });
 * const res = await transport.send({ method: 'GET', url: 'https://example.com/' });
 * console.log(res.status, await res.text());
 * await transport.close();
 * ```
 */
export function createTransport(opts: TransportOptions = {}): Transport {
  const env = opts.env ?? process.env;
  const { retryMode, maxAttempts } = resolveRetryConfig(opts, env);
  const now = opts.now ?? Date.now;
  const ownDispatcher = opts.dispatcher === undefined;
  const dispatcher =
    opts.dispatcher ??
    createDispatcher({
      connections: positive('connections', opts.connections, 50),
      connectTimeoutMs: positive('connectTimeoutMs', opts.connectTimeoutMs, 10_000),
      idleTimeoutMs: positive('idleTimeoutMs', opts.idleTimeoutMs, 4_000),
      ca: opts.ca,
      rejectUnauthorized: opts.rejectUnauthorized,
      connectAddress: opts.connectAddress,
      proxy: opts.proxy ?? 'env',
      env,
    });
  const state: TransportState = {
    dispatcher,
    retryMode,
    maxAttempts,
    backoff: {
      baseDelayMs: positive('baseDelayMs', opts.baseDelayMs, DEFAULT_RETRY_DELAY_BASE, true),
      throttlingBaseDelayMs: positive('throttlingBaseDelayMs', opts.throttlingBaseDelayMs, THROTTLING_RETRY_DELAY_BASE, true),
      maxBackoffMs: positive('maxBackoffMs', opts.maxBackoffMs, MAXIMUM_RETRY_DELAY, true),
      maxRetryAfterMs: positive('maxRetryAfterMs', opts.maxRetryAfterMs, MAXIMUM_RETRY_DELAY + 5_000, true),
    },
    quota: new RetryQuota(positive('retryQuota', opts.retryQuota, INITIAL_RETRY_TOKENS, true)),
    limiter: retryMode === 'adaptive' ? new AdaptiveRateLimiter(now) : undefined,
    headersTimeoutMs: positive('headersTimeoutMs', opts.headersTimeoutMs, 300_000, true),
    bodyTimeoutMs: positive('bodyTimeoutMs', opts.bodyTimeoutMs, 300_000, true),
    maxErrorBodyBytes: positive('maxErrorBodyBytes', opts.maxErrorBodyBytes, ERROR_BODY_LIMIT),
    errorCode: opts.errorCode,
    onEvent: opts.onEvent,
    random: opts.random ?? Math.random,
    now,
    sleep: opts.sleep ?? abortableSleep,
    clockOffsetMs: 0,
    closed: false,
  };
  return {
    send: (req) => sendWithRetries(state, req),
    clockOffsetMs: () => state.clockOffsetMs,
    async close() {
      if (state.closed) return;
      state.closed = true;
      if (ownDispatcher) await closeDispatcher(dispatcher);
    },
  };
}
