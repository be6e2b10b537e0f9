/** Sleep function shape used by the transport; injectable for tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Resolve after `ms`, or reject with `signal.reason` as soon as `signal` aborts (ky's `delay`, undici's
 * cancellable timer). The timer is cleared on abort so nothing keeps the event loop alive.
 */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
