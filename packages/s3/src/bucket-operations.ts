import { isAwsServiceError } from '@rawaws/client';
import { contentMd5 } from './checksum.js';
import { lifecycleResult } from './lifecycle-result.js';
import { lifecycleXml, type LifecycleRule } from './lifecycle-xml.js';
import { listBucketsResult, type BucketInfo } from './list-buckets-result.js';
import type { S3Context } from './s3-context.js';
import { xmlDocument, xmlElement } from './xml-escape.js';

/** Input of `createBucket`. */
export interface CreateBucketInput {
  readonly bucket: string;
  /** Where to create it. @default the client's region (no constraint is sent for us-east-1, as S3 requires) */
  readonly region?: string | undefined;
  /** Canned ACL. */
  readonly acl?: string | undefined;
  readonly objectLockEnabled?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** CreateBucket with a location constraint. Returns the `Location` header. */
export async function createBucket(ctx: S3Context, input: CreateBucketInput): Promise<{ location: string | undefined }> {
  const region = input.region ?? (await ctx.clientFor().resolveConfig()).region;
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html – us-east-1 takes no LocationConstraint.
  const body = region === 'us-east-1' ? undefined : xmlDocument('CreateBucketConfiguration', xmlElement('LocationConstraint', region));
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/xml';
  if (input.acl !== undefined) headers['x-amz-acl'] = input.acl;
  if (input.objectLockEnabled === true) headers['x-amz-bucket-object-lock-enabled'] = 'true';
  const res = await ctx.send({
    operation: 'CreateBucket',
    method: 'PUT',
    bucket: input.bucket,
    headers,
    signal: input.signal,
    ...(body === undefined ? {} : { body }),
  });
  await res.bytes();
  return { location: res.headers['location'] };
}

/** HeadBucket: `{ exists: true, region }`, or `{ exists: false }` for 404; other errors (403…) throw. */
export async function headBucket(ctx: S3Context, input: { bucket: string; signal?: AbortSignal | undefined }): Promise<{ exists: boolean; region: string | undefined }> {
  try {
    const res = await ctx.send({ operation: 'HeadBucket', method: 'HEAD', bucket: input.bucket, signal: input.signal });
    await res.bytes();
    return { exists: true, region: res.headers['x-amz-bucket-region'] };
  } catch (e) {
    if (isAwsServiceError(e) && e.status === 404) return { exists: false, region: undefined };
    throw e;
  }
}

/** DeleteBucket (it must be empty). */
export async function deleteBucket(ctx: S3Context, input: { bucket: string; signal?: AbortSignal | undefined }): Promise<void> {
  const res = await ctx.send({ operation: 'DeleteBucket', method: 'DELETE', bucket: input.bucket, signal: input.signal });
  await res.bytes();
}

/** ListBuckets: every bucket of the account (follows continuation tokens). */
export async function listBuckets(ctx: S3Context, input: { prefix?: string; signal?: AbortSignal | undefined } = {}): Promise<BucketInfo[]> {
  const all: BucketInfo[] = [];
  let token: string | undefined;
  do {
    const doc = await ctx.sendXml({
      operation: 'ListBuckets',
      method: 'GET',
      query: { 'continuation-token': token, prefix: input.prefix },
      signal: input.signal,
    });
    const page = listBucketsResult(doc);
    all.push(...page.buckets);
    token = page.continuationToken === '' ? undefined : page.continuationToken;
  } while (token !== undefined);
  return all;
}

/** PutBucketLifecycleConfiguration: replaces all rules. */
export async function putBucketLifecycle(ctx: S3Context, input: { bucket: string; rules: readonly LifecycleRule[]; signal?: AbortSignal | undefined }): Promise<void> {
  const body = lifecycleXml(input.rules);
  const res = await ctx.send({
    operation: 'PutBucketLifecycleConfiguration',
    method: 'PUT',
    bucket: input.bucket,
    query: { lifecycle: '' },
    headers: { 'content-type': 'application/xml', 'content-md5': contentMd5(body) },
    body,
    signal: input.signal,
  });
  await res.bytes();
}

/** GetBucketLifecycleConfiguration: the rules, or `[]` when the bucket has none. */
export async function getBucketLifecycle(ctx: S3Context, input: { bucket: string; signal?: AbortSignal | undefined }): Promise<LifecycleRule[]> {
  try {
    const doc = await ctx.sendXml({ operation: 'GetBucketLifecycleConfiguration', method: 'GET', bucket: input.bucket, query: { lifecycle: '' }, signal: input.signal });
    return lifecycleResult(doc);
  } catch (e) {
    if (isAwsServiceError(e) && e.code === 'NoSuchLifecycleConfiguration') return [];
    throw e;
  }
}

/** DeleteBucketLifecycle: removes every rule. */
export async function deleteBucketLifecycle(ctx: S3Context, input: { bucket: string; signal?: AbortSignal | undefined }): Promise<void> {
  const res = await ctx.send({ operation: 'DeleteBucketLifecycle', method: 'DELETE', bucket: input.bucket, query: { lifecycle: '' }, signal: input.signal });
  await res.bytes();
}
