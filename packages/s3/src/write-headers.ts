import type { ChecksumAlgorithm } from './checksum.js';
import { serverSideEncryptionHeaders, type ServerSideEncryption } from './server-side-encryption.js';
import { sseCHeaders, type SseCKey } from './sse-c.js';
import { taggingHeader, type Tags } from './tagging-xml.js';
import { userMetadataHeaders } from './user-metadata.js';

/** Options shared by every call that creates an object (PUT, CreateMultipartUpload, CopyObject). */
export interface ObjectWriteOptions {
  readonly contentType?: string | undefined;
  readonly cacheControl?: string | undefined;
  readonly contentDisposition?: string | undefined;
  readonly contentEncoding?: string | undefined;
  readonly contentLanguage?: string | undefined;
  readonly expires?: Date | undefined;
  /** User metadata (`x-amz-meta-*`); unicode values are RFC 2047-encoded. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  /** Object tags (`x-amz-tagging`). */
  readonly tags?: Tags | undefined;
  /** `STANDARD`, `STANDARD_IA`, `GLACIER_IR`, … */
  readonly storageClass?: string | undefined;
  /** Canned ACL, e.g. `private`, `public-read`. */
  readonly acl?: string | undefined;
  /** SSE-S3 / SSE-KMS. */
  readonly sse?: ServerSideEncryption | undefined;
  /** SSE-C: encrypt with this customer key (the same key is needed to read it back). */
  readonly sseC?: SseCKey | undefined;
  /** Flexible checksum to compute and send (S3 validates and stores it). */
  readonly checksumAlgorithm?: ChecksumAlgorithm | undefined;
  /** Conditional write: `'*'` = only if the key does not exist yet. */
  readonly ifNoneMatch?: string | undefined;
  /** Conditional write: only if the current ETag matches. */
  readonly ifMatch?: string | undefined;
}

/** The request headers for {@link ObjectWriteOptions} (without the checksum value, which needs the body). */
export function writeHeaders(o: ObjectWriteOptions, opts: { forMultipart?: boolean } = {}): Record<string, string> {
  const h: Record<string, string> = {};
  if (o.contentType !== undefined) h['content-type'] = o.contentType;
  if (o.cacheControl !== undefined) h['cache-control'] = o.cacheControl;
  if (o.contentDisposition !== undefined) h['content-disposition'] = o.contentDisposition;
  if (o.contentEncoding !== undefined) h['content-encoding'] = o.contentEncoding;
  if (o.contentLanguage !== undefined) h['content-language'] = o.contentLanguage;
  if (o.expires !== undefined) h['expires'] = o.expires.toUTCString();
  if (o.metadata !== undefined) Object.assign(h, userMetadataHeaders(o.metadata));
  if (o.tags !== undefined && Object.keys(o.tags).length > 0) h['x-amz-tagging'] = taggingHeader(o.tags);
  if (o.storageClass !== undefined) h['x-amz-storage-class'] = o.storageClass;
  if (o.acl !== undefined) h['x-amz-acl'] = o.acl;
  if (o.sse !== undefined) Object.assign(h, serverSideEncryptionHeaders(o.sse));
  if (o.sseC !== undefined) Object.assign(h, sseCHeaders(o.sseC));
  if (o.ifNoneMatch !== undefined) h['if-none-match'] = o.ifNoneMatch;
  if (o.ifMatch !== undefined) h['if-match'] = o.ifMatch;
  if (opts.forMultipart === true && o.checksumAlgorithm !== undefined) h['x-amz-checksum-algorithm'] = o.checksumAlgorithm;
  if (opts.forMultipart !== true && o.checksumAlgorithm !== undefined) h['x-amz-sdk-checksum-algorithm'] = o.checksumAlgorithm;
  return h;
}
