import { isHttpError } from '@rawaws/http';
import { checksumHeaderName, computeChecksum, type ChecksumAlgorithm } from './checksum.js';
import { completeMultipartXml, type CompletedPart } from './complete-multipart-xml.js';
import { S3Error } from './errors.js';
import { listPartsResult, type UploadedPart } from './list-parts-result.js';
import { listUploadsResult, type MultipartUploadInfo } from './list-uploads-result.js';
import { headObject } from './object-operations.js';
import { parseResponseXml, type S3Context } from './s3-context.js';
import { sseCHeaders, type SseCKey } from './sse-c.js';
import { writeHeaders, type ObjectWriteOptions } from './write-headers.js';
import { childText, root } from './xml-tree.js';

/** Identifies one multipart upload. */
export interface UploadRef {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * CreateMultipartUpload: returns the upload id. The call is not idempotent: when an attempt's answer is lost (a
 * reset or truncated response after the server acted) and the transport retries, the server holds an upload that
 * nobody knows about. So after a create that needed more than one attempt, or failed on the network, uploads of
 * this key initiated since the first attempt (by the server's clock) other than ours are aborted, best effort.
 */
export async function createMultipartUpload(
  ctx: S3Context,
  input: ObjectWriteOptions & { bucket: string; key: string; signal?: AbortSignal | undefined },
): Promise<string> {
  const started = Date.now();
  let res;
  try {
    res = await ctx.send({
      operation: 'CreateMultipartUpload',
      method: 'POST',
      bucket: input.bucket,
      key: input.key,
      query: { uploads: '' },
      headers: writeHeaders(input, { forMultipart: true }),
      sseC: input.sseC !== undefined,
      signal: input.signal,
    });
  } catch (e) {
    if (isHttpError(e)) await abortLostUploads(ctx, input.bucket, input.key, started, undefined);
    throw e;
  }
  const doc = parseResponseXml(await res.text(), 'CreateMultipartUpload');
  const id = childText(root(doc, 'InitiateMultipartUploadResult', 'CreateMultipartUpload'), 'UploadId');
  if (id === undefined || id === '') throw new S3Error('S3_BAD_RESPONSE', 'CreateMultipartUpload: the response has no UploadId.', { value: input.key });
  if (res.attempts > 1) await abortLostUploads(ctx, input.bucket, input.key, started, id);
  return id;
}

/**
 * Aborts uploads of exactly `key` initiated since `startedMs` (local clock, mapped onto the server's through the
 * listing's `Date` header, with 2 s of slack for its one-second resolution), except `keep`. Never throws: a
 * failure here must not hide the create's own outcome.
 */
async function abortLostUploads(ctx: S3Context, bucket: string, key: string, startedMs: number, keep: string | undefined): Promise<void> {
  try {
    const res = await ctx.send({ operation: 'ListMultipartUploads', method: 'GET', bucket, query: { uploads: '', 'encoding-type': 'url', prefix: key } });
    const serverNow = Date.parse(res.headers['date'] ?? '');
    const since = (Number.isNaN(serverNow) ? Date.now() : serverNow) - (Date.now() - startedMs) - 2000;
    for (const u of listUploadsResult(parseResponseXml(await res.text(), 'ListMultipartUploads')).uploads) {
      if (u.key !== key || u.uploadId === keep || u.initiated === undefined || u.initiated.getTime() < since) continue;
      await abortMultipartUpload(ctx, { bucket, key, uploadId: u.uploadId }).catch(() => undefined);
    }
  } catch {
    // best effort: the caller already has the create's result or error
  }
}

/** UploadPart of in-memory bytes (signed payload). Returns the part's ETag and checksum. */
export async function uploadPart(
  ctx: S3Context,
  input: UploadRef & { partNumber: number; body: Uint8Array; sseC?: SseCKey | undefined; checksumAlgorithm?: ChecksumAlgorithm | undefined },
): Promise<CompletedPart> {
  const headers: Record<string, string> = { 'content-length': String(input.body.length) };
  if (input.sseC !== undefined) Object.assign(headers, sseCHeaders(input.sseC));
  let checksums: CompletedPart['checksums'];
  if (input.checksumAlgorithm !== undefined) {
    const v = await computeChecksum(input.checksumAlgorithm, input.body);
    headers[checksumHeaderName(input.checksumAlgorithm)] = v;
    checksums = { [input.checksumAlgorithm]: v };
  }
  const res = await ctx.send({
    operation: 'UploadPart',
    method: 'PUT',
    bucket: input.bucket,
    key: input.key,
    query: { partNumber: input.partNumber, uploadId: input.uploadId },
    headers,
    body: input.body,
    sseC: input.sseC !== undefined,
    signal: input.signal,
  });
  await res.bytes();
  const etag = res.headers['etag'];
  if (etag === undefined) throw new S3Error('S3_BAD_RESPONSE', `UploadPart ${input.partNumber}: the response has no ETag.`, { value: input.partNumber });
  return { partNumber: input.partNumber, etag, ...(checksums === undefined ? {} : { checksums }) };
}

/**
 * CompleteMultipartUpload. S3 can answer 200 and still fail (error in the body); that throws. RGW 16 returns an
 * empty `<ETag>` here (BZ 2266579): then the ETag comes from a HEAD.
 */
export async function completeMultipartUpload(
  ctx: S3Context,
  input: UploadRef & { parts: readonly CompletedPart[]; sseC?: SseCKey | undefined },
): Promise<{ etag: string | undefined; versionId: string | undefined; location: string | undefined }> {
  const body = completeMultipartXml(input.parts);
  const headers: Record<string, string> = { 'content-type': 'application/xml' };
  if (input.sseC !== undefined) Object.assign(headers, sseCHeaders(input.sseC));
  const res = await ctx.send({
    operation: 'CompleteMultipartUpload',
    method: 'POST',
    bucket: input.bucket,
    key: input.key,
    query: { uploadId: input.uploadId },
    headers,
    body,
    sseC: input.sseC !== undefined,
    signal: input.signal,
  });
  const r = root(parseResponseXml(await res.text(), 'CompleteMultipartUpload'), 'CompleteMultipartUploadResult', 'CompleteMultipartUpload');
  let etag = childText(r, 'ETag');
  if (etag === undefined || etag === '') {
    etag = (await headObject(ctx, { bucket: input.bucket, key: input.key, sseC: input.sseC, signal: input.signal })).etag;
  }
  return { etag, versionId: res.headers['x-amz-version-id'], location: childText(r, 'Location') };
}

/** AbortMultipartUpload: frees the stored parts. */
export async function abortMultipartUpload(ctx: S3Context, input: UploadRef): Promise<void> {
  const res = await ctx.send({
    operation: 'AbortMultipartUpload',
    method: 'DELETE',
    bucket: input.bucket,
    key: input.key,
    query: { uploadId: input.uploadId },
    signal: input.signal,
  });
  await res.bytes();
}

/** ListParts: every part uploaded so far (all pages). */
export async function listParts(ctx: S3Context, input: UploadRef): Promise<UploadedPart[]> {
  const parts: UploadedPart[] = [];
  let marker: number | undefined;
  for (;;) {
    const doc = await ctx.sendXml({
      operation: 'ListParts',
      method: 'GET',
      bucket: input.bucket,
      key: input.key,
      query: { uploadId: input.uploadId, 'part-number-marker': marker },
      signal: input.signal,
    });
    const page = listPartsResult(doc);
    parts.push(...page.parts);
    if (!page.isTruncated || page.nextPartNumberMarker === undefined) return parts;
    marker = page.nextPartNumberMarker;
  }
}

/** ListMultipartUploads: the open uploads of a bucket (all pages). */
export async function listMultipartUploads(
  ctx: S3Context,
  input: { bucket: string; prefix?: string | undefined; signal?: AbortSignal | undefined },
): Promise<MultipartUploadInfo[]> {
  const uploads: MultipartUploadInfo[] = [];
  let keyMarker: string | undefined;
  let idMarker: string | undefined;
  for (;;) {
    const doc = await ctx.sendXml({
      operation: 'ListMultipartUploads',
      method: 'GET',
      bucket: input.bucket,
      query: { uploads: '', 'encoding-type': 'url', prefix: input.prefix, 'key-marker': keyMarker, 'upload-id-marker': idMarker },
      signal: input.signal,
    });
    const page = listUploadsResult(doc);
    uploads.push(...page.uploads);
    if (!page.isTruncated) return uploads;
    keyMarker = page.nextKeyMarker;
    idMarker = page.nextUploadIdMarker;
  }
}
