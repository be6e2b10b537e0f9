import { setTimeout as sleep } from 'node:timers/promises';
import type { Daemon } from './daemon.js';
import { RgwError } from './errors.js';

/**
 * Polls `check` every `intervalMs` until it returns true. Fails with `RGW_START_FAILED` naming `what` and the
 * log to read when the time is up or when one of `watch` exits meanwhile (a dead mon never comes up).
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; watch: readonly Daemon[]; logDir: string },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const dead = opts.watch.find((d) => d.exit !== undefined);
    if (dead !== undefined) {
      throw new RgwError(
        'RGW_START_FAILED',
        `${dead.name} exited (code ${String(dead.exit?.code)}, signal ${String(dead.exit?.signal)}) while waiting for ${what}; see ${dead.logFile} and ${opts.logDir}`,
      );
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new RgwError('RGW_START_FAILED', `Timed out after ${opts.timeoutMs} ms waiting for ${what}; logs in ${opts.logDir}`);
    }
    await sleep(opts.intervalMs ?? 25);
  }
}
