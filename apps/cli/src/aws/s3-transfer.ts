import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Context } from './s3-context.js';
import type { S3Uri } from './s3-uri.js';
import { startProgressBar } from './progress-bar.js';
import { transferSummary } from './format-bytes.js';

/** Uploads a local file (one PUT when small, parallel multipart when large) with a progress bar. Returns its size. */
export async function uploadFile(ctx: S3Context, path: string, to: S3Uri): Promise<number> {
  const { size } = await stat(path);
  const bar = startProgressBar(`upload ${to.key}`, size, ctx.progress);
  const t0 = Date.now();
  try {
    await ctx.s3.upload({
      bucket: to.bucket,
      key: to.key,
      body: { path },
      contentType: ctx.values['content-type'],
      sseC: ctx.sseC,
      onProgress: (p) => bar.update(p.loaded),
    });
  } finally {
    bar.stop();
  }
  ctx.io.write(`upload: ${path} to s3://${to.bucket}/${to.key}  ${transferSummary(size, Date.now() - t0)}\n`);
  return size;
}

/** Downloads an object into `path` (written to `path.part` first, renamed when complete). Returns its size. */
export async function downloadObject(ctx: S3Context, from: S3Uri, path: string): Promise<number> {
  const t0 = Date.now();
  const obj = await ctx.s3.getObject({ bucket: from.bucket, key: from.key, sseC: ctx.sseC });
  const bar = startProgressBar(`download ${from.key}`, obj.contentLength, ctx.progress);
  let done = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      bar.update(done);
      cb(null, chunk);
    },
  });
  await mkdir(dirname(path), { recursive: true });
  const part = `${path}.rawaws-part`;
  try {
    await pipeline(Readable.from(obj.body), count, createWriteStream(part));
    await rename(part, path);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  } finally {
    bar.stop();
  }
  ctx.io.write(`download: s3://${from.bucket}/${from.key} to ${path}  ${transferSummary(done, Date.now() - t0)}\n`);
  return done;
}

/** Server-side copy (CopyObject), keeping the source's metadata; SSE-C uses the same key on both sides. */
export async function copyObject(ctx: S3Context, from: S3Uri, to: S3Uri): Promise<void> {
  await ctx.s3.copyObject({ source: from, bucket: to.bucket, key: to.key, sseC: ctx.sseC, sourceSseC: ctx.sseC });
  ctx.io.write(`copy: s3://${from.bucket}/${from.key} to s3://${to.bucket}/${to.key}\n`);
}
