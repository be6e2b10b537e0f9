import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built demo with a clean environment (no AWS settings from the machine leak in). */
function runDemo(args: string[], opts: { interruptOn?: RegExp; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: '/nonexistent', AWS_ACCESS_KEY_ID: 'must-be-ignored', ...opts.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.interruptOn !== undefined && !interrupted && opts.interruptOn.test(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const portOpen = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const s = connect(Number(port), hostname, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/** The servers the demo printed: RGW's data dir and endpoint, the IMDS emulator's endpoint. */
function servers(stdout: string): { rgwDir: string; rgwEndpoint: string; imds: string } {
  const rgw = /Ceph RGW .* is up at (\S+) after .*its data lives in (\S+)/.exec(stdout);
  const imds = /IMDS emulator .* is up at (\S+)/.exec(stdout);
  if (rgw?.[1] === undefined || rgw[2] === undefined || imds?.[1] === undefined) throw new Error(`no server lines in:\n${stdout}`);
  return { rgwEndpoint: rgw[1], rgwDir: rgw[2], imds: imds[1] };
}

describe('pnpm demo (local RGW + IMDS emulator)', () => {
  beforeAll(() => {
    // the test runs what `pnpm demo` runs: the built dist
    execFileSync(process.execPath, [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'tsconfig.build.json'], { cwd: root });
  });

  it('runs the whole tour, verifies the bytes, cleans up and stops its servers', async () => {
    const run = await runDemo(['--size', '12']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/found credentials from imds \(the EC2 instance role/);
    expect(out).toMatch(/skipped env: /); // the bogus AWS_ACCESS_KEY_ID of the caller was not used
    expect(out).toMatch(/STS GetCallerIdentity answered HTTP 405 MethodNotAllowed/);
    expect(out).toMatch(/IAM ListRoles instead .*rawaws-test/);
    expect(out).toMatch(/lifecycle rule expire-scratch: objects under "scratch\/" expire after 1 day/);
    expect(out).toMatch(/uploaded tour\/big\.bin in 3 parts \(multipart\)/);
    expect(out).toMatch(/plain fetch\(\) uploaded \d+ bytes .*HTTP 200/);
    expect(out).toMatch(/reading it back without the key: refused \(HTTP 4\d\d\)/);
    expect(out).toMatch(/reading it back with the key through a presigned GET: identical bytes/);
    expect(out).toMatch(/tour\/big\.bin {2}12\.0 MiB/);
    expect(out).toMatch(/SHA-256 matches the upload: verified/);
    expect(out).toMatch(/deleted 2 object\(s\), aborted 0 unfinished upload\(s\), deleted bucket rawaws-demo-/);
    expect(out).toMatch(/checked: the bucket is gone, nothing left behind/);
    expect(out).toMatch(/Done: every step worked/);
    const s = servers(out);
    expect(existsSync(s.rgwDir)).toBe(false);
    expect(await portOpen(s.rgwEndpoint)).toBe(false);
    expect(await portOpen(s.imds)).toBe(false);
  });

  it('stops the servers when interrupted with Ctrl-C in the middle of the tour', async () => {
    const run = await runDemo(['--size', '64'], { interruptOn: /Multipart upload of/ });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/SIGINT: stopping after clean-up/);
    expect(run.stdout).toMatch(/Local servers stopped\./);
    expect(run.stdout).not.toMatch(/Done: every step worked/);
    const s = servers(run.stdout);
    expect(existsSync(s.rgwDir)).toBe(false);
    expect(await portOpen(s.rgwEndpoint)).toBe(false);
    expect(await portOpen(s.imds)).toBe(false);
  });

  it('refuses bad options before starting anything', async () => {
    const run = await runDemo(['--size', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Invalid --size 2: use a whole number of MiB from 6/);
    expect(run.stdout).toBe('');
    const aws = await runDemo(['--aws'], { env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' } });
    expect(aws.code).toBe(2);
    expect(aws.stderr).toMatch(/--aws runs against real AWS, but AWS_ENDPOINT_URL_S3 is set/);
  });
});
