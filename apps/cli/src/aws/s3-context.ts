import { readFile } from 'node:fs/promises';
import { createS3Client, sseCKey, type S3Client, type SseCKey } from '@rawaws/s3';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';

/** Options every `rawaws s3` sub-command accepts (node:util parseArgs config). */
export const S3_OPTIONS = {
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  'path-style': { type: 'boolean' },
  'sse-c-key-file': { type: 'string' },
  'no-progress': { type: 'boolean' },
  recursive: { type: 'boolean', short: 'r' },
  delete: { type: 'boolean' },
  force: { type: 'boolean' },
  'expires-in': { type: 'string' },
  method: { type: 'string' },
  'content-type': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Parsed option values of `rawaws s3`. */
export interface S3Values {
  readonly 'endpoint-url'?: string | undefined;
  readonly profile?: string | undefined;
  readonly region?: string | undefined;
  readonly 'path-style'?: boolean | undefined;
  readonly 'sse-c-key-file'?: string | undefined;
  readonly 'no-progress'?: boolean | undefined;
  readonly recursive?: boolean | undefined;
  readonly delete?: boolean | undefined;
  readonly force?: boolean | undefined;
  readonly 'expires-in'?: string | undefined;
  readonly method?: string | undefined;
  readonly 'content-type'?: string | undefined;
  readonly json?: boolean | undefined;
}

/** What an `s3` sub-command gets. */
export interface S3Context {
  readonly s3: S3Client;
  readonly io: CliIo;
  readonly values: S3Values;
  readonly args: readonly string[];
  /** Draw progress bars (stderr is a terminal and no `--no-progress`). */
  readonly progress: boolean;
  readonly sseC: SseCKey | undefined;
}

/**
 * Reads an SSE-C key file: 32 raw bytes, or the key as base64 text (what `openssl rand -base64 32` prints).
 * The key itself never appears in messages.
 */
export async function readSseCKeyFile(path: string): Promise<SseCKey> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (e) {
    throw new CliError('CLI_USAGE', `Cannot read --sse-c-key-file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}.`, { cause: e });
  }
  if (raw.length === 32) return sseCKey(raw);
  const text = raw.toString('utf8').trim();
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (decoded.length !== 32) {
    throw new CliError('CLI_USAGE', `--sse-c-key-file ${path} must hold 32 raw bytes or their base64 (it holds ${raw.length} bytes). Make one with: openssl rand -out key.bin 32`);
  }
  return sseCKey(decoded);
}

/** Builds the S3 client from `--endpoint-url`, `--region`, `--profile` and the environment (the SDK's default chain). */
export async function createS3Context(io: CliIo, values: S3Values, args: readonly string[]): Promise<S3Context> {
  const endpoint = values['endpoint-url'];
  const custom = endpoint ?? io.env['AWS_ENDPOINT_URL_S3'] ?? io.env['AWS_ENDPOINT_URL'];
  const s3 = createS3Client({
    endpoint,
    region: values.region,
    profile: values.profile,
    env: io.env,
    // custom endpoints (RGW, MinIO, LocalStack) rarely have wildcard DNS for virtual-hosted buckets
    forcePathStyle: values['path-style'] ?? (custom !== undefined && custom !== ''),
    // still refused unless the endpoint is a loopback address (checked by @rawaws/s3)
    allowInsecureSseC: true,
  });
  const sseC = values['sse-c-key-file'] === undefined ? undefined : await readSseCKeyFile(values['sse-c-key-file']);
  return { s3, io, values, args, progress: values['no-progress'] !== true, sseC };
}
