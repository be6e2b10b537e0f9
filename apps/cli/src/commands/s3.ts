import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.js';
import type { Command } from '../command.js';
import { withHumanErrors } from '../aws/human-errors.js';
import { createS3Context, S3_OPTIONS, type S3Context } from '../aws/s3-context.js';
import { s3MakeBucket, s3RemoveBucket } from '../aws/s3-bucket.js';
import { s3Copy } from '../aws/s3-cp.js';
import { s3List } from '../aws/s3-ls.js';
import { s3Presign } from '../aws/s3-presign.js';
import { s3Remove } from '../aws/s3-rm.js';
import { s3Sync } from '../aws/s3-sync.js';

const SUBCOMMANDS: Readonly<Record<string, (ctx: S3Context) => Promise<number>>> = {
  ls: s3List,
  cp: (ctx) => s3Copy(ctx, false),
  mv: (ctx) => s3Copy(ctx, true),
  rm: s3Remove,
  mb: s3MakeBucket,
  rb: s3RemoveBucket,
  presign: s3Presign,
  sync: s3Sync,
};

const help = `Usage: rawaws s3 <subcommand> [arguments] [options]

Subcommands:
  ls [s3://bucket[/prefix]] [--recursive]   list buckets, or objects and PRE folders under a prefix
  cp SRC DST                                copy: local -> s3:// (upload), s3:// -> local (download), s3:// -> s3://
  mv SRC DST                                cp, then delete the source
  rm s3://bucket/key [--recursive]          delete one object, or everything under a prefix
  mb s3://bucket                            create a bucket (in the resolved region)
  rb s3://bucket [--force]                  delete a bucket; --force empties it first (objects and open uploads)
  presign s3://bucket/key                   print a presigned URL (--method GET|PUT, --expires-in S, --json)
  sync SRC DST                              copy new/changed files between a directory and an s3:// prefix
                                            (--delete removes what the source no longer has)

Options:
  --endpoint-url URL     S3 endpoint (RGW, MinIO…); default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, profile, AWS
  --region REGION        default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region
  --profile NAME         shared config profile; default: AWS_PROFILE, then "default"
  --path-style           bucket in the path (default with a custom endpoint)
  --sse-c-key-file FILE  SSE-C: 32 raw bytes or their base64 (make one: openssl rand -out key.bin 32);
                         used for uploads, downloads, copies and presigned URLs
  --content-type TYPE    Content-Type of uploads and presigned PUTs
  --no-progress          no progress bars (they are drawn on stderr only when it is a terminal)
  -r, --recursive        ls / rm: every key under the prefix

Credentials come from the AWS SDKs' default chain (env, profile, web identity, container, EC2 IMDS).
Progress bars show bytes, rate and ETA; each finished transfer prints one line like the AWS CLI.`;

/** `rawaws s3 …`: S3 file commands in the style of `aws s3`. */
export const s3Command: Command = {
  name: 's3',
  summary: 'S3 files: ls, cp, mv, rm, mb, rb, presign, sync (progress bars, SSE-C)',
  help,
  run: (args, io) =>
    withHumanErrors(io, `s3 ${args[0] ?? ''}`.trim(), async () => {
      const [sub, ...rest] = args;
      const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
      if (run === undefined) throw new CliError('CLI_USAGE', `Unknown s3 subcommand ${JSON.stringify(sub ?? '')}; use one of ${Object.keys(SUBCOMMANDS).join(', ')}.`);
      let parsed;
      try {
        parsed = parseArgs({ args: [...rest], options: S3_OPTIONS, allowPositionals: true, strict: true });
      } catch (e) {
        throw new CliError('CLI_USAGE', e instanceof Error ? e.message : String(e), { cause: e });
      }
      const ctx = await createS3Context(io, parsed.values, parsed.positionals);
      try {
        return await run(ctx);
      } finally {
        await ctx.s3.close();
      }
    }),
};
