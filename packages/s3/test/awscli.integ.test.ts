import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSseCKey, sseCKeyBytes, type S3Client } from '../src/index.js';
import { s3Client, seededBytes, target, withBucket } from './helpers.js';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;
let cleanup: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  s3 = s3Client();
  ({ bucket, cleanup } = await withBucket(s3, 'cli'));
  dir = await mkdtemp(join(tmpdir(), 'rawaws-awscli-'));
});
afterAll(async () => {
  await cleanup();
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs Debian's awscli against the test server with a clean, file-less configuration. */
async function aws(...args: string[]): Promise<string> {
  const t = target();
  const { stdout } = await run(AWS, ['--endpoint-url', t.endpoint, '--no-cli-pager', '--output', 'json', ...args], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      AWS_ACCESS_KEY_ID: t.accessKeyId,
      AWS_SECRET_ACCESS_KEY: t.secretAccessKey,
      ...(t.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: t.sessionToken }),
      AWS_DEFAULT_REGION: t.region,
      AWS_CONFIG_FILE: join(dir, 'none-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    maxBuffer: 16 * MiB,
  });
  return stdout;
}

describe('cross-client with Debian awscli', () => {
  it('objects written by rawaws (plain, multipart, SSE-C) read back byte-identical by aws s3api get-object', { timeout: 60_000 }, async () => {
    const plain = seededBytes(123_457, 31);
    const multi = seededBytes(12 * MiB + 7, 32);
    const secret = seededBytes(77_777, 33);
    const key = generateSseCKey();
    await writeFile(join(dir, 'key.bin'), sseCKeyBytes(key));
    await s3.putObject({ bucket, key: 'from-rawaws/plain.bin', body: plain });
    await s3.upload({ bucket, key: 'from-rawaws/multi part.bin', body: multi, partSize: 5 * MiB });
    await s3.putObject({ bucket, key: 'from-rawaws/secret.bin', body: secret, sseC: key });

    await aws('s3api', 'get-object', '--bucket', bucket, '--key', 'from-rawaws/plain.bin', join(dir, 'p.out'));
    await aws('s3api', 'get-object', '--bucket', bucket, '--key', 'from-rawaws/multi part.bin', join(dir, 'm.out'));
    await aws('s3api', 'get-object', '--bucket', bucket, '--key', 'from-rawaws/secret.bin',
      '--sse-customer-algorithm', 'AES256', '--sse-customer-key', `fileb://${join(dir, 'key.bin')}`, join(dir, 's.out'));
    expect(Buffer.compare(await readFile(join(dir, 'p.out')), plain)).toBe(0);
    expect(Buffer.compare(await readFile(join(dir, 'm.out')), multi)).toBe(0);
    expect(Buffer.compare(await readFile(join(dir, 's.out')), secret)).toBe(0);
  });

  it('objects written by awscli (plain, multipart via aws s3 cp, SSE-C) read back byte-identical by rawaws', { timeout: 60_000 }, async () => {
    const plain = seededBytes(98_765, 41);
    const multi = seededBytes(10 * MiB + 3, 42);
    const secret = seededBytes(55_555, 43);
    const key = generateSseCKey();
    await writeFile(join(dir, 'key2.bin'), sseCKeyBytes(key));
    await writeFile(join(dir, 'plain.in'), plain);
    await writeFile(join(dir, 'multi.in'), multi);
    await writeFile(join(dir, 'secret.in'), secret);
    await aws('s3api', 'put-object', '--bucket', bucket, '--key', 'from-cli/plain ü.bin', '--body', join(dir, 'plain.in'));
    // aws s3 cp switches to multipart above 8 MiB
    await aws('s3', 'cp', join(dir, 'multi.in'), `s3://${bucket}/from-cli/multi.bin`);
    await aws('s3api', 'put-object', '--bucket', bucket, '--key', 'from-cli/secret.bin', '--body', join(dir, 'secret.in'),
      '--sse-customer-algorithm', 'AES256', '--sse-customer-key', `fileb://${join(dir, 'key2.bin')}`);

    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'from-cli/plain ü.bin' })).bytes(), plain)).toBe(0);
    const m = await s3.getObject({ bucket, key: 'from-cli/multi.bin' });
    expect(m.etag).toMatch(/-\d+"$/); // really multipart
    expect(Buffer.compare(await m.bytes(), multi)).toBe(0);
    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'from-cli/secret.bin', sseC: key })).bytes(), secret)).toBe(0);
  });
});
