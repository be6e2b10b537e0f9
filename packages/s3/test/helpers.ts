import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type {} from '@rawaws/rgw/global-setup';
import { createS3Client, type S3Client, type S3ClientOptions } from '../src/index.js';

/** The S3 server of this run (RGW from the global setup, or S3_ENDPOINT). */
export function target() {
  return inject('s3');
}

/** A client for the run's server, path style by default. */
export function s3Client(extra: Partial<S3ClientOptions> = {}): S3Client {
  const t = target();
  return createS3Client({
    endpoint: t.endpoint,
    region: t.region,
    credentials: { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, sessionToken: t.sessionToken },
    forcePathStyle: true,
    allowInsecureSseC: true,
    env: {},
    ...extra,
  });
}

/** A client addressing `bucket.localhost:PORT` while connecting to 127.0.0.1 (virtual-hosted style on RGW). */
export function vhostClient(extra: Partial<S3ClientOptions> = {}): S3Client {
  const u = new URL(target().endpoint);
  return s3Client({ endpoint: `http://localhost:${u.port}`, connectAddress: '127.0.0.1', forcePathStyle: false, ...extra });
}

let n = 0;
/** A unique, valid bucket name. */
export function bucketName(tag: string): string {
  return `rawaws-${tag}-${process.pid}-${Date.now().toString(36)}-${n++}`.slice(0, 63).replace(/-$/, 'x');
}

/** Deterministic pseudo-random bytes (xorshift32, seeded). */
export function seededBytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
    if (i + 1 < size) out[i + 1] = (x >>> 8) & 0xff;
    if (i + 2 < size) out[i + 2] = (x >>> 16) & 0xff;
    if (i + 3 < size) out[i + 3] = (x >>> 24) & 0xff;
  }
  return out;
}

/** Creates a bucket and returns a cleanup that empties and deletes it (aborting open uploads). */
export async function withBucket(s3: S3Client, tag: string): Promise<{ bucket: string; cleanup: () => Promise<void> }> {
  const bucket = bucketName(tag);
  await s3.createBucket({ bucket });
  return {
    bucket,
    cleanup: async () => {
      for (const u of await s3.listMultipartUploads({ bucket })) await s3.abortMultipartUpload({ bucket, key: u.key, uploadId: u.uploadId });
      const keys: string[] = [];
      for await (const o of s3.listObjects({ bucket })) keys.push(o.key);
      if (keys.length > 0) await s3.deleteObjects({ bucket, objects: keys, quiet: true });
      await s3.deleteBucket({ bucket });
    },
  };
}

/** Random-ish unique suffix. */
export const uniq = (): string => randomBytes(4).toString('hex');
