import { CliError } from '../cli-error.js';
import type { S3Context } from './s3-context.js';
import { parseS3Uri } from './s3-uri.js';

const when = (d: Date | undefined): string => (d === undefined ? ''.padEnd(19) : d.toISOString().slice(0, 19).replace('T', ' '));

/** `rawaws s3 ls [s3://bucket[/prefix]] [--recursive]`: buckets, or objects and `PRE` folders like the AWS CLI. */
export async function s3List(ctx: S3Context): Promise<number> {
  const [target, ...extra] = ctx.args;
  if (extra.length > 0) throw new CliError('CLI_USAGE', 'ls takes at most one s3:// URI.');
  if (target === undefined) {
    for (const b of await ctx.s3.listBuckets()) ctx.io.write(`${when(b.creationDate)} ${b.name}\n`);
    return 0;
  }
  const { bucket, key: prefix } = parseS3Uri(target);
  const recursive = ctx.values.recursive === true;
  for await (const page of ctx.s3.listObjectPages({ bucket, prefix, delimiter: recursive ? undefined : '/' })) {
    for (const p of page.prefixes) ctx.io.write(`${''.padStart(19)} ${'PRE'.padStart(10)} ${p.slice(recursive ? 0 : prefix.lastIndexOf('/') + 1)}\n`);
    for (const o of page.objects) {
      const name = recursive ? o.key : o.key.slice(prefix.lastIndexOf('/') + 1);
      ctx.io.write(`${when(o.lastModified)} ${String(o.size).padStart(10)} ${name}\n`);
    }
  }
  return 0;
}
