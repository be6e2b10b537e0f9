import { createHmac } from 'node:crypto';
import type { Credentials } from '@rawaws/sigv4';
import { DEFAULT_PRESIGN_EXPIRY, checkPresignExpiry } from './presign.js';
import { S3Error } from './errors.js';
import type { S3Context } from './s3-context.js';

/**
 * One POST policy condition: an exact match (`{ acl: 'private' }`), `['eq' | 'starts-with', '$field', value]`, or
 * `['content-length-range', min, max]`.
 */
export type PostPolicyCondition =
  | Readonly<Record<string, string>>
  | readonly ['eq' | 'starts-with', string, string]
  | readonly ['content-length-range', number, number];

/** Input of `createPresignedPost`. */
export interface PresignedPostInput {
  readonly bucket: string;
  /** The object key; may contain `${filename}`, which S3 replaces with the uploaded file's name. */
  readonly key: string;
  /** Seconds the policy stays valid. @default 900 */
  readonly expiresIn?: number | undefined;
  /** Extra form fields, each also added to the policy as an exact match (e.g. `Content-Type`, `x-amz-meta-*`). */
  readonly fields?: Readonly<Record<string, string>> | undefined;
  /** Additional conditions, e.g. `['content-length-range', 0, 10_485_760]`. */
  readonly conditions?: readonly PostPolicyCondition[] | undefined;
  /** Signing time. @default now */
  readonly date?: Date | undefined;
}

/** A browser-ready POST upload: send `fields` first, then the `file` field, as multipart/form-data to `url`. */
export interface PresignedPost {
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: Date;
}

const hmac = (key: Uint8Array | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * Builds and signs a POST policy (SigV4, https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html):
 * signature = hex(HMAC(kSigning, base64(policy))).
 */
export async function createPresignedPost(
  ctx: S3Context,
  credentials: () => Promise<Credentials>,
  input: PresignedPostInput,
): Promise<PresignedPost> {
  const now = input.date ?? new Date();
  const expiresIn = input.expiresIn ?? DEFAULT_PRESIGN_EXPIRY;
  const creds = await credentials();
  checkPresignExpiry(expiresIn, creds, now);
  if (input.key.length === 0) throw new S3Error('S3_INVALID_KEY', 'POST policy key is empty: pass a key (it may contain ${filename}).', { value: '' });
  const { address, region } = await ctx.address(input.bucket);
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const dateStamp = amzDate.slice(0, 8);
  const credential = `${creds.accessKeyId}/${dateStamp}/${region}/s3/aws4_request`;
  const fields: Record<string, string> = {
    key: input.key,
    ...input.fields,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': amzDate,
  };
  if (creds.sessionToken !== undefined) fields['x-amz-security-token'] = creds.sessionToken;
  const conditions: unknown[] = [{ bucket: input.bucket }];
  for (const [k, v] of Object.entries(fields)) {
    conditions.push(k === 'key' && v.includes('${filename}') ? ['starts-with', '$key', v.slice(0, v.indexOf('${filename}'))] : { [k]: v });
  }
  conditions.push(...(input.conditions ?? []));
  const policy = Buffer.from(
    JSON.stringify({ expiration: new Date(now.getTime() + expiresIn * 1000).toISOString(), conditions }),
    'utf8',
  ).toString('base64');
  const kDate = hmac(`AWS4${creds.secretAccessKey}`, dateStamp);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, 's3');
  const kSigning = hmac(kService, 'aws4_request');
  fields['policy'] = policy;
  fields['x-amz-signature'] = hmac(kSigning, policy).toString('hex');
  return { url: address.url.href, fields, expiresAt: new Date(now.getTime() + expiresIn * 1000) };
}
