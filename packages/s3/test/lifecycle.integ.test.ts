import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Client } from '../src/index.js';
import { s3Client, withBucket } from './helpers.js';

let s3: S3Client;
let bucket: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  s3 = s3Client();
  ({ bucket, cleanup } = await withBucket(s3, 'lc'));
});
afterAll(async () => {
  await cleanup();
  await s3.close();
});

async function keys(): Promise<string[]> {
  const out: string[] = [];
  for await (const o of s3.listObjects({ bucket })) out.push(o.key);
  return out.sort();
}

describe('bucket lifecycle', () => {
  it('put / get / delete configuration', async () => {
    expect(await s3.getBucketLifecycle({ bucket })).toEqual([]);
    await s3.putBucketLifecycle({
      bucket,
      rules: [
        { id: 'tmp', prefix: 'tmp/', expirationDays: 1 },
        { id: 'mpu', prefix: '', abortIncompleteMultipartUploadDays: 3 },
      ],
    });
    // RGW returns the rules sorted by id
    const rules = (await s3.getBucketLifecycle({ bucket })).sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
    expect(rules).toEqual([
      { id: 'mpu', enabled: true, prefix: '', abortIncompleteMultipartUploadDays: 3 },
      { id: 'tmp', enabled: true, prefix: 'tmp/', expirationDays: 1 },
    ]);
    await s3.deleteBucketLifecycle({ bucket });
    expect(await s3.getBucketLifecycle({ bucket })).toEqual([]);
  });

  // RGW runs with `rgw lc debug interval = 10`: one lifecycle "day" is 10 s.
  it('really expires objects under the rule prefix and keeps the rest', { timeout: 60_000 }, async () => {
    await s3.putBucketLifecycle({ bucket, rules: [{ id: 'tmp', prefix: 'tmp/', expirationDays: 1 }] });
    await s3.putObject({ bucket, key: 'tmp/x', body: 'expires' });
    await s3.putObject({ bucket, key: 'keep/y', body: 'stays' });
    const start = Date.now();
    while (Date.now() - start < 45_000 && (await keys()).includes('tmp/x')) await new Promise((r) => setTimeout(r, 1000));
    const took = Date.now() - start;
    expect(await keys()).toEqual(['keep/y']);
    expect(took).toBeGreaterThan(5_000); // it did not vanish at once: the rule expired it
    console.log(`[lifecycle] tmp/x expired after ${(took / 1000).toFixed(1)} s`);
  });
});
