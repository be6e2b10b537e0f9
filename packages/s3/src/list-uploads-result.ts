import { decodeUrlEncoded } from './list-objects-result.js';
import { childBool, childDate, childText, children, root, type XmlNode } from './xml-tree.js';

/** One open multipart upload. */
export interface MultipartUploadInfo {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: Date | undefined;
}

/** One page of ListMultipartUploads. */
export interface ListMultipartUploadsPage {
  readonly uploads: MultipartUploadInfo[];
  readonly isTruncated: boolean;
  readonly nextKeyMarker: string | undefined;
  readonly nextUploadIdMarker: string | undefined;
}

/** Reads a ListMultipartUploads (`ListMultipartUploadsResult`) document (keys decoded for `encoding-type=url`). */
export function listUploadsResult(doc: XmlNode): ListMultipartUploadsPage {
  const r = root(doc, 'ListMultipartUploadsResult', 'ListMultipartUploads');
  const decode = childText(r, 'EncodingType') === 'url' ? decodeUrlEncoded : (s: string) => s;
  const nextKey = childText(r, 'NextKeyMarker');
  return {
    uploads: children(r, 'Upload').map((u) => ({
      key: decode(childText(u, 'Key') ?? ''),
      uploadId: childText(u, 'UploadId') ?? '',
      initiated: childDate(u, 'Initiated'),
    })),
    isTruncated: childBool(r, 'IsTruncated'),
    nextKeyMarker: nextKey === undefined ? undefined : decode(nextKey),
    nextUploadIdMarker: childText(r, 'NextUploadIdMarker'),
  };
}
