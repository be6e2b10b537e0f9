import { classifyNetworkError, TIMEOUT_ERROR_CODES } from './classify.js';
import { HttpError } from './errors.js';
import { redactText, redactUrl } from './redact.js';

/** The `code` of a Node/undici error, looking one `cause` deep (undici wraps some socket errors). */
export function errorCodeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
  const cause = (err as { cause?: unknown }).cause;
  const inner = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (typeof inner === 'string') return inner;
  return typeof code === 'string' ? code : undefined;
}

/** Context for messages: what was being done. */
export interface ErrorContext {
  method: string;
  url: URL | string;
  attempts: number;
  signal?: AbortSignal | undefined;
  phase: 'request' | 'response body';
}

/** The abort error for a request, with the signal's reason as `cause`. */
export function abortError(ctx: ErrorContext): HttpError {
  return new HttpError('ERR_ABORTED', `Request aborted: ${ctx.method} ${redactUrl(ctx.url)}`, {
    cause: ctx.signal?.reason,
    attempts: ctx.attempts,
  });
}

/** Wrap a thrown Node/undici error (never mutating it) into an HttpError with retry facts. */
export function toHttpError(err: unknown, ctx: ErrorContext): HttpError {
  if (err instanceof HttpError) return err;
  if (ctx.signal?.aborted) return abortError(ctx);
  const code = errorCodeOf(err);
  const detail = redactText(err instanceof Error ? err.message : String(err));
  const where = `${ctx.method} ${redactUrl(ctx.url)}`;
  if (code !== undefined && TIMEOUT_ERROR_CODES.has(code)) {
    return new HttpError('ERR_TIMEOUT', `Timed out (${code}) during ${ctx.phase}: ${where}`, {
      cause: err,
      retryable: true,
      attempts: ctx.attempts,
    });
  }
  const retryable = classifyNetworkError(code) !== 'non-retryable';
  return new HttpError('ERR_NETWORK', `Network error${code ? ` (${code})` : ''} during ${ctx.phase}: ${where}: ${detail}`, {
    cause: err,
    retryable,
    attempts: ctx.attempts,
  });
}
