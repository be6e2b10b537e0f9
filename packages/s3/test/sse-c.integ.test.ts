import { inspect } from 'node:util';
import { request } from 'undici';
import { isAwsServiceError } from '@rawaws/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSseCKey, isS3Error, sseCKeyBytes, type S3Client } from '../src/index.js';
import { s3Client, seededBytes, withBucket } from './helpers.js';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  s3 = s3Client();
  ({ bucket, cleanup } = await withBucket(s3, 'ssec'));
});
afterAll(async () => {
  await cleanup();
  await s3.close();
});

describe('SSE-C', () => {
  it('PUT with a key; GET without it fails, with it returns the bytes', async () => {
    const key = generateSseCKey();
    const body = seededBytes(50_000, 21);
    await s3.putObject({ bucket, key: 'secret.bin', body, sseC: key });
    const head = await s3.headObject({ bucket, key: 'secret.bin', sseC: key });
    expect(head.sseCKeyMd5).toBe(key.keyMd5);
    let e: unknown;
    try {
      await s3.getObject({ bucket, key: 'secret.bin' });
    } catch (err) {
      e = err;
    }
    expect(isAwsServiceError(e) && e.status).toBe(400);
    let serviceError: unknown;
    try {
      await s3.getObject({ bucket, key: 'no-such-object', sseC: key }); // a failing request that carried the key
    } catch (err) {
      serviceError = err;
    }
    expect(isAwsServiceError(serviceError) && serviceError.status).toBe(404);
    // the key (and its base64) never shows in messages, inspected errors or the key object itself
    const b64 = Buffer.from(sseCKeyBytes(key)).toString('base64');
    for (const text of [String(e), inspect(e, { depth: 5, showHidden: true }), inspect(serviceError, { depth: 5, showHidden: true }), inspect(key, { showHidden: true }), JSON.stringify(key)]) {
      expect(text).not.toContain(b64);
      expect(text).not.toContain(b64.slice(0, 16));
    }
    try {
      await s3.getObject({ bucket, key: 'secret.bin', sseC: generateSseCKey() });
      e = undefined;
    } catch (err) {
      e = err;
    }
    expect(isAwsServiceError(e) && e.status >= 400).toBe(true); // RGW: 400 InvalidArgument (AWS: 403)
    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'secret.bin', sseC: key })).bytes(), body)).toBe(0);
  });

  it('multipart upload with SSE-C', async () => {
    const key = generateSseCKey();
    const body = seededBytes(11 * MiB, 22);
    const out = await s3.upload({ bucket, key: 'secret-mpu.bin', body, sseC: key, partSize: 5 * MiB });
    expect(out.multipart).toBe(true);
    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'secret-mpu.bin', sseC: key })).bytes(), body)).toBe(0);
  });

  it('refuses SSE-C over plain HTTP without the loopback opt-in, before any request', async () => {
    const strict = s3Client({ allowInsecureSseC: false });
    try {
      await strict.putObject({ bucket, key: 'never.bin', body: 'x', sseC: generateSseCKey() });
      expect.unreachable();
    } catch (e) {
      expect(isS3Error(e) && e.code).toBe('S3_INSECURE_SSE_C');
    } finally {
      await strict.close();
    }
    const keys: string[] = [];
    for await (const o of s3.listObjects({ bucket, prefix: 'never' })) keys.push(o.key);
    expect(keys).toEqual([]);
  });

  it('presigned PUT with SSE-C returns the exact headers the uploader must send', async () => {
    const key = generateSseCKey();
    const p = await s3.presignPutObject({ bucket, key: 'presigned-secret.txt', sseC: key, contentType: 'text/plain' });
    expect(Object.keys(p.headers).sort()).toEqual([
      'content-type',
      'x-amz-server-side-encryption-customer-algorithm',
      'x-amz-server-side-encryption-customer-key',
      'x-amz-server-side-encryption-customer-key-md5',
    ]);
    expect(p.url).not.toContain(Buffer.from(sseCKeyBytes(key)).toString('base64').slice(0, 12));
    const put = await request(p.url, { method: 'PUT', headers: p.headers, body: 'uploaded by a browser' });
    await put.body.text();
    expect(put.statusCode).toBe(200);
    const withoutHeaders = await request(p.url, { method: 'PUT', body: 'no key headers' });
    await withoutHeaders.body.text();
    expect(withoutHeaders.statusCode).toBe(403);
    expect(await (await s3.getObject({ bucket, key: 'presigned-secret.txt', sseC: key })).text()).toBe('uploaded by a browser');
    const get = await s3.presignGetObject({ bucket, key: 'presigned-secret.txt', sseC: key });
    const res = await request(get.url, { headers: get.headers });
    expect(await res.body.text()).toBe('uploaded by a browser');
  });
});
