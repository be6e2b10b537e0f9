import type { Readable } from 'node:stream';
import { classifyResponse, type ErrorClass, NOT_SENT_ERROR_CODES } from './classify.js';
import { clockOffset, MIN_SKEW_CORRECTION_MS } from './clock-skew.js';
import { extractErrorCode } from './error-code.js';
import { HttpError } from './errors.js';
import { abortError, errorCodeOf, toHttpError, type ErrorContext } from './map-error.js';
import { redactUrl } from './redact.js';
import { openBody } from './request-body.js';
import { createResponse, readUpTo } from './response.js';
import { parseRetryAfter } from './retry-after.js';
import { NO_RETRY_INCREMENT, nextDelay, type NoRetryReason } from './retry-policy.js';
import type { TransportState } from './transport-state.js';
import type { TransportEvent, TransportRequest, TransportResponse } from './types.js';
import { requestTarget } from './request-target.js';
import { dispatchRequest, type RawResponse } from './undici-dispatcher.js';
import { validateRequest } from './validate-request.js';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** What one attempt produced, before the retry decision. */
type AttemptResult =
  | { kind: 'response'; res: RawResponse; prefix?: Uint8Array; ended?: boolean; errorCode?: string | undefined; errorClass: ErrorClass | 'success' }
  | { kind: 'error'; error: HttpError; errorClass: ErrorClass; notSent: boolean };

