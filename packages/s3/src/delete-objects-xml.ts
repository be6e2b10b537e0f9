import { xmlDocument, xmlElement } from './xml-escape.js';

/** Most keys in one DeleteObjects request. */
export const DELETE_OBJECTS_BATCH = 1000;

/** One object to delete, optionally a version. */
export interface ObjectIdentifier {
  readonly key: string;
  readonly versionId?: string | undefined;
}

/**
 * Splits `objects` into DeleteObjects bodies of at most 1,000 keys each.
 *
 * @example
 * ```ts
 * deleteObjectsXml([{ key: 'a' }, { key: 'b' }], { quiet: true }).length; // 1
 * ```
 */
export function deleteObjectsXml(objects: readonly ObjectIdentifier[], opts: { quiet?: boolean } = {}): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < objects.length; i += DELETE_OBJECTS_BATCH) {
    const batch = objects.slice(i, i + DELETE_OBJECTS_BATCH);
    const items = batch
      .map((o) => `<Object>${xmlElement('Key', o.key)}${xmlElement('VersionId', o.versionId)}</Object>`)
      .join('');
    bodies.push(xmlDocument('Delete', `${opts.quiet === true ? '<Quiet>true</Quiet>' : ''}${items}`));
  }
  return bodies;
}
