import { validateBucketName } from './bucket-name.js';
import { signPostPolicy, type Credentials } from '@rawaws/sigv4';
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
  /** Signing time. @default now, corrected by the clock skew the client has learned from the server */
  readonly date?: Date | undefined;
}

/** A browser-ready POST upload: send `fields` first, then the `file` field, as multipart/form-data to `url`. */
export interface PresignedPost {
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: Date;
}

/**
 * Builds and signs a browser POST upload policy with `signPostPolicy` from `@rawaws/sigv4`
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).
 */
export async function createPresignedPost(
  ctx: S3Context,
  credentials: () => Promise<Credentials>,
  input: PresignedPostInput,
): Promise<PresignedPost> {
  validateBucketName(input.bucket);
  if (typeof input.key !== 'string' || input.key.length === 0) {
    throw new S3Error('S3_INVALID_KEY', 'POST policy key is empty: pass a key (it may contain ${filename}).', { value: input.key });
  }
  const now = input.date ?? ctx.now();
  const expiresIn = input.expiresIn ?? DEFAULT_PRESIGN_EXPIRY;
  const creds = await credentials();
  checkPresignExpiry(expiresIn, creds, now);
  const { address, region } = await ctx.address(input.bucket);
  // `${filename}` is replaced by S3 after the policy check, so such a key is matched by its prefix.
  const cut = input.key.indexOf('${filename}');
  const keyCondition: PostPolicyCondition = cut === -1 ? { key: input.key } : ['starts-with', '$key', input.key.slice(0, cut)];
  let signed;
  try {
    signed = signPostPolicy({
      credentials: creds,
      region,
      bucket: input.bucket,
      date: now,
      expiresIn,
      fields: { ...input.fields },
      conditions: [keyCondition, ...(input.conditions ?? [])],
    });
  } catch (cause) {
    throw new S3Error('S3_INVALID_ARGUMENT', `Cannot sign the POST policy for ${input.bucket}: ${(cause as Error).message}`, { cause, value: input.bucket });
  }
  const fields: Record<string, string> = { key: input.key, ...signed.fields };
  return { url: address.url, fields, expiresAt: new Date(now.getTime() + expiresIn * 1000) };
}
