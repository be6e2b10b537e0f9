import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isOurDaemon, readPids, signalDaemon, type DaemonRecord } from './daemon.js';
import { RgwError } from './errors.js';

/** Options of {@link stopRgw}. */
export interface StopRgwOptions {
  /** Keep the working directory (logs, config) instead of deleting it. @default false */
  keepDir?: boolean;
  /** How long to wait for the daemons to disappear after SIGKILL. @default 5000 */
  timeoutMs?: number;
}

/** The daemons recorded in a cluster directory, watchdog first, then radosgw, OSD, mon (reverse start order). */
function recorded(dir: string): DaemonRecord[] {
  return [...readPids(join(dir, 'watchdog')), ...readPids(join(dir, 'pids')).reverse()];
}

/**
 * Stops the cluster whose working directory is `dir`: SIGKILL to every recorded pid that still belongs to
 * the daemon of that name (the cluster is throw-away, so there is nothing to flush), waits until they are
 * gone, then deletes `dir`. Safe to call twice and for a directory whose daemons are already dead.
 *
 * @returns the daemons that were still running and got killed.
 * @example
 * await stopRgw('/tmp/rawaws-rgw-abc123');
 */
export async function stopRgw(dir: string, opts: StopRgwOptions = {}): Promise<DaemonRecord[]> {
  const killed = killRecorded(dir);
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  while (killed.some(isOurDaemon)) {
    if (Date.now() > deadline) {
      const left = killed.filter(isOurDaemon).map((d) => `${d.name} (${d.pid})`);
      throw new RgwError('RGW_STOP_FAILED', `Still running after SIGKILL: ${left.join(', ')}; cluster dir ${dir}`);
    }
    await sleep(20);
  }
  if (opts.keepDir !== true) rmSync(dir, { recursive: true, force: true });
  return killed;
}

/**
 * Synchronous variant for `process.on('exit')` and signal handlers: SIGKILL every recorded daemon and delete
 * `dir`, without waiting (the kernel finishes the job).
 */
export function stopRgwSync(dir: string, opts: Pick<StopRgwOptions, 'keepDir'> = {}): void {
  killRecorded(dir);
  if (opts.keepDir !== true) rmSync(dir, { recursive: true, force: true });
}

function killRecorded(dir: string): DaemonRecord[] {
  const killed: DaemonRecord[] = [];
  for (const d of recorded(dir)) {
    // the watchdog is a bash loop in its own process group: take its `sleep` child with it
    if (d.name === 'bash' && isOurDaemon(d)) {
      try {
        process.kill(-d.pid, 'SIGKILL');
        killed.push(d);
      } catch {
        // already gone
      }
      continue;
    }
    if (signalDaemon(d, 'SIGKILL')) killed.push(d);
  }
  return killed;
}
