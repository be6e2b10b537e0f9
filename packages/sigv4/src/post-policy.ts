import { hmacHex, nodeCrypto } from './crypto.js';
import { SigV4Error } from './errors.js';
import { MAX_PRESIGN_EXPIRY } from './presign.js';
import { signingKey } from './signing-key.js';
import { ALGORITHM } from './string-to-sign.js';
import type { Credentials, SigV4Crypto } from './types.js';
import { validateSignOptions } from './validate-sign-options.js';

/**
 * One POST policy condition: an exact match `{ field: value }`, `['eq' | 'starts-with', '$field', value]`,
 * or `['content-length-range', min, max]`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
export type PostPolicyCondition =
  | Readonly<Record<string, string>>
  | readonly ['eq' | 'starts-with', string, string]
  | readonly ['content-length-range', number, number];

/** Options of {@link signPostPolicy}. */
export interface PostPolicyOptions {
  credentials: Credentials;
  region: string;
  /** @default 's3' */
  service?: string;
  /** Signing time. @default new Date() */
  date?: Date;
  /** Bucket the form uploads to; added as a `{ bucket }` condition. */
  bucket: string;
  /** Seconds from `date` until the policy expires, 1..604800. @default 3600 */
  expiresIn?: number;
  /** Form fields to send (e.g. `key`, `acl`, `Content-Type`); each is returned and added as an exact-match condition. */
  fields?: Readonly<Record<string, string>>;
  /** Further conditions, e.g. `['starts-with', '$key', 'user/']` or `['content-length-range', 0, 10485760]`. */
  conditions?: readonly PostPolicyCondition[];
  /** @default nodeCrypto */
  crypto?: SigV4Crypto;
}

/** What {@link signPostPolicy} returns. */
export interface PostPolicyResult {
  /**
   * Every form field to send before the file: the caller's `fields`, then `x-amz-algorithm`, `x-amz-credential`,
   * `x-amz-date`, `x-amz-security-token` (with session credentials), `policy` and `x-amz-signature`.
   */
  fields: Record<string, string>;
  /** The policy document (JSON). */
  policy: string;
  /** The string to sign: the base64 of the UTF-8 policy (the same value as `fields.policy`). */
  stringToSign: string;
  signature: string;
  credentialScope: string;
  amzDate: string;
  /** ISO 8601 expiration written in the policy. */
  expiration: string;
}

function checkCondition(c: unknown, i: number): PostPolicyCondition {
  const bad = (why: string): SigV4Error =>
    new SigV4Error('SIGV4_INVALID_POLICY', `sigv4: POST policy condition #${String(i)} ${JSON.stringify(c)} ${why}`);
  if (Array.isArray(c)) {
    const [op, a, b] = c as unknown[];
    if (op === 'content-length-range') {
      if (c.length !== 3 || !Number.isSafeInteger(a) || !Number.isSafeInteger(b) || (a as number) < 0 || (a as number) > (b as number)) {
        throw bad('must be [\'content-length-range\', min, max] with whole numbers 0 <= min <= max');
      }
    } else if (op === 'eq' || op === 'starts-with') {
      if (c.length !== 3 || typeof a !== 'string' || !a.startsWith('$') || typeof b !== 'string') {
        throw bad(`must be ['${op}', '$field', 'value']`);
      }
    } else {
      throw bad("has an unknown operator; use 'eq', 'starts-with' or 'content-length-range'");
    }
    return c as unknown as PostPolicyCondition;
  }
  if (typeof c !== 'object' || c === null) throw bad('must be an object { field: value } or an array');
  const entries = Object.entries(c);
  if (entries.length !== 1 || typeof entries[0]?.[1] !== 'string') throw bad('must have exactly one field with a string value');
  return c as PostPolicyCondition;
}

const utf8 = new TextEncoder();

