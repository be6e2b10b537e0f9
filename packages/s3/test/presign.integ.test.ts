import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client, isS3Error, type S3Client } from '../src/index.js';
import { s3Client, target, vhostClient, withBucket } from './helpers.js';

let s3: S3Client;
let bucket: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  s3 = s3Client();
  ({ bucket, cleanup } = await withBucket(s3, 'presign'));
});
afterAll(async () => {
  await cleanup();
  await s3.close();
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isS3Error(e) ? e.code : String(e);
  }
  return undefined;
}

describe('presigned URLs', () => {
  it('PUT then GET with plain fetch', async () => {
    const put = await s3.presignPutObject({ bucket, key: 'pre signed/ä+b.txt', contentType: 'text/plain' });
    expect(put.url).toContain('X-Amz-Expires=900');
    const r1 = await fetch(put.url, { method: 'PUT', headers: put.headers, body: 'via fetch' });
    expect(r1.status).toBe(200);
    const get = await s3.presignGetObject({ bucket, key: 'pre signed/ä+b.txt', expiresIn: 60, responseContentDisposition: 'attachment; filename="x.txt"' });
    const r2 = await fetch(get.url);
    expect(r2.status).toBe(200);
    expect(r2.headers.get('content-disposition')).toBe('attachment; filename="x.txt"');
    expect(await r2.text()).toBe('via fetch');
    const tampered = await fetch(get.url.replace('X-Amz-Expires=60', 'X-Amz-Expires=61'));
    expect(tampered.status).toBe(403);
  });

  it('an expired URL is refused by the server', async () => {
    await s3.putObject({ bucket, key: 'old', body: 'x' });
    const get = await s3.presignGetObject({ bucket, key: 'old', expiresIn: 1, date: new Date(Date.now() - 60_000) });
    expect((await fetch(get.url)).status).toBe(403);
  });

  it('virtual-hosted presigned GET (bucket.localhost) with a connect override', async () => {
    const vh = vhostClient();
    try {
      await vh.putObject({ bucket, key: 'vh.txt', body: 'virtual host' });
      const get = await vh.presignGetObject({ bucket, key: 'vh.txt' });
      expect(new URL(get.url).hostname).toBe(`${bucket}.localhost`);
      const { request, Agent } = await import('undici');
      const agent = new Agent({ connect: { lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) } });
      const res = await request(get.url, { dispatcher: agent });
      expect(await res.body.text()).toBe('virtual host');
      await agent.close();
    } finally {
      await vh.close();
    }
  });

  it('expiry: default 900 s, max 7 days, never past the credentials (typed errors, no request)', async () => {
    expect(await codeOf(s3.presignGetObject({ bucket, key: 'k', expiresIn: 604_801 }))).toBe('S3_INVALID_EXPIRY');
    expect(await codeOf(s3.presignGetObject({ bucket, key: 'k', expiresIn: 0 }))).toBe('S3_INVALID_EXPIRY');
    const week = await s3.presignGetObject({ bucket, key: 'k', expiresIn: 604_800 });
    expect(week.url).toContain('X-Amz-Expires=604800');
    const t = target();
    const shortLived = createS3Client({
      endpoint: t.endpoint, region: t.region, forcePathStyle: true, env: {},
      credentials: { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, expiration: new Date(Date.now() + 600_000) },
    });
    try {
      expect(await codeOf(shortLived.presignGetObject({ bucket, key: 'k', expiresIn: 900 }))).toBe('S3_INVALID_EXPIRY');
      expect(await codeOf(shortLived.presignGetObject({ bucket, key: 'k', expiresIn: 300 }))).toBeUndefined();
    } finally {
      await shortLived.close();
    }
  });
});

describe('presigned POST policy', () => {
  it('uploads with multipart/form-data within the conditions, and refuses outside them', async () => {
    const post = await s3.createPresignedPost({
      bucket,
      key: 'uploads/${filename}',
      fields: { 'Content-Type': 'text/plain', success_action_status: '201' },
      conditions: [['content-length-range', 1, 100]],
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
    form.append('file', new Blob(['posted body'], { type: 'text/plain' }), 'hello.txt');
    const res = await fetch(post.url, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const got = await s3.getObject({ bucket, key: 'uploads/hello.txt' });
    expect(await got.text()).toBe('posted body');
    expect(got.contentType).toBe('text/plain');

    const tooBig = new FormData();
    for (const [k, v] of Object.entries(post.fields)) tooBig.append(k, v);
    tooBig.append('file', new Blob(['x'.repeat(200)]), 'big.txt');
    const r2 = await fetch(post.url, { method: 'POST', body: tooBig });
    expect(r2.status).toBeGreaterThanOrEqual(400);
  });
});
