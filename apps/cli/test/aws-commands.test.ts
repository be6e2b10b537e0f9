import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3TestTarget } from '@rawaws/rgw/global-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const target: S3TestTarget = inject('s3');
const require = createRequire(import.meta.url);
const cliDir = fileURLToPath(new URL('../', import.meta.url));
const bin = join(cliDir, 'dist/bin.js');
const work = mkdtempSync(join(tmpdir(), 'rawaws-cli-'));
const bucket = `rawaws-cli-${process.pid}-${randomBytes(2).toString('hex')}`;

/** The machine's own AWS settings never leak in: only the target's keys, no shared files. */
const env: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'],
  HOME: work,
  AWS_ACCESS_KEY_ID: target.accessKeyId,
  AWS_SECRET_ACCESS_KEY: target.secretAccessKey,
  ...(target.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: target.sessionToken }),
  AWS_REGION: target.region,
  AWS_CONFIG_FILE: join(work, 'no-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function rawaws(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
const s3 = (...args: string[]) => rawaws(['s3', ...args, '--endpoint-url', target.endpoint]);

/** Debian's AWS CLI v2 as the independent check; its own config isolated the same way. */
function aws(args: string[]): string {
  return execFileSync('/usr/bin/aws', [...args, '--endpoint-url', target.endpoint], {
    cwd: work,
    env: { ...env, AWS_PAGER: '' },
    encoding: 'utf8',
  });
}

const seeded = (n: number): Buffer => {
  const out = Buffer.alloc(n);
  let x = 0x1234567;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};

describe('rawaws s3 / request / whoami against RGW', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: cliDir });
    writeFileSync(join(work, 'big.bin'), seeded(7 * 2 ** 20 + 3)); // < 8 MiB: one PUT
    writeFileSync(join(work, 'huge.bin'), seeded(17 * 2 ** 20)); // > 8 MiB: multipart (3 parts)
    writeFileSync(join(work, 'small.txt'), 'hello from rawaws\n');
    writeFileSync(join(work, 'key.bin'), randomBytes(32));
    mkdirSync(join(work, 'tree/sub'), { recursive: true });
    writeFileSync(join(work, 'tree/a.txt'), 'a\n');
    writeFileSync(join(work, 'tree/sub/b.txt'), 'bb\n');
  }, 60_000);

  afterAll(async () => {
    await s3('rb', `s3://${bucket}`, '--force');
    rmSync(work, { recursive: true, force: true });
  });

  it('mb creates a bucket the AWS CLI sees; ls lists it', async () => {
    const mb = await s3('mb', `s3://${bucket}`);
    expect(mb).toMatchObject({ code: 0, stdout: `make_bucket: ${bucket}\n` });
    expect(aws(['s3api', 'head-bucket', '--bucket', bucket])).toBe('');
    const ls = await s3('ls');
    expect(ls.code).toBe(0);
    expect(ls.stdout).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${bucket}$`, 'm'));
  });

  it('cp uploads (single PUT and multipart) byte-identical, as read by the AWS CLI', async () => {
    const up = await s3('cp', 'huge.bin', `s3://${bucket}/data/`);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/^upload: huge\.bin to s3:\/\/.*\/data\/huge\.bin {2}17\.0 MiB in [\d.]+ s \([\d.]+ \w+\/s\)\n$/);
    const small = await s3('cp', 'small.txt', `s3://${bucket}/data/hello.txt`, '--content-type', 'text/plain');
    expect(small.code).toBe(0);
    aws(['s3', 'cp', `s3://${bucket}/data/huge.bin`, 'aws-huge.bin']);
    expect(readFileSync(join(work, 'aws-huge.bin')).equals(readFileSync(join(work, 'huge.bin')))).toBe(true);
    const head = JSON.parse(aws(['s3api', 'head-object', '--bucket', bucket, '--key', 'data/huge.bin'])) as { ETag: string; ContentType?: string };
    expect(head.ETag).toMatch(/-3"$/); // three parts of 8, 8 and 1 MiB
    expect(JSON.parse(aws(['s3api', 'head-object', '--bucket', bucket, '--key', 'data/hello.txt'])).ContentType).toBe('text/plain');
  });

  it('cp downloads what the AWS CLI uploaded; ls shows PRE folders and --recursive keys', async () => {
    aws(['s3', 'cp', 'big.bin', `s3://${bucket}/from-aws/big.bin`]);
    const dl = await s3('cp', `s3://${bucket}/from-aws/big.bin`, 'out/');
    expect(dl.code).toBe(0);
    expect(dl.stdout).toMatch(/^download: s3:\/\/.*\/from-aws\/big\.bin to out\/big\.bin {2}7\.0 MiB in /);
    expect(readFileSync(join(work, 'out/big.bin')).equals(readFileSync(join(work, 'big.bin')))).toBe(true);
    const top = await s3('ls', `s3://${bucket}`);
    expect(top.stdout.split('\n').filter((l) => l.includes('PRE')).map((l) => l.trim())).toEqual(['PRE data/', 'PRE from-aws/']);
    const deep = await s3('ls', `s3://${bucket}/data/`, '--recursive');
    expect(deep.stdout).toMatch(/ {2}17825792 data\/huge\.bin$/m);
    expect(deep.stdout).toMatch(/ 18 data\/hello\.txt$/m);
  });

  it('SSE-C: upload with a key file; the AWS CLI reads it only with the same key', async () => {
    const up = await s3('cp', 'small.txt', `s3://${bucket}/secret/s.txt`, '--sse-c-key-file', 'key.bin');
    expect(up.code).toBe(0);
    const noKey = await s3('cp', `s3://${bucket}/secret/s.txt`, 'plain.txt');
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/^rawaws s3 cp: AwsServiceError \[InvalidArgument\] \(HTTP 400/);
    aws(['s3', 'cp', `s3://${bucket}/secret/s.txt`, 'aws-secret.txt', '--sse-c', 'AES256', '--sse-c-key', 'fileb://key.bin']);
    expect(readFileSync(join(work, 'aws-secret.txt'), 'utf8')).toBe('hello from rawaws\n');
    const presigned = await s3('presign', `s3://${bucket}/secret/s.txt`, '--sse-c-key-file', 'key.bin', '--json', '--expires-in', '60');
    const p = JSON.parse(presigned.stdout) as { url: string; headers: Record<string, string> };
    const res = await fetch(p.url, { headers: p.headers });
    expect(await res.text()).toBe('hello from rawaws\n');
    expect((await fetch(p.url)).status).toBe(403); // the URL alone is not enough: the key headers are signed
  });

  it('presign prints a URL plain fetch can use; bad keys and bad options fail before any request', async () => {
    const r = await s3('presign', `s3://${bucket}/data/hello.txt`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/X-Amz-Expires=3600/);
    expect(await (await fetch(r.stdout.trim())).text()).toBe('hello from rawaws\n');
    writeFileSync(join(work, 'short.key'), 'c2hvcnQ=');
    const bad = await s3('cp', 'small.txt', `s3://${bucket}/x`, '--sse-c-key-file', 'short.key');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/must hold 32 raw bytes or their base64/);
    expect(bad.stderr).not.toMatch(/c2hvcnQ/);
    const unknown = await s3('cp', 'a', 'b', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('mv moves S3 -> S3 and local -> S3; rm deletes one key or a prefix', async () => {
    const mv = await s3('mv', `s3://${bucket}/from-aws/big.bin`, `s3://${bucket}/moved/big.bin`);
    expect(mv.stdout).toBe(`copy: s3://${bucket}/from-aws/big.bin to s3://${bucket}/moved/big.bin\ndelete: s3://${bucket}/from-aws/big.bin\n`);
    writeFileSync(join(work, 'tmp.txt'), 'temp');
    expect((await s3('mv', 'tmp.txt', `s3://${bucket}/moved/`)).code).toBe(0);
    expect(() => statSync(join(work, 'tmp.txt'))).toThrow();
    const listed = aws(['s3', 'ls', `s3://${bucket}/moved/`]);
    expect(listed).toMatch(/big\.bin/);
    expect(listed).toMatch(/tmp\.txt/);
    expect((await s3('rm', `s3://${bucket}/moved/tmp.txt`)).stdout).toBe(`delete: s3://${bucket}/moved/tmp.txt\n`);
    const rm = await s3('rm', `s3://${bucket}/moved`, '--recursive');
    expect(rm.stdout).toBe(`delete: s3://${bucket}/moved/big.bin\n`);
    expect(aws(['s3api', 'list-objects-v2', '--bucket', bucket, '--prefix', 'moved/', '--query', 'length(Contents || `[]`)']).trim()).toBe('0');
  });

  it('sync uploads new and changed files only, downloads back, and --delete removes extras', async () => {
    const first = await s3('sync', 'tree', `s3://${bucket}/tree`);
    expect(first.stderr).toBe('sync: 2 copied, 0 deleted\n');
    expect((await s3('sync', 'tree', `s3://${bucket}/tree`)).stderr).toBe('sync: 0 copied, 0 deleted\n');
    writeFileSync(join(work, 'tree/sub/b.txt'), 'changed, longer\n');
    rmSync(join(work, 'tree/a.txt'));
    const again = await s3('sync', 'tree', `s3://${bucket}/tree/`, '--delete');
    expect(again.stdout).toMatch(/upload: tree\/sub\/b\.txt to s3:\/\/.*\/tree\/sub\/b\.txt/);
    expect(again.stdout).toMatch(/delete: s3:\/\/.*\/tree\/a\.txt/);
    expect(again.stderr).toBe('sync: 1 copied, 1 deleted\n');
    const down = await s3('sync', `s3://${bucket}/tree`, 'tree-back');
    expect(down.code).toBe(0);
    expect(readFileSync(join(work, 'tree-back/sub/b.txt'), 'utf8')).toBe('changed, longer\n');
  });

  it('rb refuses a non-empty bucket with a clear typed error', async () => {
    const other = `${bucket}-rb`;
    expect((await s3('mb', `s3://${other}`)).code).toBe(0);
    expect((await s3('cp', 'small.txt', `s3://${other}/x`)).code).toBe(0);
    const refused = await s3('rb', `s3://${other}`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^rawaws s3 rb: AwsServiceError \[BucketNotEmpty\] \(HTTP 409/);
    const forced = await s3('rb', `s3://${other}`, '--force');
    expect(forced.stdout).toBe(`delete: s3://${other}/x\nremove_bucket: ${other}\n`);
    expect(() => aws(['s3api', 'head-bucket', '--bucket', other])).toThrow();
  });

  it('request signs and sends any API call (IAM Query POST, S3 GET) and prints the signing steps with -v', async () => {
    const roles = await rawaws(['request', 'POST', `${target.endpoint}/`, '--service', 'iam', '-d', 'Action=ListRoles&Version=2010-05-08']);
    expect(roles.code).toBe(0);
    expect(roles.stdout).toMatch(/<ListRolesResponse/);
    writeFileSync(join(work, 'body.txt'), 'put by rawaws request');
    const put = await rawaws(['request', 'PUT', `${target.endpoint}/${bucket}/req.txt`, '--service', 's3', '-d', '@body.txt', '-H', 'Content-Type: text/plain', '-v']);
    expect(put.code).toBe(0);
    expect(put.stderr).toMatch(/--- canonical request\nPUT\n\/[^\n]+\/req\.txt\n\ncontent-type:text\/plain\n/);
    expect(put.stderr).toMatch(/--- string to sign\nAWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}\n/);
    expect(put.stderr).toMatch(/HTTP 200/);
    expect(aws(['s3', 'cp', `s3://${bucket}/req.txt`, '-'])).toBe('put by rawaws request');
    const missing = await rawaws(['request', 'GET', `${target.endpoint}/${bucket}-nope`, '--service', 's3']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('rawaws request: HTTP 404 NoSuchBucket\n');
    const presigned = await rawaws(['request', 'GET', `${target.endpoint}/${bucket}/req.txt`, '--service', 's3', '--presign']);
    expect(await (await fetch(presigned.stdout.trim())).text()).toBe('put by rawaws request');
    const noService = await rawaws(['request', 'GET', 'http://127.0.0.1:1/']);
    expect(noService.code).toBe(2);
    expect(noService.stderr).toMatch(/Cannot tell the service from 127\.0\.0\.1: pass --service/);
  });

  it('whoami names the source, the skipped ones, and prints RGW 405 for GetCallerIdentity clearly', async () => {
    const r = await rawaws(['whoami', '--endpoint-url', target.endpoint]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^source {4}env \(access key \S+/m);
    expect(r.stdout).toMatch(/STS GetCallerIdentity failed: HTTP 405 MethodNotAllowed \(this endpoint does not implement GetCallerIdentity/);
    expect(r.stdout).not.toContain(target.secretAccessKey);
    const none = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [bin, 'whoami'], {
        env: { PATH: env['PATH'], HOME: work, AWS_CONFIG_FILE: join(work, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'), AWS_EC2_METADATA_DISABLED: 'true' },
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/^skipped {3}env: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set$/m);
    expect(none.stdout).toMatch(/^skipped {3}imds: /m);
    expect(none.stdout).toMatch(/^no credentials: CredentialsError \[CREDENTIALS_NOT_FOUND\]/m);
  });

  it('every new command has help text', async () => {
    for (const cmd of ['request', 's3', 'whoami']) {
      const r = await rawaws([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: rawaws ${cmd}`));
    }
    const top = await rawaws(['--help']);
    expect(top.stdout).toMatch(/^ {2}request /m);
    expect(top.stdout).toMatch(/^ {2}s3 /m);
    expect(top.stdout).toMatch(/^ {2}whoami /m);
  });
});
