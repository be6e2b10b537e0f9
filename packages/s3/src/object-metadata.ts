import { CHECKSUM_ALGORITHMS, checksumHeaderName, type ChecksumAlgorithm } from './checksum.js';
import { userMetadataFromHeaders } from './user-metadata.js';

/** What HEAD / GET say about an object. */
export interface ObjectMetadata {
  readonly contentLength: number | undefined;
  readonly contentType: string | undefined;
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  readonly versionId: string | undefined;
  /** User metadata, names lower-case, RFC 2047 values decoded. */
  readonly metadata: Record<string, string>;
  readonly storageClass: string | undefined;
  readonly cacheControl: string | undefined;
  readonly contentDisposition: string | undefined;
  readonly contentEncoding: string | undefined;
  readonly contentLanguage: string | undefined;
  readonly contentRange: string | undefined;
  readonly expires: string | undefined;
  /** `AES256`, `aws:kms`, … */
  readonly serverSideEncryption: string | undefined;
  /** Key MD5 of the SSE-C key the object is encrypted with. */
  readonly sseCKeyMd5: string | undefined;
  /** Checksums the server returned (with `checksumMode: 'ENABLED'`), base64. */
  readonly checksums: Partial<Record<ChecksumAlgorithm, string>>;
  readonly partsCount: number | undefined;
  readonly tagCount: number | undefined;
  /** Every response header, lower-case. */
  readonly headers: Readonly<Record<string, string>>;
}

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

/** Reads {@link ObjectMetadata} from response headers (lower-case names). */
export function objectMetadata(headers: Readonly<Record<string, string>>): ObjectMetadata {
  const h = (n: string): string | undefined => headers[n];
  const lastModified = h('last-modified');
  const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
  for (const alg of CHECKSUM_ALGORITHMS) {
    const v = h(checksumHeaderName(alg));
    if (v !== undefined) checksums[alg] = v;
  }
  return {
    contentLength: num(h('content-length')),
    contentType: h('content-type'),
    etag: h('etag'),
    lastModified: lastModified === undefined ? undefined : new Date(lastModified),
    versionId: h('x-amz-version-id'),
    metadata: userMetadataFromHeaders(headers),
    storageClass: h('x-amz-storage-class'),
    cacheControl: h('cache-control'),
    contentDisposition: h('content-disposition'),
    contentEncoding: h('content-encoding'),
    contentLanguage: h('content-language'),
    contentRange: h('content-range'),
    expires: h('expires'),
    serverSideEncryption: h('x-amz-server-side-encryption'),
    sseCKeyMd5: h('x-amz-server-side-encryption-customer-key-md5'),
    checksums,
    partsCount: num(h('x-amz-mp-parts-count')),
    tagCount: num(h('x-amz-tagging-count')),
    headers,
  };
}
