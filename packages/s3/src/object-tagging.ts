import { contentMd5 } from './checksum.js';
import type { S3Context } from './s3-context.js';
import { taggingResult } from './tagging-result.js';
import { taggingXml, type Tags } from './tagging-xml.js';

/** Where tagging calls point: an object (optionally a version). */
export interface TaggingTarget {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** PutObjectTagging: replaces the object's tag set. */
export async function putObjectTagging(ctx: S3Context, input: TaggingTarget & { tags: Tags }): Promise<void> {
  const body = taggingXml(input.tags);
  const res = await ctx.send({
    operation: 'PutObjectTagging',
    method: 'PUT',
    bucket: input.bucket,
    key: input.key,
    query: { tagging: '', versionId: input.versionId },
    headers: { 'content-type': 'application/xml', 'content-md5': contentMd5(body) },
    body,
    signal: input.signal,
  });
  await res.bytes();
}

/** GetObjectTagging: the object's tags as a record. */
export async function getObjectTagging(ctx: S3Context, input: TaggingTarget): Promise<Record<string, string>> {
  const doc = await ctx.sendXml({
    operation: 'GetObjectTagging',
    method: 'GET',
    bucket: input.bucket,
    key: input.key,
    query: { tagging: '', versionId: input.versionId },
    signal: input.signal,
  });
  return taggingResult(doc);
}

/** DeleteObjectTagging: removes every tag. */
export async function deleteObjectTagging(ctx: S3Context, input: TaggingTarget): Promise<void> {
  const res = await ctx.send({
    operation: 'DeleteObjectTagging',
    method: 'DELETE',
    bucket: input.bucket,
    key: input.key,
    query: { tagging: '', versionId: input.versionId },
    signal: input.signal,
  });
  await res.bytes();
}
