import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';
import { RgwError } from './errors.js';

/** One daemon line of the `pids` file: `<pid> <program name>`, the same format the shell scripts in rgw.md use. */
export interface DaemonRecord {
  pid: number;
  name: string;
}

/** A started daemon: its pid and, once it has exited, how. */
export interface Daemon extends DaemonRecord {
  /** Set when the process has exited (code or signal). */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  logFile: string;
}

/**
 * Starts a long-running program in its own process group with stdout/stderr in `logFile`, records it in
 * `pidsFile`, and lets the parent exit without waiting for it (the exit hooks stop it instead).
 */
export function spawnDaemon(
  name: string,
  file: string,
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; logFile: string; pidsFile: string },
): Daemon {
  const fd = openSync(opts.logFile, 'a');
  try {
    const child = spawn(file, args, { env: opts.env, detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) {
      throw new RgwError('RGW_START_FAILED', `Could not start ${file}; see ${opts.logFile}`);
    }
    const daemon: Daemon = { pid: child.pid, name, exit: undefined, logFile: opts.logFile };
    child.on('exit', (code, signal) => {
      daemon.exit = { code, signal };
    });
    child.on('error', () => {
      daemon.exit ??= { code: null, signal: null };
    });
    child.unref();
    appendFileSync(opts.pidsFile, `${child.pid} ${name}\n`);
    return daemon;
  } finally {
    closeSync(fd);
  }
}

/** Reads a `pids` file; a missing file means no daemons. */
export function readPids(pidsFile: string): DaemonRecord[] {
  let text: string;
  try {
    text = readFileSync(pidsFile, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string] => parts.length === 2 && /^\d+$/.test(parts[0] ?? ''))
    .map(([pid, name]) => ({ pid: Number(pid), name }));
}

/**
 * True while `pid` is a live (not zombie) process whose name is `name`. Checking the name keeps a recycled
 * pid from being mistaken for our daemon, so a late `stop` never signals a stranger.
 */
export function isOurDaemon(record: DaemonRecord): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${record.pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // /proc/<pid>/stat: "<pid> (<comm>) <state> ..."; comm is cut to 15 bytes by the kernel
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(open + 1, close);
  const state = stat.slice(close + 2, close + 3);
  return state !== 'Z' && state !== 'X' && comm === record.name.slice(0, 15);
}

/** Sends `signal` to a recorded daemon if it is still ours; returns whether a signal was sent. */
export function signalDaemon(record: DaemonRecord, signal: NodeJS.Signals): boolean {
  if (!isOurDaemon(record)) return false;
  try {
    process.kill(record.pid, signal);
    return true;
  } catch {
    return false;
  }
}
