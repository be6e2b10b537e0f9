import { childText, children, root, type XmlNode } from './xml-tree.js';

/** Outcome of one DeleteObjects request. */
export interface DeleteObjectsResult {
  readonly deleted: { key: string; versionId: string | undefined }[];
  readonly errors: { key: string; code: string; message: string }[];
}

/** Reads a DeleteObjects (`DeleteResult`) document. */
export function deleteObjectsResult(doc: XmlNode): DeleteObjectsResult {
  const r = root(doc, 'DeleteResult', 'DeleteObjects');
  return {
    deleted: children(r, 'Deleted').map((d) => ({ key: childText(d, 'Key') ?? '', versionId: childText(d, 'VersionId') })),
    errors: children(r, 'Error').map((e) => ({
      key: childText(e, 'Key') ?? '',
      code: childText(e, 'Code') ?? 'UnknownError',
      message: childText(e, 'Message') ?? '',
    })),
  };
}
