import { childBool, childDate, childNumber, childText, children, root, type XmlNode } from './xml-tree.js';

/** One part already uploaded. */
export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly lastModified: Date | undefined;
}

/** One page of ListParts. */
export interface ListPartsPage {
  readonly parts: UploadedPart[];
  readonly isTruncated: boolean;
  readonly nextPartNumberMarker: number | undefined;
}

/** Reads a ListParts (`ListPartsResult`) document. */
export function listPartsResult(doc: XmlNode): ListPartsPage {
  const r = root(doc, 'ListPartsResult', 'ListParts');
  return {
    parts: children(r, 'Part').map((p) => ({
      partNumber: childNumber(p, 'PartNumber') ?? 0,
      etag: childText(p, 'ETag') ?? '',
      size: childNumber(p, 'Size') ?? 0,
      lastModified: childDate(p, 'LastModified'),
    })),
    isTruncated: childBool(r, 'IsTruncated'),
    nextPartNumberMarker: childNumber(r, 'NextPartNumberMarker'),
  };
}