/** The retry loop: prepare (re-sign), rate-limit, dispatch, classify, decide, sleep; repeat. */
export async function sendWithRetries(state: TransportState, req: TransportRequest): Promise<TransportResponse> {
  validateRequest(req);
  const signal = req.signal;
  const emit = (event: TransportEvent): void => {
    // Observers are for progress bars and logs: a bug in one must not fail or corrupt the request.
    try {
      state.onEvent?.(event);
      req.onEvent?.(event);
    } catch {
      /* ignored on purpose */
    }
  };
  const usedStreams = new WeakSet<object>();
  const defaultIdempotent = req.prepare !== undefined || IDEMPOTENT_METHODS.has(req.method.toUpperCase());
  const idempotent = req.idempotent ?? defaultIdempotent;
  let lastRetryCost: number | undefined;
  let skewRetried = false;

  for (let attempt = 1; ; attempt++) {
    const ctx: ErrorContext = { method: req.method, url: String(req.url), attempts: attempt - 1, signal, phase: 'request' };
    if (state.closed) throw new HttpError('ERR_CLOSED', `Transport is closed: ${req.method} ${redactUrl(req.url)}`);
    if (signal?.aborted) throw abortError(ctx);
    if (state.limiter) {
      const waitMs = state.limiter.acquire();
      if (waitMs > 0) {
        emit({ type: 'rate-limit', attempt, delayMs: waitMs });
        await sleepOrAbort(state, waitMs, ctx);
      }
    }
    const signedOffsetMs = state.clockOffsetMs;
    const date = new Date(state.now() + signedOffsetMs);
    let prepared: TransportRequest = req;
    if (req.prepare) {
      prepared = await req.prepare(req, { attempt, maxAttempts: state.maxAttempts, date });
      if (signal?.aborted) throw abortError(ctx);
    }
    const url = prepared === req ? new URL(String(req.url)) : validateRequest(prepared);
    ctx.url = url;
    ctx.attempts = attempt;
    const redacted = redactUrl(url);
    const declared = Number(prepared.headers?.['content-length'] ?? prepared.headers?.['x-amz-decoded-content-length']);
    const total = Number.isFinite(declared) && declared >= 0 ? { total: declared } : {};
    const body = openBody(prepared.body, usedStreams, (bytes) => emit({ type: 'upload-progress', attempt, bytes, ...total }));
    emit({ type: 'attempt-start', attempt, method: prepared.method, url: redacted, date });
    const started = state.now();
    const result = await runAttempt(state, prepared, url, body.body, ctx, req.responseBody === 'buffer');
    const durationMs = state.now() - started;
    if (result.kind === 'response' && body.body instanceof Uint8Array && body.body.byteLength > 0) {
      // Buffers go to the socket in one write: report them once the server has answered.
      emit({ type: 'upload-progress', attempt, bytes: body.body.byteLength, total: body.body.byteLength });
    }

    if (result.kind === 'error') {
      emit({ type: 'attempt-end', attempt, method: prepared.method, url: redacted, durationMs, errorCode: result.error.code, errorClass: result.errorClass });
      if (result.error.code === 'ERR_ABORTED') throw result.error;
      state.limiter?.update(false);
      const decision = nextDelay(
        {
          attempt,
          maxAttempts: state.maxAttempts,
          errorClass: result.errorClass,
          availableTokens: state.quota.available,
          idempotent: idempotent || result.notSent,
          replayable: body.replayable,
        },
        state.backoff,
        state.random,
      );
      if (!decision.retry) {
        emit({ type: 'no-retry', attempt, reason: decision.reason, errorClass: result.errorClass });
        throw finalError(decision.reason, result.error, attempt, prepared.method, redacted);
      }
      state.quota.acquire(decision.cost);
      lastRetryCost = decision.cost;
      emit({ type: 'retry', attempt, delayMs: decision.delayMs, errorClass: result.errorClass, reason: result.error.message, quotaLeft: state.quota.available });
      await sleepOrAbort(state, decision.delayMs, ctx);
      continue;
    }

    const { res } = result;
    emit({
      type: 'attempt-end',
      attempt,
      method: prepared.method,
      url: redacted,
      durationMs,
      status: res.status,
      ...(result.errorCode !== undefined ? { errorCode: result.errorCode } : {}),
      ...(result.errorClass !== 'success' ? { errorClass: result.errorClass } : {}),
    });
    state.limiter?.update(result.errorClass === 'throttling');
    const hand = (noRetryReason?: TransportResponse['noRetryReason']): TransportResponse =>
      createResponse({
        status: res.status,
        headers: res.headers,
        attempts: attempt,
        prefix: result.prefix,
        rest: result.ended ? undefined : res.body,
        errorCode: result.errorCode,
        noRetryReason,
        mapError: (err) => toHttpError(err, { ...ctx, phase: 'response body' }),
        onBytes: (bytes) => emit({ type: 'download-progress', bytes, ...totalOf(res.headers) }),
      });

    if (result.errorClass === 'success') {
      state.quota.release(lastRetryCost ?? NO_RETRY_INCREMENT);
      return hand();
    }
    if (result.errorClass === 'clock-skew') {
      const offset = clockOffset(res.headers['date'], state.now());
      const previous = state.clockOffsetMs;
      // Compared with the offset this attempt was signed with: a concurrent request may have learned the new offset
      // meanwhile, and this one, signed before that, still gets its corrected retry.
      if (!skewRetried && offset !== undefined && Math.abs(offset - signedOffsetMs) >= MIN_SKEW_CORRECTION_MS) {
        if (Math.abs(offset - previous) >= MIN_SKEW_CORRECTION_MS) {
          // The new offset also applies to every request still waiting to be signed.
          state.clockOffsetMs = offset;
          emit({ type: 'clock-skew', attempt, offsetMs: offset, previousOffsetMs: previous });
        }
        if (body.replayable) {
          skewRetried = true; // correct-and-retry once per request
          discard(res);
          continue;
        }
        emit({ type: 'no-retry', attempt, reason: 'body-not-replayable', errorClass: 'clock-skew' });
        return hand('body-not-replayable');
      }
      emit({ type: 'no-retry', attempt, reason: 'clock-skew-uncorrectable', errorClass: 'clock-skew' });
      return hand('clock-skew-uncorrectable');
    }
    const decision = nextDelay(
      {
        attempt,
        maxAttempts: state.maxAttempts,
        errorClass: result.errorClass,
        retryAfterMs: parseRetryAfter(res.headers['retry-after'], state.now()),
        availableTokens: state.quota.available,
        idempotent,
        replayable: body.replayable,
      },
      state.backoff,
      state.random,
    );
    if (!decision.retry) {
      if (result.errorClass !== 'non-retryable') emit({ type: 'no-retry', attempt, reason: decision.reason, errorClass: result.errorClass });
      return hand(result.errorClass !== 'non-retryable' ? decision.reason : undefined);
    }
    discard(res);
    state.quota.acquire(decision.cost);
    lastRetryCost = decision.cost;
    emit({ type: 'retry', attempt, delayMs: decision.delayMs, errorClass: result.errorClass, reason: `HTTP ${res.status}${result.errorCode ? ` ${result.errorCode}` : ''}`, quotaLeft: state.quota.available });
    await sleepOrAbort(state, decision.delayMs, ctx);
  }
}

