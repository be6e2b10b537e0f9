import { CliError } from '../cli-error.js';
import type { S3Context } from './s3-context.js';
import { parseS3Uri } from './s3-uri.js';

/**
 * `rawaws s3 presign s3://bucket/key [--method GET|PUT] [--expires-in S] [--json]`: prints the URL. Headers the user
 * of the URL must send (SSE-C, content type) are listed on stderr by name, or in full with `--json`.
 */
export async function s3Presign(ctx: S3Context): Promise<number> {
  const [target, ...extra] = ctx.args;
  if (target === undefined || extra.length > 0) throw new CliError('CLI_USAGE', 'presign needs exactly one s3://bucket/key.');
  const { bucket, key } = parseS3Uri(target);
  if (key === '') throw new CliError('CLI_USAGE', `${target} names no object.`);
  const method = (ctx.values.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'PUT') throw new CliError('CLI_USAGE', `--method ${ctx.values.method ?? ''}: use GET or PUT.`);
  const raw = ctx.values['expires-in'];
  const expiresIn = raw === undefined ? 3600 : Number(raw);
  if (raw !== undefined && !/^\d+$/.test(raw)) throw new CliError('CLI_USAGE', `--expires-in ${raw}: use whole seconds from 1 to 604800.`);
  const input = { bucket, key, expiresIn, sseC: ctx.sseC };
  const p = method === 'GET' ? await ctx.s3.presignGetObject(input) : await ctx.s3.presignPutObject({ ...input, contentType: ctx.values['content-type'] });
  if (ctx.values.json === true) {
    ctx.io.write(`${JSON.stringify({ method: p.method, url: p.url, headers: p.headers, expiresAt: p.expiresAt.toISOString() })}\n`);
    return 0;
  }
  ctx.io.write(`${p.url}\n`);
  const names = Object.keys(p.headers);
  if (names.length > 0) ctx.io.writeError(`Whoever uses this URL must also send these signed headers (--json prints their values): ${names.join(', ')}\n`);
  return 0;
}
