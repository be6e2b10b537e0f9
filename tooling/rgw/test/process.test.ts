// No orphaned daemons: the CLI's start/stop, SIGTERM (exit hooks) and SIGKILL (watchdog) paths, and the vitest
// global setup. Uses the built CLI (dist/cli.js): `pnpm test` builds first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOurDaemon, readPids, type DaemonRecord } from '../src/daemon.js';
import setup from '../src/global-setup.js';
import type { S3TestTarget } from '../src/s3-target.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs the CLI; resolves with the first `lines` stdout lines (and the process). */
function cli(args: string[], lines: number): Promise<{ child: ChildProcess; out: string[]; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buf = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      buf += c.toString();
      const out = buf.split('\n').filter((l) => l !== '');
      if (out.length >= lines) resolve({ child, out, exited });
    });
    void exited.then((code) => reject(new Error(`cli ${args.join(' ')} exited ${String(code)} early: ${err}`)));
  });
}

const status = (url: string): Promise<number> =>
  new Promise((resolve, reject) => get(url, (res) => (res.resume(), resolve(res.statusCode ?? 0))).once('error', reject));

async function gone(records: DaemonRecord[], withinMs: number): Promise<DaemonRecord[]> {
  const deadline = Date.now() + withinMs;
  while (records.some(isOurDaemon) && Date.now() < deadline) await sleep(50);
  return records.filter(isOurDaemon);
}

// prints the env the CLI gives a command, then waits; `exec` keeps the pid, so the test can end it
const INNER = ['bash', '-c', 'echo "$S3_ENDPOINT"; echo "$RGW_DIR"; echo $$; exec sleep 60'];

describe('no orphaned daemons', { timeout: 30_000 }, () => {
  it.concurrent('CLI start leaves RGW running for other processes; CLI stop ends it', async () => {
    const { out, exited } = await cli(['start', '--json'], 1);
    expect(await exited).toBe(0);
    const info = JSON.parse(out.join('\n')) as Record<string, string>;
    const dir = info.RGW_DIR ?? '';
    expect(JSON.parse(readFileSync(join(dir, 'env.json'), 'utf8'))).toMatchObject({ S3_ENDPOINT: info.S3_ENDPOINT });
    const daemons = readPids(join(dir, 'pids'));
    expect(daemons.map((d) => d.name)).toEqual(['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw']);
    expect(await status(`${info.S3_ENDPOINT}/`)).toBe(200);
    const stop = await new Promise<number | null>((resolve) => spawn(process.execPath, [CLI, 'stop', dir], { stdio: 'ignore' }).once('exit', resolve));
    expect(stop).toBe(0);
    expect(daemons.filter(isOurDaemon)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it.concurrent('SIGTERM to the owning process stops the daemons at once (exit hooks) and reaches the command', async () => {
    const { child, out, exited } = await cli(['run', '--', ...INNER], 3);
    const [endpoint, dir, inner] = out;
    expect(await status(`${endpoint}/`)).toBe(200);
    const daemons = readPids(join(dir ?? '', 'pids'));
    expect(daemons).toHaveLength(4);
    expect(isOurDaemon({ pid: Number(inner), name: 'sleep' })).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(128 + 15);
    expect(await gone(daemons, 1000)).toEqual([]);
    expect(existsSync(dir ?? '')).toBe(false);
    expect(isOurDaemon({ pid: Number(inner), name: 'sleep' })).toBe(false);
  });

  it.concurrent('SIGKILL to the owning process: the watchdog stops the daemons within ~1 s', async () => {
    const { child, out, exited } = await cli(['run', '--', ...INNER], 3);
    const [, dir, inner] = out;
    const daemons = readPids(join(dir ?? '', 'pids'));
    expect(daemons.every(isOurDaemon)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await gone(daemons, 3000)).toEqual([]);
    process.kill(Number(inner), 'SIGKILL');
    await sleep(200);
    expect(existsSync(dir ?? '')).toBe(false);
  });
});

describe('vitest global setup', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('provides S3_ENDPOINT and friends without starting anything', async () => {
    vi.stubEnv('S3_ENDPOINT', 'http://127.0.0.1:9');
    vi.stubEnv('S3_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('S3_SECRET_ACCESS_KEY', 'secret-example');
    vi.stubEnv('S3_REGION', 'eu-central-1');
    const provided: Record<string, unknown> = {};
    const teardown = await setup({ provide: (key, value) => void (provided[key] = value) });
    expect(provided.s3).toEqual({
      source: 'env',
      endpoint: 'http://127.0.0.1:9',
      region: 'eu-central-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret-example',
      sessionToken: undefined,
    });
    await teardown();
  });

  it('starts one RGW for every project that uses it and stops it after the last teardown', async () => {
    vi.stubEnv('S3_ENDPOINT', '');
    const seen: S3TestTarget[] = [];
    const project = { provide: (_key: 's3', value: S3TestTarget) => void seen.push(value) };
    const [down1, down2] = await Promise.all([setup(project), setup(project)]);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toEqual(seen[0]);
    const target = seen[0] as S3TestTarget;
    expect(target.source).toBe('rgw');
    expect(target.rgw?.roleArn).toBe('arn:aws:iam:::role/rawaws-test');
    const daemons = readPids(join(target.rgw?.dir ?? '', 'pids'));
    expect(await status(`${target.endpoint}/`)).toBe(200);
    await down1();
    expect(await status(`${target.endpoint}/`)).toBe(200);
    await down2();
    expect(daemons.filter(isOurDaemon)).toEqual([]);
  });
});
