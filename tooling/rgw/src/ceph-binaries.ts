import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { RgwError } from './errors.js';
import { runCommand } from './run-command.js';

/** The Debian packages that bring every program the launcher runs (Ceph 16.2 on bookworm). */
export const CEPH_PACKAGES = ['radosgw', 'ceph-mon', 'ceph-osd'] as const;

/** Programs the launcher runs; `ceph` is a Python script, the rest are native. */
export const CEPH_PROGRAMS = ['monmaptool', 'ceph-mon', 'ceph-osd', 'ceph', 'radosgw', 'radosgw-admin'] as const;

/** Where the Ceph programs come from and how to run them. */
export interface CephBinaries {
  /** `system` (on PATH) or the root of unpacked .debs (`CEPH_PREFIX`). */
  source: 'system' | 'prefix';
  prefix: string | undefined;
  /** The environment to run every Ceph program with (PATH, LD_LIBRARY_PATH, PYTHONPATH for a prefix). */
  env: NodeJS.ProcessEnv;
  /** `[global]` lines that point plugin directories into the prefix. */
  extraGlobal: string[];
}

/** Options of {@link ensureCephBinaries}. */
export interface EnsureCephBinariesOptions {
  /** Root of unpacked .debs to use. @default process.env.CEPH_PREFIX */
  prefix?: string | undefined;
  /** Cache for downloaded .debs and their unpacked tree. @default $XDG_CACHE_HOME/rawaws/ceph or ~/.cache/rawaws/ceph */
  cacheDir?: string | undefined;
  /** Install or unpack when missing. @default true unless RAWAWS_RGW_NO_INSTALL=1 */
  install?: boolean | undefined;
  /** Progress lines (installs take ~30 s). @default no output */
  log?: ((line: string) => void) | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

const HOW_TO = `Install them as root with
  apt-get update && apt-get install -y --no-install-recommends ${CEPH_PACKAGES.join(' ')}
or, without root, unpack the .debs and point CEPH_PREFIX at them:
  PKGS=$(apt-get install -s --no-install-recommends ${CEPH_PACKAGES.join(' ')} | awk '/^Inst /{print $2}')
  mkdir -p ~/.cache/rawaws/ceph/debs && cd ~/.cache/rawaws/ceph/debs && apt-get download $PKGS
  for d in *.deb; do dpkg-deb -x "$d" ~/.cache/rawaws/ceph/root; done`;

function onPath(program: string, pathVar: string | undefined): boolean {
  return (pathVar ?? '').split(delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether every program the launcher needs is on `PATH`. */
export function cephOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
  return CEPH_PROGRAMS.every((p) => onPath(p, env.PATH));
}

/** The environment and config lines that run Ceph from an unpacked tree (see rgw.md, "Without root"). */
export function prefixBinaries(prefix: string, env: NodeJS.ProcessEnv = process.env): CephBinaries {
  const lib = join(prefix, 'usr/lib/x86_64-linux-gnu');
  const join2 = (first: string, rest: string | undefined): string => (rest ? `${first}${delimiter}${rest}` : first);
  return {
    source: 'prefix',
    prefix,
    env: {
      ...env,
      PATH: join2(join(prefix, 'usr/bin'), env.PATH),
      LD_LIBRARY_PATH: join2(`${lib}${delimiter}${join(lib, 'ceph')}`, env.LD_LIBRARY_PATH),
      PYTHONPATH: join2(join(prefix, 'usr/lib/python3/dist-packages'), env.PYTHONPATH),
    },
    extraGlobal: [
      `plugin dir = ${join(lib, 'ceph')}`,
      `erasure code dir = ${join(lib, 'ceph/erasure-code')}`,
      `osd class dir = ${join(lib, 'rados-classes')}`,
    ],
  };
}

const hasPrefix = (prefix: string): boolean => existsSync(join(prefix, 'usr/bin/radosgw'));

/**
 * Finds the Ceph programs, installing them when they are missing: `CEPH_PREFIX` if set, else the system's, else a
 * previously unpacked cache; else as root `apt-get install`, as non-root `apt-get download` + `dpkg-deb -x` into
 * the cache. Fails with `RGW_BINARIES_MISSING` and the exact commands to run when none of that works.
 */
export async function ensureCephBinaries(opts: EnsureCephBinariesOptions = {}): Promise<CephBinaries> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => {});
  const explicit = opts.prefix ?? env.CEPH_PREFIX;
  if (explicit !== undefined && explicit !== '') {
    if (!hasPrefix(explicit)) {
      throw new RgwError('RGW_BINARIES_MISSING', `CEPH_PREFIX=${explicit} holds no usr/bin/radosgw.\n${HOW_TO}`);
    }
    return prefixBinaries(explicit, env);
  }
  if (cephOnPath(env)) return { source: 'system', prefix: undefined, env, extraGlobal: [] };
  const cacheDir = opts.cacheDir ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rawaws', 'ceph');
  const cached = join(cacheDir, 'root');
  if (hasPrefix(cached)) return prefixBinaries(cached, env);

