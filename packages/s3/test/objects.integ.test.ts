import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isAwsServiceError } from '@rawaws/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isS3Error, type S3Client } from '../src/index.js';
import { bucketName, s3Client, seededBytes, target, withBucket } from './helpers.js';

let s3: S3Client;
let bucket: string;
let cleanup: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  s3 = s3Client();
  ({ bucket, cleanup } = await withBucket(s3, 'obj'));
  dir = await mkdtemp(join(tmpdir(), 'rawaws-s3-'));
});
afterAll(async () => {
  await cleanup();
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('buckets', () => {
  it('create (with location constraint), head, list, delete', async () => {
    const name = bucketName('b');
    const constraint = target().rgw?.locationConstraint;
    await s3.createBucket({ bucket: name, ...(constraint === undefined ? {} : { region: constraint }) });
    expect(await s3.headBucket({ bucket: name })).toMatchObject({ exists: true });
    expect((await s3.listBuckets()).map((b) => b.name)).toContain(name);
    await s3.deleteBucket({ bucket: name });
    expect(await s3.headBucket({ bucket: name })).toEqual({ exists: false, region: undefined });
  });

  it('invalid bucket names fail before any request', async () => {
    const e = await errorOf(s3.createBucket({ bucket: 'Bad_Name' }));
    expect(isS3Error(e) && e.code).toBe('S3_INVALID_BUCKET_NAME');
  });
});

describe('objects', () => {
  it('PUT string / bytes / file / stream of known length and GET them back', async () => {
    const bytes = seededBytes(300_000, 7);
    const file = join(dir, 'f.bin');
    await writeFile(file, bytes);
    await s3.putObject({ bucket, key: 'str.txt', body: 'héllo wörld', contentType: 'text/plain; charset=utf-8' });
    await s3.putObject({ bucket, key: 'bytes.bin', body: bytes, contentMd5: true });
    await s3.putObject({ bucket, key: 'file.bin', body: { path: file } });
    await s3.putObject({ bucket, key: 'stream.bin', body: Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), contentLength: bytes.length });
    expect(await (await s3.getObject({ bucket, key: 'str.txt' })).text()).toBe('héllo wörld');
    for (const key of ['bytes.bin', 'file.bin', 'stream.bin']) {
      expect(Buffer.compare(await (await s3.getObject({ bucket, key })).bytes(), bytes)).toBe(0);
    }
  });

  it('signed aws-chunked streaming (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) for files and streams', async () => {
    const bytes = seededBytes(200_003, 17); // 3 full 64 KiB chunks and a partial one
    const file = join(dir, 'chunked.bin');
    await writeFile(file, bytes);
    await s3.putObject({ bucket, key: 'chunked-file.bin', body: { path: file }, payloadSigning: 'streaming' });
    await s3.putObject({ bucket, key: 'chunked-stream.bin', body: Readable.from([bytes]), contentLength: bytes.length, payloadSigning: 'streaming' });
    await s3.putObject({ bucket, key: 'chunked-empty.bin', body: Readable.from([]), contentLength: 0, payloadSigning: 'streaming' });
    for (const key of ['chunked-file.bin', 'chunked-stream.bin']) {
      expect(Buffer.compare(await (await s3.getObject({ bucket, key })).bytes(), bytes)).toBe(0);
    }
    expect((await s3.headObject({ bucket, key: 'chunked-empty.bin' })).contentLength).toBe(0);
    const t = target();
    const streaming = s3Client({ payloadSigning: 'streaming', credentials: { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey } });
    try {
      await streaming.upload({ bucket, key: 'chunked-default.bin', body: { path: file } });
      expect(Buffer.compare(await (await streaming.getObject({ bucket, key: 'chunked-default.bin' })).bytes(), bytes)).toBe(0);
    } finally {
      await streaming.close();
    }
  });

  it('stream with a wrong contentLength is refused', async () => {
    const e = await errorOf(s3.putObject({ bucket, key: 'short.bin', body: Readable.from([Buffer.alloc(10)]), contentLength: 20 }));
    expect(e).toBeDefined();
  });

  it('GET ranges, streaming, and conditional requests', async () => {
    const body = seededBytes(100_000, 3);
    const { etag } = await s3.putObject({ bucket, key: 'range.bin', body });
    const part = await s3.getObject({ bucket, key: 'range.bin', range: { start: 10, end: 19 } });
    expect(part.status).toBe(206);
    expect(part.contentRange).toBe('bytes 10-19/100000');
    expect(Buffer.from(await part.bytes())).toEqual(Buffer.from(body.subarray(10, 20)));
    const tail = await s3.getObject({ bucket, key: 'range.bin', range: { start: 99_990 } });
    expect((await tail.bytes()).length).toBe(10);
    let streamed = 0;
    for await (const c of (await s3.getObject({ bucket, key: 'range.bin' })).body) streamed += c.length;
    expect(streamed).toBe(100_000);
    const notModified = await errorOf(s3.getObject({ bucket, key: 'range.bin', ifNoneMatch: etag as string }));
    expect(isAwsServiceError(notModified) && notModified.status).toBe(304);
    const failed = await errorOf(s3.getObject({ bucket, key: 'range.bin', ifMatch: '"0000"' }));
    expect(isAwsServiceError(failed) && failed.status).toBe(412);
    const matched = await s3.getObject({ bucket, key: 'range.bin', ifMatch: etag as string });
    expect(matched.status).toBe(200);
    expect((await matched.bytes()).length).toBe(100_000);
  });

  it('HEAD returns metadata, unicode user metadata round-trips; missing keys are 404', async () => {
    await s3.putObject({
      bucket, key: 'meta.txt', body: 'x', contentType: 'text/x-test', cacheControl: 'max-age=60',
      metadata: { author: 'Zoë 🐱', plain: 'ascii value' },
    });
    const h = await s3.headObject({ bucket, key: 'meta.txt' });
    expect(h.contentLength).toBe(1);
    expect(h.contentType).toBe('text/x-test');
    expect(h.cacheControl).toBe('max-age=60');
    expect(h.metadata).toEqual({ author: 'Zoë 🐱', plain: 'ascii value' });
    const e = await errorOf(s3.headObject({ bucket, key: 'nope' }));
    expect(isAwsServiceError(e) && e.status).toBe(404);
  });

  it('DELETE, DeleteObjects in batches of 1000, ListObjectsV2 as an iterator', async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `batch/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((key) => s3.putObject({ bucket, key, body: '' })));
    }
    const listed: string[] = [];
    for await (const o of s3.listObjects({ bucket, prefix: 'batch/', pageSize: 400 })) listed.push(o.key);
    expect(listed).toEqual(keys);
    const pages = [];
    for await (const p of s3.listObjectPages({ bucket, prefix: 'batch/', pageSize: 400 })) pages.push(p.objects.length);
    expect(pages).toEqual([400, 400, 205]);
    const res = await s3.deleteObjects({ bucket, objects: keys });
    expect(res.deleted).toHaveLength(1005);
    expect(res.errors).toEqual([]);
    await s3.putObject({ bucket, key: 'del-me', body: 'x' });
    await s3.deleteObject({ bucket, key: 'del-me' });
    const after: string[] = [];
    for await (const o of s3.listObjects({ bucket, prefix: 'batch/' })) after.push(o.key);
    for await (const o of s3.listObjects({ bucket, prefix: 'del-me' })) after.push(o.key);
    expect(after).toEqual([]);
  });

  it('delimiter listing gives common prefixes', async () => {
    await Promise.all(['d/a/1', 'd/a/2', 'd/b/1', 'd/c'].map((key) => s3.putObject({ bucket, key, body: 'x' })));
    const pages = [];
    for await (const p of s3.listObjectPages({ bucket, prefix: 'd/', delimiter: '/' })) pages.push(p);
    expect(pages[0]?.prefixes).toEqual(['d/a/', 'd/b/']);
    expect(pages[0]?.objects.map((o) => o.key)).toEqual(['d/c']);
  });

  it('CopyObject keeps or replaces metadata', async () => {
    await s3.putObject({ bucket, key: 'src 1+1.txt', body: 'copy me', metadata: { a: '1' } });
    const c = await s3.copyObject({ source: { bucket, key: 'src 1+1.txt' }, bucket, key: 'dst/kept.txt' });
    expect(c.etag).toMatch(/^"/);
    expect((await s3.headObject({ bucket, key: 'dst/kept.txt' })).metadata).toEqual({ a: '1' });
    await s3.copyObject({ source: { bucket, key: 'src 1+1.txt' }, bucket, key: 'dst/replaced.txt', metadata: { b: '2' } });
    expect((await s3.headObject({ bucket, key: 'dst/replaced.txt' })).metadata).toEqual({ b: '2' });
    expect(await (await s3.getObject({ bucket, key: 'dst/replaced.txt' })).text()).toBe('copy me');
  });

  it('object tagging: on PUT, put/get/delete', async () => {
    await s3.putObject({ bucket, key: 'tagged', body: 'x', tags: { team: 'a b', env: 'dev&test' } });
    expect(await s3.getObjectTagging({ bucket, key: 'tagged' })).toEqual({ team: 'a b', env: 'dev&test' });
    await s3.putObjectTagging({ bucket, key: 'tagged', tags: { only: 'one' } });
    expect(await s3.getObjectTagging({ bucket, key: 'tagged' })).toEqual({ only: 'one' });
    await s3.deleteObjectTagging({ bucket, key: 'tagged' });
    expect(await s3.getObjectTagging({ bucket, key: 'tagged' })).toEqual({});
  });

  it('bad keys fail before any request', async () => {
    for (const key of ['', 'x'.repeat(1025)]) {
      const e = await errorOf(s3.putObject({ bucket, key, body: 'x' }));
      expect(isS3Error(e) && e.code).toBe('S3_INVALID_KEY');
    }
  });
});
