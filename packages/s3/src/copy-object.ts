import { encodeKey, uriEncode } from './encode-key.js';
import { S3Error } from './errors.js';
import { validateBucketName } from './bucket-name.js';
import { validateObjectKey } from './object-key.js';
import { parseResponseXml, type S3Context } from './s3-context.js';
import { sseCCopySourceHeaders, type SseCKey } from './sse-c.js';
import { writeHeaders, type ObjectWriteOptions } from './write-headers.js';
import { childDate, childText, root } from './xml-tree.js';

/** Input of `copyObject` (server-side copy, up to 5 GiB). */
export interface CopyObjectInput extends ObjectWriteOptions {
  readonly source: { readonly bucket: string; readonly key: string; readonly versionId?: string | undefined };
  readonly bucket: string;
  readonly key: string;
  /** `COPY` keeps the source's metadata, `REPLACE` uses the given one. @default 'REPLACE' when metadata/contentType is given, else 'COPY' */
  readonly metadataDirective?: 'COPY' | 'REPLACE' | undefined;
  /** `COPY` or `REPLACE` the tags. */
  readonly taggingDirective?: 'COPY' | 'REPLACE' | undefined;
  /** The SSE-C key of the source object. */
  readonly sourceSseC?: SseCKey | undefined;
  readonly sourceIfMatch?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The `x-amz-copy-source` value: `/bucket/key` percent-encoded, plus `?versionId=`. */
export function copySourceHeader(source: CopyObjectInput['source']): string {
  validateBucketName(source.bucket);
  validateObjectKey(source.key);
  const v = source.versionId === undefined ? '' : `?versionId=${uriEncode(source.versionId)}`;
  return `/${source.bucket}/${encodeKey(source.key)}${v}`;
}

/** Server-side copy. A copy that fails after S3 answered 200 (error in the body) throws too. */
export async function copyObject(ctx: S3Context, input: CopyObjectInput): Promise<{ etag: string | undefined; lastModified: Date | undefined; versionId: string | undefined }> {
  const headers = writeHeaders({ ...input, checksumAlgorithm: undefined });
  headers['x-amz-copy-source'] = copySourceHeader(input.source);
  const replace = input.metadata !== undefined || input.contentType !== undefined;
  headers['x-amz-metadata-directive'] = input.metadataDirective ?? (replace ? 'REPLACE' : 'COPY');
  if (input.taggingDirective !== undefined) headers['x-amz-tagging-directive'] = input.taggingDirective;
  else if (input.tags !== undefined) headers['x-amz-tagging-directive'] = 'REPLACE';
  if (input.sourceSseC !== undefined) Object.assign(headers, sseCCopySourceHeaders(input.sourceSseC));
  if (input.sourceIfMatch !== undefined) headers['x-amz-copy-source-if-match'] = input.sourceIfMatch;
  if (input.checksumAlgorithm !== undefined) headers['x-amz-checksum-algorithm'] = input.checksumAlgorithm;
  const res = await ctx.send({
    operation: 'CopyObject',
    method: 'PUT',
    bucket: input.bucket,
    key: input.key,
    headers,
    sseC: input.sseC !== undefined || input.sourceSseC !== undefined,
    signal: input.signal,
  });
  const text = await res.text();
  const r = root(parseResponseXml(text, 'CopyObject'), 'CopyObjectResult', 'CopyObject');
  const raw = childText(r, 'ETag');
  // AWS quotes the ETag here as in headers; RGW 16 does not. Return the header form either way.
  const etag = raw === undefined || raw.startsWith('"') ? raw : `"${raw}"`;
  if (etag === undefined) throw new S3Error('S3_BAD_RESPONSE', 'CopyObject: the response has no ETag.', { value: input.key });
  return { etag, lastModified: childDate(r, 'LastModified'), versionId: res.headers['x-amz-version-id'] };
}
