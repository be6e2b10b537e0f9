import { canonicalHeaders } from './canonical-headers.js';
import { assembleCanonicalRequest, assertMethod } from './canonical-request.js';
import { canonicalQueryPairs, canonicalQueryString } from './canonical-query.js';
import { canonicalUri } from './canonical-uri.js';
import { nodeCrypto } from './crypto.js';
import { SigV4Error } from './errors.js';
import { requestUrl } from './request-url.js';
import { signatureSteps, signatureStepsAsync } from './signature-steps.js';
import { ALGORITHM } from './string-to-sign.js';
import type { HeaderValue, PresignOptions, PresignResult, SigV4AsyncCrypto, SignableRequest } from './types.js';
import { uriEncode } from './uri-encode.js';
import { validatePayloadHash, validateSignOptions, type ValidatedSigning } from './validate-sign-options.js';

/** Longest presigned URL lifetime SigV4 allows: 7 days. */
export const MAX_PRESIGN_EXPIRY = 604_800;
const DEFAULT_EXPIRY = 900;

// Query parameters that presigning owns; stale ones (re-presigning a presigned URL) are dropped.
const OWNED_QUERY = new Set(
  ['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-signedheaders', 'x-amz-signature', 'x-amz-security-token'],
);
// Characters that may stay literal in a URL path (RFC 3986 pchar plus '/' and existing '%' escapes).
// Signed header lists that need only their ';' separators encoded (names may hold other token characters).
const SIMPLE_NAMES = /^[a-z0-9\-_.~;]*$/;
const PATH_UNSAFE = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu;

interface PresignPlan {
  v: ValidatedSigning;
  expiresIn: number;
  headers: Record<string, HeaderValue>;
  payloadHash: string | undefined;
}

function validateExpiry(v: ValidatedSigning, expiresIn: unknown): number {
  const e = expiresIn ?? DEFAULT_EXPIRY;
  if (typeof e !== 'number' || !Number.isInteger(e) || e < 1 || e > MAX_PRESIGN_EXPIRY) {
    throw new SigV4Error(
      'SIGV4_INVALID_EXPIRY',
      `sigv4: presign expiresIn ${String(e)} is invalid; it must be a whole number of seconds from 1 to ${String(MAX_PRESIGN_EXPIRY)} (7 days)`,
    );
  }
  const expiration = v.credentials.expiration;
  if (expiration !== undefined && expiration !== null) {
    const left = Math.floor((expiration.getTime() - v.date.getTime()) / 1000);
    if (left <= 0) {
      throw new SigV4Error(
        'SIGV4_CREDENTIALS_EXPIRED',
        `sigv4: credentials expired at ${expiration.toISOString()}, at or before the signing time ${v.date.toISOString()}; refresh them`,
      );
    }
    if (e > left) {
      throw new SigV4Error(
        'SIGV4_EXPIRY_EXCEEDS_CREDENTIALS',
        `sigv4: presign expiresIn ${String(e)} outlives the credentials, which expire at ${expiration.toISOString()} (${String(left)} s after the signing time); use expiresIn <= ${String(left)} or longer-lived credentials`,
      );
    }
  }
  return e;
}

function planPresign(req: SignableRequest, opts: Omit<PresignOptions, 'crypto'>): PresignPlan {
  const v = validateSignOptions(opts);
  if (typeof req !== 'object' || req === null) throw new SigV4Error('SIGV4_INVALID_URL', 'sigv4: request is missing; pass { method, url }');
  const expiresIn = validateExpiry(v, opts.expiresIn);
  const headers: Record<string, HeaderValue> = {};
  let payloadHash = v.payloadHash;
  const given = req.headers ?? {};
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-amz-date') continue;
    if (lower === 'x-amz-content-sha256' && payloadHash === undefined && typeof value === 'string') payloadHash = validatePayloadHash(value.trim());
    headers[name] = value;
  }
  // S3 presigned URLs carry no body hash: the uploader's body is unknown when the URL is made.
  if (payloadHash === undefined && v.s3) payloadHash = 'UNSIGNED-PAYLOAD';
  return { v, expiresIn, headers, payloadHash };
}

interface Canonical {
  canonicalRequest: string;
  query: string;
  signedHeaders: string;
  headers: Record<string, string>;
  origin: string;
  path: string;
}

