import { readdir, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CliError } from '../cli-error.js';
import type { S3Context } from './s3-context.js';
import { downloadObject, uploadFile } from './s3-transfer.js';
import { isS3Uri, parseS3Uri } from './s3-uri.js';

interface Entry {
  readonly size: number;
  readonly mtime: number;
}

/** Files under `dir`, by path relative to it with `/` separators. */
async function localFiles(dir: string): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  for (const e of entries) {
    if (!e.isFile() || e.name.endsWith('.rawaws-part')) continue;
    const full = join(e.parentPath, e.name);
    const s = await stat(full);
    out.set(relative(dir, full).split(sep).join('/'), { size: s.size, mtime: s.mtimeMs });
  }
  return out;
}

async function remoteObjects(ctx: S3Context, bucket: string, prefix: string): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  for await (const o of ctx.s3.listObjects({ bucket, prefix })) {
    if (o.key.endsWith('/')) continue;
    out.set(o.key.slice(prefix.length), { size: o.size, mtime: o.lastModified?.getTime() ?? 0 });
  }
  return out;
}

/** Copy when missing, when the sizes differ, or when the source is newer (as `aws s3 sync` decides). */
const needsCopy = (src: Entry, dst: Entry | undefined): boolean => dst === undefined || src.size !== dst.size || src.mtime > dst.mtime;

/**
 * `rawaws s3 sync DIR s3://bucket/prefix` or `sync s3://bucket/prefix DIR`: copies new and changed files;
 * `--delete` also removes what the source no longer has.
 */
export async function s3Sync(ctx: S3Context): Promise<number> {
  const [src, dst, ...extra] = ctx.args;
  if (src === undefined || dst === undefined || extra.length > 0) throw new CliError('CLI_USAGE', 'sync needs exactly SRC and DST.');
  const prefixOf = (key: string) => (key === '' || key.endsWith('/') ? key : `${key}/`);
  let copied = 0;
  let deleted = 0;
  if (!isS3Uri(src) && isS3Uri(dst)) {
    if (!(await stat(src).then((s) => s.isDirectory(), () => false))) throw new CliError('CLI_USAGE', `${src} is not a directory.`);
    const { bucket, key } = parseS3Uri(dst);
    const prefix = prefixOf(key);
    const [local, remote] = await Promise.all([localFiles(src), remoteObjects(ctx, bucket, prefix)]);
    for (const [name, entry] of local) {
      if (!needsCopy(entry, remote.get(name))) continue;
      await uploadFile(ctx, join(src, name), { bucket, key: `${prefix}${name}` });
      copied++;
    }
    if (ctx.values.delete === true) {
      const gone = [...remote.keys()].filter((n) => !local.has(n)).map((n) => `${prefix}${n}`);
      if (gone.length > 0) await ctx.s3.deleteObjects({ bucket, objects: gone, quiet: true });
      for (const k of gone) ctx.io.write(`delete: s3://${bucket}/${k}\n`);
      deleted = gone.length;
    }
  } else if (isS3Uri(src) && !isS3Uri(dst)) {
    const { bucket, key } = parseS3Uri(src);
    const prefix = prefixOf(key);
    const [remote, local] = await Promise.all([remoteObjects(ctx, bucket, prefix), localFiles(dst)]);
    for (const [name, entry] of remote) {
      if (name.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
        ctx.io.writeError(`skip: s3://${bucket}/${prefix}${name} (its key would leave ${dst} or has an empty segment)\n`);
        continue;
      }
      if (!needsCopy(entry, local.get(name))) continue;
      await downloadObject(ctx, { bucket, key: `${prefix}${name}` }, join(dst, ...name.split('/')));
      copied++;
    }
    if (ctx.values.delete === true) {
      for (const name of local.keys()) {
        if (remote.has(name)) continue;
        await rm(join(dst, ...name.split('/')));
        ctx.io.write(`delete: ${join(dst, name)}\n`);
        deleted++;
      }
    }
  } else {
    throw new CliError('CLI_USAGE', 'sync copies between a local directory and an s3:// prefix (one of each).');
  }
  ctx.io.writeError(`sync: ${copied} copied, ${deleted} deleted\n`);
  return 0;
}
