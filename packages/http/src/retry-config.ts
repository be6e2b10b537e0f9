import { HttpError } from './errors.js';

/** `standard` or `adaptive`, as `AWS_RETRY_MODE` / `retry_mode` name them. */
export type RetryMode = 'standard' | 'adaptive';

/** Default total attempts (first try included). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Resolve retry mode and max attempts: explicit options first, then `AWS_RETRY_MODE` / `AWS_MAX_ATTEMPTS` from
 * `env`, then the defaults (`standard`, 3). `legacy` is accepted as `standard` (this transport has no legacy mode).
 * Invalid values throw `ERR_INVALID_OPTION` naming the variable.
 *
 * @example
 * ```ts
 * resolveRetryConfig({}, { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '5' }); // { retryMode: 'adaptive', maxAttempts: 5 }
 * ```
 */
export function resolveRetryConfig(
  opts: { retryMode?: RetryMode | undefined; maxAttempts?: number | undefined },
  env: Record<string, string | undefined>,
): { retryMode: RetryMode; maxAttempts: number } {
  let retryMode: RetryMode = 'standard';
  const rawMode = opts.retryMode ?? env['AWS_RETRY_MODE']?.trim();
  if (rawMode !== undefined && rawMode !== '') {
    const m = rawMode.toLowerCase();
    if (m === 'standard' || m === 'legacy') retryMode = 'standard';
    else if (m === 'adaptive') retryMode = 'adaptive';
    else {
      const source = opts.retryMode !== undefined ? 'retryMode option' : 'AWS_RETRY_MODE';
      throw new HttpError('ERR_INVALID_OPTION', `Invalid ${source} ${JSON.stringify(rawMode)}: use "standard" or "adaptive"`);
    }
  }
  let maxAttempts = DEFAULT_MAX_ATTEMPTS;
  if (opts.maxAttempts !== undefined) {
    if (!Number.isInteger(opts.maxAttempts) || opts.maxAttempts < 1) {
      throw new HttpError('ERR_INVALID_OPTION', `Invalid maxAttempts option ${String(opts.maxAttempts)}: use an integer >= 1`);
    }
    maxAttempts = opts.maxAttempts;
  } else {
    const raw = env['AWS_MAX_ATTEMPTS']?.trim();
    if (raw !== undefined && raw !== '') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < 1) {
        throw new HttpError('ERR_INVALID_OPTION', `Invalid AWS_MAX_ATTEMPTS ${JSON.stringify(raw)}: use an integer >= 1`);
      }
      maxAttempts = n;
    }
  }
  return { retryMode, maxAttempts };
}
