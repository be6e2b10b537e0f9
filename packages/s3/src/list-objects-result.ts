import { child, childBool, childDate, childNumber, childText, children, root, type XmlNode } from './xml-tree.js';

/** One object of a listing. */
export interface S3Object {
  readonly key: string;
  readonly size: number;
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  readonly storageClass: string | undefined;
  readonly checksumAlgorithm: string | undefined;
  readonly owner?: { readonly id: string | undefined; readonly displayName: string | undefined } | undefined;
}

/** One page of ListObjectsV2. */
export interface ListObjectsV2Page {
  readonly objects: S3Object[];
  /** Common prefixes ("folders") when a delimiter was given. */
  readonly prefixes: string[];
  readonly isTruncated: boolean;
  readonly nextContinuationToken: string | undefined;
  readonly keyCount: number | undefined;
}

/** Decodes a value S3 sent with `encoding-type=url` (form encoding: `+` is a space). */
export function decodeUrlEncoded(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/**
 * Reads a ListObjectsV2 (`ListBucketResult`) document. When the request asked for `encoding-type=url`, keys and
 * prefixes are decoded here, so control characters and any unicode survive XML.
 */
export function listObjectsV2Result(doc: XmlNode): ListObjectsV2Page {
  const r = root(doc, 'ListBucketResult', 'ListObjectsV2');
  const decode = childText(r, 'EncodingType') === 'url' ? decodeUrlEncoded : (s: string) => s;
  const objects = children(r, 'Contents').map((c): S3Object => {
    const owner = child(c, 'Owner');
    return {
      key: decode(childText(c, 'Key') ?? ''),
      size: childNumber(c, 'Size') ?? 0,
      etag: childText(c, 'ETag'),
      lastModified: childDate(c, 'LastModified'),
      storageClass: childText(c, 'StorageClass'),
      checksumAlgorithm: childText(c, 'ChecksumAlgorithm'),
      ...(owner === undefined ? {} : { owner: { id: childText(owner, 'ID'), displayName: childText(owner, 'DisplayName') } }),
    };
  });
  return {
    objects,
    prefixes: children(r, 'CommonPrefixes').map((p) => decode(childText(p, 'Prefix') ?? '')),
    isTruncated: childBool(r, 'IsTruncated'),
    nextContinuationToken: childText(r, 'NextContinuationToken'),
    keyCount: childNumber(r, 'KeyCount'),
  };
}