/** One dispatch plus, for non-2xx (or `responseBody: 'buffer'`), the bounded body read and classification. */
async function runAttempt(
  state: TransportState,
  prepared: TransportRequest,
  url: URL,
  body: Uint8Array | Readable | undefined,
  ctx: ErrorContext,
  bufferAll: boolean,
): Promise<AttemptResult> {
  let res: RawResponse;
  try {
    res = await dispatchRequest(state.dispatcher, {
      url,
      path: requestTarget(prepared.url, url),
      method: prepared.method,
      headers: prepared.headers ?? {},
      body,
      signal: prepared.signal ?? ctx.signal,
      headersTimeoutMs: state.headersTimeoutMs,
      bodyTimeoutMs: state.bodyTimeoutMs,
    });
  } catch (err) {
    return asError(err, ctx);
  }
  const ok = res.status < 300;
  if (ok && !bufferAll) return { kind: 'response', res, errorClass: 'success' };
  let prefix: Uint8Array;
  let ended: boolean;
  try {
    ({ bytes: prefix, ended } = await readUpTo(res.body, ok ? Number.POSITIVE_INFINITY : state.maxErrorBodyBytes));
  } catch (err) {
    // A body cut short (reset, content-length mismatch, body timeout) is a transient failure of this attempt.
    return asError(err, { ...ctx, phase: 'response body' });
  }
  if (ok) return { kind: 'response', res, prefix, ended, errorClass: 'success' };
  const info = { status: res.status, headers: res.headers, body: prefix };
  const errorCode = state.errorCode?.(info) ?? extractErrorCode(res.headers, prefix);
  return { kind: 'response', res, prefix, ended, errorCode, errorClass: classifyResponse(res.status, errorCode) };
}

function asError(err: unknown, ctx: ErrorContext): AttemptResult {
  const error = toHttpError(err, ctx);
  const code = errorCodeOf(err);
  const errorClass: ErrorClass = error.code === 'ERR_TIMEOUT' ? 'timeout' : error.retryable ? 'transient' : 'non-retryable';
  return { kind: 'error', error, errorClass, notSent: code !== undefined && NOT_SENT_ERROR_CODES.has(code) };
}

function finalError(reason: NoRetryReason, last: HttpError, attempt: number, method: string, url: string): HttpError {
  const facts = { cause: last, attempts: attempt, retryable: last.retryable };
  if (reason === 'body-not-replayable') {
    return new HttpError(
      'ERR_BODY_NOT_REPLAYABLE',
      `Not retrying ${method} ${url} after attempt ${attempt}: the request body is a one-shot stream that was already consumed. Pass a function that returns a fresh stream (body: () => createReadStream(path)) so it can be sent again.`,
      facts,
    );
  }
  if (reason === 'retry-quota' || (reason === 'max-attempts' && attempt > 1)) {
    const why = reason === 'retry-quota' ? 'the retry quota is exhausted' : `all ${attempt} attempts failed`;
    return new HttpError('ERR_RETRIES_EXHAUSTED', `Giving up on ${method} ${url}: ${why}; last error: ${last.message}`, facts);
  }
  return last;
}

async function sleepOrAbort(state: TransportState, ms: number, ctx: ErrorContext): Promise<void> {
  try {
    await state.sleep(ms, ctx.signal);
  } catch (err) {
    if (ctx.signal?.aborted) throw abortError(ctx);
    throw err;
  }
}

function discard(res: RawResponse): void {
  if (!res.body.readableEnded) res.body.destroy();
}

function totalOf(headers: Record<string, string>): { total?: number } {
  const n = Number(headers['content-length']);
  return Number.isFinite(n) && headers['content-length'] !== undefined ? { total: n } : {};
}