function canonicalFor(req: SignableRequest, plan: PresignPlan, payloadHash: string): Canonical {
  const { v } = plan;
  const method = assertMethod(req.method);
  const url = requestUrl(req.url);
  const uri = canonicalUri(url.path, v.s3);
  const h = canonicalHeaders(plan.headers, { unsignedHeaders: v.unsignedHeaders, defaultHost: url.host });
  // The X-Amz-* parameters in canonical (sorted, encoded) order: Algorithm, Credential, Date, Expires,
  // Security-Token, SignedHeaders. Region and service are validated to need no encoding, so the scope's only
  // reserved characters are its slashes.
  const token = v.sessionToken !== undefined && v.signSessionToken ? `&X-Amz-Security-Token=${uriEncode(v.sessionToken)}` : '';
  const auth =
    `X-Amz-Algorithm=${ALGORITHM}&X-Amz-Credential=${uriEncode(v.credentials.accessKeyId)}%2F${v.dateStamp}%2F${v.region}%2F${v.service}%2Faws4_request` +
    `&X-Amz-Date=${v.amzDate}&X-Amz-Expires=${String(plan.expiresIn)}${token}&X-Amz-SignedHeaders=${SIMPLE_NAMES.test(h.signedHeaders) ? h.signedHeaders.replaceAll(';', '%3B') : uriEncode(h.signedHeaders)}`;
  const own = url.query === '' ? [] : canonicalQueryPairs(url.query).filter(([k]) => !OWNED_QUERY.has(k.toLowerCase()));
  const query = own.length === 0 ? auth : canonicalQueryString(own.concat(canonicalQueryPairs(auth)));
  const headers: Record<string, string> = {};
  for (const name of h.signedNames) headers[name] = h.headers[name] as string;
  return {
    canonicalRequest: assembleCanonicalRequest(method, uri, query, h.canonicalHeaders, h.signedHeaders, payloadHash),
    query,
    signedHeaders: h.signedHeaders,
    headers,
    origin: url.origin,
    // S3's canonical URI is a valid wire path for the same key; other services keep the caller's path.
    path: v.s3 ? uri : url.path.replace(PATH_UNSAFE, uriEncode),
  };
}

function result(plan: PresignPlan, c: Canonical, sts: string, signature: string): PresignResult {
  const { v } = plan;
  let url = `${c.origin}${c.path}?${c.query}&X-Amz-Signature=${signature}`;
  if (v.sessionToken !== undefined && !v.signSessionToken) url += `&X-Amz-Security-Token=${uriEncode(v.sessionToken)}`;
  return {
    url,
    headers: c.headers,
    canonicalRequest: c.canonicalRequest,
    stringToSign: sts,
    signature,
    signedHeaders: c.signedHeaders,
    credentialScope: v.scope,
    amzDate: v.amzDate,
  };
}

/**
 * Presign `req` (SigV4 query-string authentication): returns a URL carrying `X-Amz-Algorithm`, `X-Amz-Credential`,
 * `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Security-Token` (when the credentials have one)
 * and `X-Amz-Signature`, plus the signed headers the caller must send with it. For S3 the payload is
 * `UNSIGNED-PAYLOAD` unless `payloadHash` says otherwise; elsewhere it is the body hash.
 * @example
 * const { url } = presignUrl(
 *   { method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/test.txt' },
 *   { credentials, region: 'us-east-1', service: 's3', expiresIn: 3600 },
 * );
 */
export function presignUrl(req: SignableRequest, opts: PresignOptions): PresignResult {
  const plan = planPresign(req, opts);
  const s = signatureSteps(req, plan, opts.crypto ?? nodeCrypto, (payloadHash) => canonicalFor(req, plan, payloadHash));
  return result(plan, s.c, s.sts, s.signature);
}

/** Options of {@link presignUrlAsync}: {@link PresignOptions} with an asynchronous crypto backend. */
export interface PresignAsyncOptions extends Omit<PresignOptions, 'crypto'> {
  /** Asynchronous backend, e.g. `webCrypto()`. */
  crypto: SigV4AsyncCrypto;
}

/**
 * {@link presignUrl} on an asynchronous crypto backend (Web Crypto in browsers, edge runtimes, Deno, Bun).
 * @example
 * const { url } = await presignUrlAsync(req, { credentials, region: 'us-east-1', service: 's3', crypto: webCrypto() });
 */
export async function presignUrlAsync(req: SignableRequest, opts: PresignAsyncOptions): Promise<PresignResult> {
  const plan = planPresign(req, opts);
  const s = await signatureStepsAsync(req, plan, opts.crypto, (payloadHash) => canonicalFor(req, plan, payloadHash));
  return result(plan, s.c, s.sts, s.signature);
}
