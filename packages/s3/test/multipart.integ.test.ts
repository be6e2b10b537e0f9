import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isS3Error, type S3Client, type UploadProgress, type UploadState } from '../src/index.js';
import { s3Client, seededBytes, withBucket } from './helpers.js';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  s3 = s3Client();
  ({ bucket, cleanup } = await withBucket(s3, 'mpu'));
});
afterAll(async () => {
  await cleanup();
  await s3.close();
});

/** Yields `data` in 64 KiB chunks, then throws after `failAfter` bytes if given (an injected failure). */
async function* chunks(data: Uint8Array, failAfter?: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += 64 * 1024) {
    if (failAfter !== undefined && i >= failAfter) throw new Error('injected source failure');
    yield data.subarray(i, i + 64 * 1024);
  }
}

describe('multipart upload', () => {
  it('uploads parts in parallel, reports progress, and the object reads back byte-identical', async () => {
    const data = seededBytes(17 * MiB + 123, 11);
    const events: UploadProgress[] = [];
    const out = await s3.upload({ bucket, key: 'big.bin', body: data, partSize: 5 * MiB, queueSize: 3, onProgress: (p) => events.push(p) });
    expect(out.multipart).toBe(true);
    expect(out.partCount).toBe(4);
    expect(out.etag).toMatch(/-4"$/); // from HEAD: RGW's Complete returns an empty ETag
    expect(events.at(-1)).toMatchObject({ loaded: data.length, total: data.length });
    expect(events.map((e) => e.loaded)).toEqual([...events.map((e) => e.loaded)].sort((a, b) => a - b));
    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'big.bin' })).bytes(), data)).toBe(0);
    expect((await s3.headObject({ bucket, key: 'big.bin' })).contentLength).toBe(data.length);
  });

  it('files are uploaded part by part from disk (buffers reused) and read back byte-identical', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'rawaws-mpu-'));
    try {
      const data = seededBytes(23 * MiB + 5, 13);
      await writeFile(join(dir, 'f.bin'), data);
      const out = await s3.upload({ bucket, key: 'from-file.bin', body: { path: join(dir, 'f.bin') }, partSize: 5 * MiB, queueSize: 2 });
      expect(out).toMatchObject({ multipart: true, partCount: 5 });
      expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'from-file.bin' })).bytes(), data)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('streams of unknown length go multipart; short ones become one PUT', async () => {
    const data = seededBytes(11 * MiB, 5);
    const out = await s3.upload({ bucket, key: 'stream.bin', body: Readable.from(chunks(data)), partSize: 5 * MiB });
    expect(out).toMatchObject({ multipart: true, partCount: 3 });
    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'stream.bin' })).bytes(), data)).toBe(0);
    const small = await s3.upload({ bucket, key: 'small.bin', body: chunks(seededBytes(1000, 2)) });
    expect(small).toMatchObject({ multipart: false, partCount: 1 });
    expect((await s3.headObject({ bucket, key: 'small.bin' })).contentLength).toBe(1000);
  });

  it('never holds more than queueSize x partSize of a stream', async () => {
    const data = seededBytes(26 * MiB, 9);
    let pulled = 0;
    let acked = 0;
    let peak = 0;
    // Bytes taken from the source but not yet acknowledged by S3 = what the uploader holds in memory.
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const c of chunks(data)) {
        pulled += c.length;
        peak = Math.max(peak, pulled - acked);
        yield c;
      }
    }
    const out = await s3.upload({
      bucket, key: 'budget.bin', body: counted(), partSize: 5 * MiB, queueSize: 4, maxMemory: 10 * MiB,
      onProgress: (p) => (acked = p.loaded),
    });
    expect(out.partCount).toBe(6);
    // maxMemory 10 MiB lowers queueSize to 2: two parts (one uploading, one being filled) plus one 64 KiB chunk
    expect(peak).toBeLessThanOrEqual(10 * MiB + 64 * 1024);
    expect(peak).toBeGreaterThan(5 * MiB); // and it did overlap reading with uploading
    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'budget.bin' })).bytes(), data)).toBe(0);
  });

  it('a failing source aborts the upload: nothing is left open and no object appears', async () => {
    const data = seededBytes(16 * MiB, 4);
    let e: unknown;
    try {
      await s3.upload({ bucket, key: 'fails.bin', body: chunks(data, 11 * MiB), partSize: 5 * MiB, queueSize: 2 });
    } catch (err) {
      e = err;
    }
    expect(isS3Error(e) && e.code).toBe('S3_MULTIPART_FAILED');
    expect((e as Error).message).toMatch(/injected source failure.*aborted/);
    expect(await s3.listMultipartUploads({ bucket, prefix: 'fails.bin' })).toEqual([]);
    const keys: string[] = [];
    for await (const o of s3.listObjects({ bucket, prefix: 'fails.bin' })) keys.push(o.key);
    expect(keys).toEqual([]);
  });

  it('resumes from a saved state: ListParts, done parts skipped', async () => {
    const data = seededBytes(21 * MiB, 8);
    let saved: UploadState | undefined;
    let e: unknown;
    try {
      await s3.upload({
        bucket, key: 'resume.bin', body: chunks(data, 10 * MiB), partSize: 5 * MiB, queueSize: 1, leaveOpenOnError: true,
        onState: (s) => (saved = JSON.parse(JSON.stringify(s)) as UploadState),
      });
    } catch (err) {
      e = err;
    }
    expect(isS3Error(e) && e.code).toBe('S3_MULTIPART_FAILED');
    expect(saved?.parts.map((p) => p.partNumber)).toEqual([1, 2]);
    expect((await s3.listMultipartUploads({ bucket, prefix: 'resume.bin' })).map((u) => u.uploadId)).toEqual([saved?.uploadId]);
    const uploaded: number[] = [];
    const out = await s3.upload({
      bucket, key: 'resume.bin', body: data, resume: saved, onProgress: (p) => p.partNumber !== undefined && uploaded.push(p.partNumber),
    });
    expect(uploaded.sort()).toEqual([3, 4, 5]);
    expect(out.partCount).toBe(5);
    expect(Buffer.compare(await (await s3.getObject({ bucket, key: 'resume.bin' })).bytes(), data)).toBe(0);
    expect(await s3.listMultipartUploads({ bucket, prefix: 'resume.bin' })).toEqual([]);
  });

  it('an aborted signal stops the upload and aborts it', async () => {
    const ac = new AbortController();
    const data = seededBytes(15 * MiB, 12);
    const p = s3.upload({ bucket, key: 'signal.bin', body: data, partSize: 5 * MiB, queueSize: 1, signal: ac.signal, onProgress: () => ac.abort(new Error('user cancelled')) });
    await expect(p).rejects.toMatchObject({ code: 'S3_MULTIPART_FAILED' });
    expect(await s3.listMultipartUploads({ bucket, prefix: 'signal.bin' })).toEqual([]);
  });
});