/** Base64 of the UTF-8 bytes of `text` (btoa exists in Node >= 16 and every browser). */
function base64(text: string): string {
  const bytes = utf8.encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sign a policy document as given (the exact JSON text): the string to sign is its base64, signed with the
 * SigV4 signing key of `dateStamp/region/service`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html
 * @example
 * signPolicyDocument(nodeCrypto, secret, '20151229', 'us-east-1', 's3', policyJson).signature;
 */
export function signPolicyDocument(
  crypto: SigV4Crypto,
  secretAccessKey: string,
  dateStamp: string,
  region: string,
  service: string,
  policy: string,
): { policyBase64: string; signature: string } {
  const policyBase64 = base64(policy);
  return { policyBase64, signature: hmacHex(crypto, signingKey(crypto, secretAccessKey, dateStamp, region, service), policyBase64) };
}

/**
 * Build and sign a browser-based POST upload policy (SigV4): returns the form fields for an HTML form or `FormData`
 * posting to the bucket's URL. The file field must come last.
 * @example
 * const { fields } = signPostPolicy({
 *   credentials, region: 'us-east-1', bucket: 'examplebucket', expiresIn: 600,
 *   fields: { key: 'uploads/cat.jpg', 'Content-Type': 'image/jpeg' },
 *   conditions: [['content-length-range', 0, 10_485_760]],
 * });
 */
export function signPostPolicy(opts: PostPolicyOptions): PostPolicyResult {
  const v = validateSignOptions({ ...opts, service: opts.service ?? 's3' });
  if (typeof opts.bucket !== 'string' || opts.bucket === '') {
    throw new SigV4Error('SIGV4_INVALID_POLICY', `sigv4: POST policy bucket ${JSON.stringify(opts.bucket)} must be a non-empty bucket name`);
  }
  const expiresIn = opts.expiresIn ?? 3600;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_EXPIRY) {
    throw new SigV4Error(
      'SIGV4_INVALID_EXPIRY',
      `sigv4: POST policy expiresIn ${String(expiresIn)} is invalid; it must be a whole number of seconds from 1 to ${String(MAX_PRESIGN_EXPIRY)}`,
    );
  }
  const expiresAt = v.date.getTime() + expiresIn * 1000;
  const credExp = v.credentials.expiration;
  if (credExp !== undefined && credExp !== null && expiresAt > credExp.getTime()) {
    throw new SigV4Error(
      'SIGV4_EXPIRY_EXCEEDS_CREDENTIALS',
      `sigv4: POST policy expiresIn ${String(expiresIn)} outlives the credentials, which expire at ${credExp.toISOString()}; shorten it or use longer-lived credentials`,
    );
  }
  const userFields = { ...(opts.fields ?? {}) };
  for (const [k, value] of Object.entries(userFields)) {
    if (typeof value !== 'string') throw new SigV4Error('SIGV4_INVALID_POLICY', `sigv4: POST policy field ${JSON.stringify(k)} must be a string`);
  }
  const conditions = (opts.conditions ?? []).map(checkCondition);
  const credential = `${v.credentials.accessKeyId}/${v.scope}`;
  const auth: Record<string, string> = { 'x-amz-algorithm': ALGORITHM, 'x-amz-credential': credential, 'x-amz-date': v.amzDate };
  if (v.sessionToken !== undefined) auth['x-amz-security-token'] = v.sessionToken;

  const expiration = new Date(expiresAt).toISOString();
  const policy = JSON.stringify({
    expiration,
    conditions: [
      { bucket: opts.bucket },
      ...Object.entries(userFields).map(([k, value]) => ({ [k]: value })),
      ...conditions,
      ...Object.entries(auth).map(([k, value]) => ({ [k]: value })),
    ],
  });
  const crypto = opts.crypto ?? nodeCrypto;
  const { policyBase64, signature } = signPolicyDocument(crypto, v.credentials.secretAccessKey, v.dateStamp, v.region, v.service, policy);
  return {
    fields: { ...userFields, ...auth, policy: policyBase64, 'x-amz-signature': signature },
    policy,
    stringToSign: policyBase64,
    signature,
    credentialScope: v.scope,
    amzDate: v.amzDate,
    expiration,
  };
}
