import { CliError } from '../cli-error.js';
import type { S3Context } from './s3-context.js';
import { parseS3Uri } from './s3-uri.js';

/** Deletes every object under `prefix` in batches of 1,000 (DeleteObjects); returns how many. */
export async function deletePrefix(ctx: S3Context, bucket: string, prefix: string): Promise<number> {
  let n = 0;
  for await (const page of ctx.s3.listObjectPages({ bucket, prefix })) {
    if (page.objects.length === 0) continue;
    const r = await ctx.s3.deleteObjects({ bucket, objects: page.objects.map((o) => o.key), quiet: true });
    if (r.errors.length > 0) throw new CliError('CLI_INVALID_INPUT', `Could not delete ${r.errors.map((e) => `${e.key} (${e.code})`).join(', ')}.`);
    for (const o of page.objects) ctx.io.write(`delete: s3://${bucket}/${o.key}\n`);
    n += page.objects.length;
  }
  return n;
}

/** `rawaws s3 rm s3://bucket/key` or `rm s3://bucket/prefix --recursive`. */
export async function s3Remove(ctx: S3Context): Promise<number> {
  const [target, ...extra] = ctx.args;
  if (target === undefined || extra.length > 0) throw new CliError('CLI_USAGE', 'rm needs exactly one s3:// URI.');
  const { bucket, key } = parseS3Uri(target);
  if (ctx.values.recursive === true) {
    await deletePrefix(ctx, bucket, key);
    return 0;
  }
  if (key === '') throw new CliError('CLI_USAGE', `${target} names no object: add a key, or --recursive to delete everything under it.`);
  await ctx.s3.deleteObject({ bucket, key });
  ctx.io.write(`delete: s3://${bucket}/${key}\n`);
  return 0;
}
