import { rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CliError } from '../cli-error.js';
import type { S3Context } from './s3-context.js';
import { isS3Uri, parseS3Uri, type S3Uri } from './s3-uri.js';
import { copyObject, downloadObject, uploadFile } from './s3-transfer.js';

const isDir = (p: string): Promise<boolean> => stat(p).then((s) => s.isDirectory(), () => false);

/** `s3://b/dir/` + `a.txt` → `s3://b/dir/a.txt`; a key not ending in `/` is used as is. */
function targetKey(to: S3Uri, sourceName: string): S3Uri {
  return to.key === '' || to.key.endsWith('/') ? { bucket: to.bucket, key: `${to.key}${sourceName}` } : to;
}

/**
 * `rawaws s3 cp|mv SRC DST`: local → S3 (upload), S3 → local (download), S3 → S3 (server-side copy).
 * `mv` deletes the source after a successful copy.
 */
export async function s3Copy(ctx: S3Context, move: boolean): Promise<number> {
  const [src, dst, ...extra] = ctx.args;
  if (src === undefined || dst === undefined || extra.length > 0) throw new CliError('CLI_USAGE', `${move ? 'mv' : 'cp'} needs exactly SRC and DST.`);
  if (isS3Uri(src) && isS3Uri(dst)) {
    const from = parseS3Uri(src);
    const to = targetKey(parseS3Uri(dst), basename(from.key));
    await copyObject(ctx, from, to);
    if (move) {
      await ctx.s3.deleteObject(from);
      ctx.io.write(`delete: s3://${from.bucket}/${from.key}\n`);
    }
    return 0;
  }
  if (!isS3Uri(src) && isS3Uri(dst)) {
    if (await isDir(src)) throw new CliError('CLI_USAGE', `${src} is a directory: use \`rawaws s3 sync ${src} ${dst}\`.`);
    const to = targetKey(parseS3Uri(dst), basename(src));
    await uploadFile(ctx, src, to);
    if (move) {
      await rm(src);
      ctx.io.write(`delete: ${src}\n`);
    }
    return 0;
  }
  if (isS3Uri(src) && !isS3Uri(dst)) {
    const from = parseS3Uri(src);
    if (from.key === '' || from.key.endsWith('/')) throw new CliError('CLI_USAGE', `${src} names no object: use \`rawaws s3 sync ${src} ${dst}\` for prefixes.`);
    const path = dst.endsWith('/') || (await isDir(dst)) ? join(dst, basename(from.key)) : dst;
    await downloadObject(ctx, from, path);
    if (move) {
      await ctx.s3.deleteObject(from);
      ctx.io.write(`delete: s3://${from.bucket}/${from.key}\n`);
    }
    return 0;
  }
  throw new CliError('CLI_USAGE', 'One of SRC and DST must be an s3:// URI (use cp for local copies).');
}
