import type { AwsCredentials } from './aws-credentials.js';
import type { Provider } from './provider.js';

/** Options of {@link memoize}. */
export interface MemoizeOptions {
  /**
   * Refresh when the credentials expire within this many milliseconds.
   * @default 300000 (5 minutes, as the SDKs)
   */
  expiresWithinMs?: number | undefined;
  /**
   * Also refresh from an unref'd timer when the refresh window opens, so callers rarely wait.
   * @default false
   */
  backgroundRefresh?: boolean | undefined;
  /** Clock. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * Caches a provider's credentials and refreshes them ahead of expiry. Concurrent callers share one in-flight
 * fetch (1000 callers during a refresh cause exactly one call of `provider`). Credentials without an expiry are
 * kept forever. If a refresh inside the window fails while the cached credentials are still valid, callers get
 * the cached ones and the next call tries again; once expired, the error reaches the caller.
 *
 * @example
 * const provider = memoize(fromImds(), { backgroundRefresh: true });
 */
export function memoize(provider: Provider<AwsCredentials>, opts: MemoizeOptions = {}): Provider<AwsCredentials> {
  const windowMs = opts.expiresWithinMs ?? 300_000;
  const now = opts.now ?? Date.now;
  let current: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const fresh = (c: AwsCredentials): boolean => c.expiration === undefined || c.expiration.getTime() - now() > windowMs;
  const valid = (c: AwsCredentials): boolean => c.expiration === undefined || c.expiration.getTime() > now();

  const schedule = (c: AwsCredentials): void => {
    if (!opts.backgroundRefresh || c.expiration === undefined) return;
    if (timer !== undefined) clearTimeout(timer);
    // At least 1 s apart, so a source that keeps returning short-lived credentials cannot spin.
    const delay = Math.max(1000, c.expiration.getTime() - windowMs - now());
    timer = setTimeout(() => {
      timer = undefined;
      refresh().catch(() => undefined);
    }, delay);
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
    if (current !== undefined && fresh(current)) return current;
    const stale = current;
    try {
      return await refresh();
    } catch (e) {
      if (stale !== undefined && valid(stale)) return stale;
      throw e;
    }
  };
}
