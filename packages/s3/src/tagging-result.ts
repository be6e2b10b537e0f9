import { child, childText, children, root, type XmlNode } from './xml-tree.js';

/** Reads a GetObjectTagging / GetBucketTagging document into a plain record. */
export function taggingResult(doc: XmlNode): Record<string, string> {
  const r = root(doc, 'Tagging', 'GetObjectTagging');
  return Object.fromEntries(children(child(r, 'TagSet'), 'Tag').map((t) => [childText(t, 'Key') ?? '', childText(t, 'Value') ?? '']));
}
