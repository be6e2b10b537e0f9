import { validateBucketName } from './bucket-name.js';
import { validateObjectKey } from './object-key.js';
import { presignUrl, type Credentials } from '@rawaws/sigv4';
import { dotSafeUrl } from './encode-key.js';
import { S3Error } from './errors.js';
import type { S3Context } from './s3-context.js';
import { assertSseCTransport, sseCHeaders, type SseCKey } from './sse-c.js';
import { userMetadataHeaders } from './user-metadata.js';
import type { S3Query } from './address.js';

/** Longest presigned URL lifetime SigV4 allows: 7 days. */
export const MAX_PRESIGN_EXPIRY = 604_800;
/** Default presigned URL lifetime: 15 minutes. */
export const DEFAULT_PRESIGN_EXPIRY = 900;

/** Common presign options. */
export interface PresignInput {
  readonly bucket: string;
  readonly key: string;
  /** Seconds the URL stays valid. @default 900 (15 min); max 604800 (7 days) and never past the credentials' expiry */
  readonly expiresIn?: number | undefined;
  /** The SSE-C key: its headers become signed headers the user of the URL must send. */
  readonly sseC?: SseCKey | undefined;
  /** Signing time. @default now, corrected by the clock skew the client has learned from the server */
  readonly date?: Date | undefined;
}

/** A presigned request: the URL plus the headers whoever uses it must send exactly (SSE-C, content-type…). */
export interface PresignedRequest {
  readonly method: 'GET' | 'PUT' | 'HEAD' | 'DELETE';
  readonly url: string;
  /** Headers that are part of the signature; send them verbatim (empty for a plain GET). */
  readonly headers: Record<string, string>;
  readonly expiresAt: Date;
}

/**
 * Checks a presign lifetime: a whole number of seconds in 1..604800 that does not outlive the credentials.
 * Throws `S3_INVALID_EXPIRY` saying the limit.
 */
export function checkPresignExpiry(expiresIn: number, credentials: Credentials, now: Date): void {
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_EXPIRY) {
    throw new S3Error('S3_INVALID_EXPIRY', `Invalid presign expiresIn ${expiresIn}: use whole seconds from 1 to ${MAX_PRESIGN_EXPIRY} (7 days).`, {
      value: expiresIn,
    });
  }
  const exp = credentials.expiration;
  if (exp !== undefined && now.getTime() + expiresIn * 1000 > exp.getTime()) {
    const left = Math.floor((exp.getTime() - now.getTime()) / 1000);
    throw new S3Error(
      'S3_INVALID_EXPIRY',
      `Presigned URL would outlive its credentials: expiresIn ${expiresIn} s, but the credentials expire at ${exp.toISOString()} (${left} s from now). Use expiresIn <= ${Math.max(left, 0)} or longer-lived credentials.`,
      { value: expiresIn },
    );
  }
}

/** Presigns any S3 request (used by the GET/PUT helpers). */
export async function presign(
  ctx: S3Context,
  credentials: () => Promise<Credentials>,
  method: PresignedRequest['method'],
  input: PresignInput,
  extra: { headers?: Record<string, string>; query?: S3Query } = {},
): Promise<PresignedRequest> {
  validateBucketName(input.bucket);
  validateObjectKey(input.key);
  const now = input.date ?? ctx.now();
  const expiresIn = input.expiresIn ?? DEFAULT_PRESIGN_EXPIRY;
  const creds = await credentials();
  checkPresignExpiry(expiresIn, creds, now);
  const { address, region } = await ctx.address(input.bucket, input.key, extra.query);
  if (input.sseC !== undefined) assertSseCTransport(new URL(address.url), address.connectHostname, ctx.options.allowInsecureSseC === true);
  const headers: Record<string, string> = { ...extra.headers, ...(input.sseC === undefined ? {} : sseCHeaders(input.sseC)) };
  const signed = presignUrl(
    { method, url: address.url, headers },
    { credentials: creds, region, service: 's3', s3: true, date: now, expiresIn, payloadHash: 'UNSIGNED-PAYLOAD' },
  );
  const mustSend: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) mustSend[k.toLowerCase()] = v;
  return { method, url: dotSafeUrl(signed.url), headers: mustSend, expiresAt: new Date(now.getTime() + expiresIn * 1000) };
}

/** Input of `presignGetObject`. */
export interface PresignGetInput extends PresignInput {
  readonly versionId?: string | undefined;
  /** Override response headers (`response-content-disposition` etc.). */
  readonly responseContentDisposition?: string | undefined;
  readonly responseContentType?: string | undefined;
  readonly responseCacheControl?: string | undefined;
}

/** Presigned GET URL. */
export function presignGetObject(ctx: S3Context, credentials: () => Promise<Credentials>, input: PresignGetInput): Promise<PresignedRequest> {
  return presign(ctx, credentials, 'GET', input, {
    query: {
      versionId: input.versionId,
      'response-content-disposition': input.responseContentDisposition,
      'response-content-type': input.responseContentType,
      'response-cache-control': input.responseCacheControl,
    },
  });
}

/** Input of `presignPutObject`. */
export interface PresignPutInput extends PresignInput {
  /** Signed: the uploader must send exactly this Content-Type. */
  readonly contentType?: string | undefined;
  /** Signed user metadata the uploader must send. */
  readonly metadata?: Readonly<Record<string, string>> | undefined;
}

/** Presigned PUT URL; `headers` lists what the uploader must send (SSE-C key headers included). */
export function presignPutObject(ctx: S3Context, credentials: () => Promise<Credentials>, input: PresignPutInput): Promise<PresignedRequest> {
  const headers: Record<string, string> = {};
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  if (input.metadata !== undefined) Object.assign(headers, userMetadataHeaders(input.metadata));
  return presign(ctx, credentials, 'PUT', input, { headers });
}
