import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopRgwSync } from './stop-rgw.js';

interface Registry {
  dirs: Set<string>;
  handlers: Map<string, (...args: unknown[]) => void> | undefined;
}

// One registry per process, shared by every loaded copy of this module (vitest loads a global-setup file once
// per project), so the hooks are installed once and see every cluster.
const kRegistry = Symbol.for('rawaws.rgw.registry');
const registry: Registry = ((globalThis as Record<symbol, unknown>)[kRegistry] as Registry | undefined) ?? {
  dirs: new Set(),
  handlers: undefined,
};
(globalThis as Record<symbol, unknown>)[kRegistry] = registry;

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function stopAllSync(): void {
  for (const dir of registry.dirs) stopRgwSync(dir);
  registry.dirs.clear();
}

function install(): void {
  if (registry.handlers !== undefined) return;
  const handlers = new Map<string, (...args: unknown[]) => void>();
  handlers.set('exit', stopAllSync);
  for (const signal of SIGNALS) {
    handlers.set(signal, () => {
      stopAllSync();
      uninstall();
      // nobody else handles this signal: let it do what it would have done without us (end the process)
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  for (const [event, handler] of handlers) process.on(event, handler);
  registry.handlers = handlers;
}

function uninstall(): void {
  for (const [event, handler] of registry.handlers ?? []) process.off(event, handler);
  registry.handlers = undefined;
}

/**
 * Stops the cluster in `dir` when this process exits or gets SIGINT/SIGTERM/SIGHUP. The handlers exist only
 * while at least one cluster is tracked.
 */
export function trackCluster(dir: string): void {
  registry.dirs.add(dir);
  install();
}

/** Forgets a cluster that was stopped normally; removes the handlers with the last one. */
export function untrackCluster(dir: string): void {
  registry.dirs.delete(dir);
  if (registry.dirs.size === 0) uninstall();
}

/**
 * Covers the one case the exit hooks cannot: this process killed with SIGKILL (or crashing in native code).
 * A detached bash loop polls `parentPid` every second; once it is gone, it SIGKILLs the recorded daemons that
 * are still ours (same name check as {@link stopRgwSync}) and deletes `dir`. A normal stop kills the loop.
 */
export function startWatchdog(dir: string, parentPid: number): void {
  const script = `p=$1; d=$2
while kill -0 "$p" 2>/dev/null; do sleep 1; done
if [ -f "$d/pids" ]; then
  while read -r pid name; do
    [ "$(cut -c1-15 /proc/"$pid"/comm 2>/dev/null)" = "$(printf %s "$name" | cut -c1-15)" ] && kill -9 "$pid"
  done < "$d/pids"
fi
rm -rf "$d"`;
  const child = spawn('bash', ['-c', script, 'rawaws-rgw-watchdog', String(parentPid), dir], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  if (child.pid !== undefined) writeFileSync(join(dir, 'watchdog'), `${child.pid} bash\n`);
}
