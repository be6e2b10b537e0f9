import { CliError } from '../cli-error.js';
import type { S3Context } from './s3-context.js';
import { deletePrefix } from './s3-rm.js';
import { parseS3Uri } from './s3-uri.js';

function bucketArg(ctx: S3Context, verb: string): string {
  const [target, ...extra] = ctx.args;
  if (target === undefined || extra.length > 0) throw new CliError('CLI_USAGE', `${verb} needs exactly one s3://bucket.`);
  const { bucket, key } = parseS3Uri(target);
  if (key !== '') throw new CliError('CLI_USAGE', `${verb} takes a bucket, not an object: s3://${bucket}`);
  return bucket;
}

/** `rawaws s3 mb s3://bucket`: CreateBucket in the resolved region. */
export async function s3MakeBucket(ctx: S3Context): Promise<number> {
  const bucket = bucketArg(ctx, 'mb');
  await ctx.s3.createBucket({ bucket });
  ctx.io.write(`make_bucket: ${bucket}\n`);
  return 0;
}

/** `rawaws s3 rb s3://bucket [--force]`: DeleteBucket; `--force` first deletes every object and open upload. */
export async function s3RemoveBucket(ctx: S3Context): Promise<number> {
  const bucket = bucketArg(ctx, 'rb');
  if (ctx.values.force === true) {
    await deletePrefix(ctx, bucket, '');
    for (const u of await ctx.s3.listMultipartUploads({ bucket })) await ctx.s3.abortMultipartUpload({ bucket, key: u.key, uploadId: u.uploadId });
  }
  await ctx.s3.deleteBucket({ bucket });
  ctx.io.write(`remove_bucket: ${bucket}\n`);
  return 0;
}
