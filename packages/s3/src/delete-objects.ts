import { contentMd5 } from './checksum.js';
import { deleteObjectsResult, type DeleteObjectsResult } from './delete-objects-result.js';
import { deleteObjectsXml, type ObjectIdentifier } from './delete-objects-xml.js';
import { validateObjectKey } from './object-key.js';
import type { S3Context } from './s3-context.js';

/**
 * DeleteObjects in batches of 1,000 keys (sequentially). Per-key failures are returned in `errors`, not thrown.
 *
 * @example
 * ```ts
 * const { errors } = await s3.deleteObjects({ bucket, objects: keys.map((key) => ({ key })) });
 * ```
 */
export async function deleteObjects(
  ctx: S3Context,
  input: { bucket: string; objects: readonly (ObjectIdentifier | string)[]; quiet?: boolean; signal?: AbortSignal | undefined },
): Promise<DeleteObjectsResult> {
  const objects = input.objects.map((o) => (typeof o === 'string' ? { key: o } : o));
  for (const o of objects) validateObjectKey(o.key);
  const out: DeleteObjectsResult = { deleted: [], errors: [] };
  for (const body of deleteObjectsXml(objects, { quiet: input.quiet ?? false })) {
    const doc = await ctx.sendXml({
      operation: 'DeleteObjects',
      method: 'POST',
      bucket: input.bucket,
      query: { delete: '' },
      headers: { 'content-type': 'application/xml', 'content-md5': contentMd5(body) },
      body,
      signal: input.signal,
    });
    const r = deleteObjectsResult(doc);
    out.deleted.push(...r.deleted);
    out.errors.push(...r.errors);
  }
  return out;
}