  const install = opts.install ?? env.RAWAWS_RGW_NO_INSTALL !== '1';
  if (!install) throw new RgwError('RGW_BINARIES_MISSING', `Ceph programs are missing and installing is off.\n${HOW_TO}`);
  const errors: unknown[] = [];
  if (process.getuid?.() === 0) {
    try {
      await aptInstall(env, log);
      if (cephOnPath(env)) return { source: 'system', prefix: undefined, env, extraGlobal: [] };
    } catch (e) {
      errors.push(e);
    }
  }
  try {
    await unpackDebs(cacheDir, env, log);
    return prefixBinaries(cached, env);
  } catch (e) {
    errors.push(e);
  }
  const why = errors.map((e) => (e instanceof Error ? e.message : String(e))).join('\n');
  throw new RgwError('RGW_BINARIES_MISSING', `Ceph programs are missing and could not be installed:\n${why}\n${HOW_TO}`, {
    cause: errors[errors.length - 1],
  });
}

async function aptInstall(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): Promise<string> =>
    runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...CEPH_PACKAGES], {
      env: aptEnv,
      timeoutMs: 600_000,
      what: 'install the Ceph packages',
    });
  log(`installing ${CEPH_PACKAGES.join(' ')} with apt-get (about 30 s)`);
  try {
    await install();
  } catch {
    // usually an empty or stale package list on a fresh machine
    log('apt-get install failed; running apt-get update and trying again');
    await runCommand('apt-get', ['update'], { env: aptEnv, timeoutMs: 600_000, what: 'update the package lists' });
    await install();
  }
}

async function unpackDebs(cacheDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const debs = join(cacheDir, 'debs');
  mkdirSync(debs, { recursive: true });
  const plan = await runCommand('apt-get', ['install', '-s', '--no-install-recommends', ...CEPH_PACKAGES], {
    env,
    what: 'list the Ceph packages to download',
  });
  const pkgs = plan
    .split('\n')
    .filter((l) => l.startsWith('Inst '))
    .map((l) => l.split(' ')[1] ?? '')
    .filter((p) => p !== '');
  if (pkgs.length === 0) throw new Error('apt-get install -s listed no packages (are the package lists empty?)');
  log(`downloading ${pkgs.length} .debs into ${debs}`);
  await runCommand('apt-get', ['download', ...pkgs], { env, cwd: debs, timeoutMs: 600_000, what: 'download the Ceph .debs' });
  // unpack into a fresh tree and rename it into place, so an interrupted run never leaves half a prefix
  const tmp = join(cacheDir, `root.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  for (const deb of readdirSync(debs).filter((f) => f.endsWith('.deb'))) {
    await runCommand('dpkg-deb', ['-x', join(debs, deb), tmp], { env, what: `unpack ${deb}` });
  }
  rmSync(join(cacheDir, 'root'), { recursive: true, force: true });
  renameSync(tmp, join(cacheDir, 'root'));
  log(`unpacked Ceph into ${join(cacheDir, 'root')}`);
}
