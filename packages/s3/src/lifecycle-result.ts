import type { LifecycleRule } from './lifecycle-xml.js';
import { child, childNumber, childText, children, root, type XmlNode } from './xml-tree.js';

/** Reads a GetBucketLifecycleConfiguration document back into {@link LifecycleRule}s. */
export function lifecycleResult(doc: XmlNode): LifecycleRule[] {
  const r = root(doc, 'LifecycleConfiguration', 'GetBucketLifecycleConfiguration');
  return children(r, 'Rule').map((rule): LifecycleRule => {
    const filter = child(rule, 'Filter');
    const and = child(filter, 'And');
    const tagNodes = [...children(filter, 'Tag'), ...children(and, 'Tag')];
    const prefix = childText(and, 'Prefix') ?? childText(filter, 'Prefix') ?? childText(rule, 'Prefix');
    const exp = child(rule, 'Expiration');
    const expDate = childText(exp, 'Date');
    const out: Record<string, unknown> = {
      id: childText(rule, 'ID'),
      enabled: childText(rule, 'Status') === 'Enabled',
      prefix: prefix ?? '',
      expirationDays: childNumber(exp, 'Days'),
      expirationDate: expDate === undefined ? undefined : new Date(expDate),
      abortIncompleteMultipartUploadDays: childNumber(child(rule, 'AbortIncompleteMultipartUpload'), 'DaysAfterInitiation'),
      noncurrentVersionExpirationDays: childNumber(child(rule, 'NoncurrentVersionExpiration'), 'NoncurrentDays'),
    };
    if (tagNodes.length > 0) out['tags'] = Object.fromEntries(tagNodes.map((t) => [childText(t, 'Key') ?? '', childText(t, 'Value') ?? '']));
    const transitions = children(rule, 'Transition').map((t) => ({ days: childNumber(t, 'Days') ?? 0, storageClass: childText(t, 'StorageClass') ?? '' }));
    if (transitions.length > 0) out['transitions'] = transitions;
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as LifecycleRule;
  });
}
