// The launcher against real Ceph: two clusters side by side, checked with Debian's awscli and raw HTTP.
// awscli costs ~0.5 s of CPU per call, so independent calls run in parallel.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOurDaemon } from '../src/daemon.js';
import { startRgw, type RgwInstance } from '../src/start-rgw.js';
import { aws, awsOk } from './aws-cli.js';

let a: RgwInstance;
let b: RgwInstance;
const work = mkdtempSync(join(tmpdir(), 'rawaws-rgw-test-'));
const BUCKET = 'launcher-test';
const file = (name: string, content: string): string => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(async () => {
  [a, b] = await Promise.all([startRgw(), startRgw()]);
  await awsOk(a.endpoint, a, ['s3api', 'create-bucket', '--bucket', BUCKET]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

/** GET through 127.0.0.1 with any Host header (neither glibc nor Node resolves *.localhost here). */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

// each awscli call is a Python start (~0.5 s CPU); on a loaded 2-core machine a test can take several seconds
describe('startRgw', { timeout: 20_000 }, () => {
  it('runs two clusters side by side on distinct random ports and dirs', async () => {
    expect(a.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([a.port, b.port, new URL(a.stsEndpoint).port, new URL(b.stsEndpoint).port].map(Number)).size).toBe(4);
    expect(a.dir).not.toBe(b.dir);
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(new Set([...Object.values(a.pids), ...Object.values(b.pids)]).size).toBe(8);
    const [listA, listB] = (await Promise.all([
      awsOk(a.endpoint, a, ['s3api', 'list-buckets']),
      awsOk(b.endpoint, b, ['s3api', 'list-buckets']),
    ])) as { Buckets: { Name: string }[] }[];
    expect(listA?.Buckets.map((x) => x.Name)).toEqual([BUCKET]);
    expect(listB?.Buckets).toEqual([]);
  });

  it('serves signed S3 requests: put and get an object (awscli), and checks signatures', async () => {
    const content = 'hello from rawaws\n';
    const put = (await awsOk(a.endpoint, a, ['s3api', 'put-object', '--bucket', BUCKET, '--key', 'dir/hello.txt', '--body', file('hello.txt', content)])) as {
      ETag: string;
    };
    expect(put.ETag).toBe(`"${createHash('md5').update(content).digest('hex')}"`);
    const out = join(work, 'hello.out');
    const [, bad] = await Promise.all([
      awsOk(a.endpoint, a, ['s3api', 'get-object', '--bucket', BUCKET, '--key', 'dir/hello.txt', out]),
      // awscli cannot print RGW's empty <Message>; --debug shows the raw error body
      aws(a.endpoint, { accessKeyId: a.accessKeyId, secretAccessKey: 'not-the-secret-000000000' }, ['s3api', 'list-buckets', '--debug']),
    ]);
    expect(readFileSync(out, 'utf8')).toBe(content);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers virtual-hosted style requests for Host: <bucket>.localhost:<port>', async () => {
    const config = file('aws-config', '[default]\ns3 =\n  addressing_style = virtual\n');
    const [, presign] = await Promise.all([
      awsOk(a.endpoint, a, ['s3api', 'put-object', '--bucket', BUCKET, '--key', 'v.txt', '--body', file('v.txt', 'virtual host\n')]),
      aws(`http://localhost:${a.port}`, a, ['s3', 'presign', `s3://${BUCKET}/v.txt`], { AWS_CONFIG_FILE: config }),
    ]);
    const url = new URL(presign.stdout.trim());
    expect(url.host).toBe(`${BUCKET}.localhost:${a.port}`);
    expect(await get(a.port, `${url.pathname}${url.search}`, url.host)).toEqual({ status: 200, body: 'virtual host\n' });
    // without the bucket in the Host header the same path names a bucket "v.txt", which does not exist
    expect((await get(a.port, '/v.txt', `127.0.0.1:${a.port}`)).status).toBe(404);
  });

  it('accepts SSE-C over plain HTTP and refuses reads without the key', async () => {
    const sse = ['--sse-customer-algorithm', 'AES256', '--sse-customer-key', 'K'.repeat(32)];
    const put = (await awsOk(a.endpoint, a, ['s3api', 'put-object', '--bucket', BUCKET, '--key', 's', '--body', file('s.bin', 'encrypted at rest\n'), ...sse])) as {
      SSECustomerAlgorithm: string;
    };
    expect(put.SSECustomerAlgorithm).toBe('AES256');
    const out = join(work, 's.out');
    const [, noKey] = await Promise.all([
      awsOk(a.endpoint, a, ['s3api', 'get-object', '--bucket', BUCKET, '--key', 's', ...sse, out]),
      aws(a.endpoint, a, ['s3api', 'get-object', '--bucket', BUCKET, '--key', 's', join(work, 'nokey.out')]),
    ]);
    expect(readFileSync(out, 'utf8')).toBe('encrypted at rest\n');
    expect(noKey.code).not.toBe(0);
  });

  it('serves STS AssumeRole for the prepared role and the IAM role API to the main user only', async () => {
    const [roles, assumed, denied] = (await Promise.all([
      awsOk(a.endpoint, a, ['iam', 'list-roles']),
      awsOk(a.stsEndpoint, a.users.alt, ['sts', 'assume-role', '--role-arn', a.role.arn, '--role-session-name', 'launcher-test', '--duration-seconds', '900']),
      aws(a.endpoint, a.users.alt, ['iam', 'list-roles']),
    ])) as [
      { Roles: { Arn: string }[] },
      { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }; AssumedRoleUser: { Arn: string } },
      { code: number },
    ];
    expect(roles.Roles.map((r) => r.Arn)).toEqual([a.role.arn]);
    expect(assumed.AssumedRoleUser.Arn).toBe('arn:aws:sts:::assumed-role/rawaws-test/launcher-test');
    expect(denied.code).not.toBe(0);
    const session = {
      accessKeyId: assumed.Credentials.AccessKeyId,
      secretAccessKey: assumed.Credentials.SecretAccessKey,
      sessionToken: assumed.Credentials.SessionToken,
    };
    const [, tampered, onMain] = await Promise.all([
      awsOk(a.stsEndpoint, session, ['s3api', 'create-bucket', '--bucket', 'made-by-role']),
      aws(a.stsEndpoint, { ...session, sessionToken: `x${session.sessionToken}` }, ['s3api', 'list-buckets']),
      // session credentials are only accepted by the STS-enabled gateway
      aws(a.endpoint, session, ['s3api', 'list-buckets', '--debug']),
    ]);
    expect(tampered.code).not.toBe(0);
    expect(onMain.stderr).toContain('<Code>InvalidAccessKeyId</Code>');
  });

  it('stop() kills every daemon by recorded pid and removes the directory; a second stop is a no-op', async () => {
    const names: Record<string, string> = { mon: 'ceph-mon', osd: 'ceph-osd', rgw: 'radosgw', rgwSts: 'radosgw' };
    const records = [a, b].flatMap((x) => Object.entries(x.pids).map(([k, pid]) => ({ pid, name: names[k] ?? k })));
    expect(records.every(isOurDaemon)).toBe(true);
    await Promise.all([a.stop(), b.stop()]);
    expect(records.filter(isOurDaemon)).toEqual([]);
    expect(existsSync(a.dir) || existsSync(b.dir)).toBe(false);
    await a.stop();
  });
});
