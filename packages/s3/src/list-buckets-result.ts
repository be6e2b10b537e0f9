import { child, childDate, childText, children, root, type XmlNode } from './xml-tree.js';

/** One bucket of ListBuckets. */
export interface BucketInfo {
  readonly name: string;
  readonly creationDate: Date | undefined;
  readonly region: string | undefined;
}

/** Reads a ListBuckets (`ListAllMyBucketsResult`) document. */
export function listBucketsResult(doc: XmlNode): { buckets: BucketInfo[]; continuationToken: string | undefined } {
  const r = root(doc, 'ListAllMyBucketsResult', 'ListBuckets');
  return {
    buckets: children(child(r, 'Buckets'), 'Bucket').map((b) => ({
      name: childText(b, 'Name') ?? '',
      creationDate: childDate(b, 'CreationDate'),
      region: childText(b, 'BucketRegion'),
    })),
    continuationToken: childText(r, 'ContinuationToken'),
  };
}
