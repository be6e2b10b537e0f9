import type { AwsCredentials } from './aws-credentials.js';
import type { Provider } from './provider.js';

/** Options of {@link memoize}. */
export interface MemoizeOptions {
  /**
   * Refresh window: once the credentials expire within this many milliseconds, the next call starts a refresh in
   * the background and still returns the cached credentials.
   * @default 300000 (5 minutes, the SDKs' refresh window)
   */
  expiresWithinMs?: number | undefined;
  /**
   * Stale window: once the credentials expire within this many milliseconds (or have expired), callers wait for
   * the refresh. Capped at `expiresWithinMs`.
   * @default 60000 (1 minute)
   */
  staleWithinMs?: number | undefined;
  /**
   * Also refresh from an unref'd timer when the refresh window opens, so no caller has to trigger it.
   * @default false
   */
  backgroundRefresh?: boolean | undefined;
  /** Clock. @default Date.now */
  now?: (() => number) | undefined;
}

const noop = (): void => undefined;

/**
 * Caches a provider's credentials and refreshes them ahead of expiry. All refreshes are single-flight: 1000
 * concurrent callers cause exactly one call of `provider`. Credentials without an expiry are kept forever.
 *
 * Within `expiresWithinMs` of expiry a call returns the cached credentials at once and refreshes in the
 * background; within `staleWithinMs` (or after expiry) callers wait for the refresh (the prefetch/stale split of
 * the AWS SDK for Java's cached supplier). If a refresh fails while the cached credentials are still valid,
 * callers keep getting them and a later call tries again; once expired, the error reaches the caller.
 *
 * @example
 * const provider = memoize(fromImds(), { backgroundRefresh: true });
 */
export function memoize(provider: Provider<AwsCredentials>, opts: MemoizeOptions = {}): Provider<AwsCredentials> {
  const windowMs = opts.expiresWithinMs ?? 300_000;
  const staleMs = Math.min(opts.staleWithinMs ?? 60_000, windowMs);
  const now = opts.now ?? Date.now;
  let current: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const left = (c: AwsCredentials): number => (c.expiration === undefined ? Infinity : c.expiration.getTime() - now());

  const schedule = (c: AwsCredentials): void => {
    if (!opts.backgroundRefresh || c.expiration === undefined) return;
    if (timer !== undefined) clearTimeout(timer);
    // At least 1 s apart, so a source that keeps returning short-lived credentials cannot spin.
    timer = setTimeout(() => {
      timer = undefined;
      refresh().catch(noop);
    }, Math.max(1000, left(c) - windowMs));
    timer.unref();
  };

  const refresh = (): Promise<AwsCredentials> => {
    pending ??= (async () => {
      try {
        const c = await provider();
        current = c;
        schedule(c);
        return c;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return async () => {
    const cached = current;
    if (cached !== undefined) {
      const ms = left(cached);
      if (ms > windowMs) return cached;
      if (ms > staleMs) {
        refresh().catch(noop);
        return cached;
      }
    }
    try {
      return await refresh();
    } catch (e) {
      if (cached !== undefined && left(cached) > 0) return cached;
      throw e;
    }
  };
}
