import { amzDate as formatAmzDate } from './amz-date.js';
import { canonicalRequest } from './canonical-request.js';
import { createAwsChunkedDecoder, type AwsChunkedDecoder } from './aws-chunked-decoder.js';
import type { AwsChunkedPayload } from './aws-chunked-length.js';
import { hmacHex, nodeCrypto, sha256Hex } from './crypto.js';
import { isSigV4Error, SigV4Error } from './errors.js';
import { redactCanonicalRequest } from './explain-redact.js';
import { signingKey } from './signing-key.js';
import { stringToSign } from './string-to-sign.js';
import type { HeaderValue, SigV4Crypto } from './types.js';
import {
  isVerifyParseFailure,
  parseAmzDate,
  parseAuthorizationHeader,
  parsePresignedQuery,
  type SigV4AuthFields,
  type VerifyFailureReason,
} from './verify-parse.js';
import { timingSafeEqualString } from './verify-timing-safe-equal.js';

/** A received request: the URL as sent on the wire (path and query as received), its headers and body. */
export interface VerifiableRequest {
  readonly method: string;
  readonly url: string | URL;
  /**
   * Received headers, any case. Repeated headers as arrays (with Node's `http`, pass `req.headersDistinct`:
   * `req.headers` joins repeats with ", " where SigV4 joins them with ",").
   */
  readonly headers?: Readonly<Record<string, HeaderValue | undefined>> | undefined;
  /** The body, when the payload hash must be checked against it (or computed, without `x-amz-content-sha256`). */
  readonly body?: string | Uint8Array | undefined;
}

/** What `lookupSecret` may return: the secret, or the secret plus the session token the request must carry. */
export type VerifySecret = string | { readonly secretAccessKey: string; readonly sessionToken?: string | undefined };

/** Options of {@link verifyRequest}. */
export interface VerifyOptions {
  /** Finds the secret for an access key id; `undefined` means unknown key. */
  lookupSecret(accessKeyId: string): VerifySecret | undefined | Promise<VerifySecret | undefined>;
  /**
   * The verifier's clock.
   * @default new Date()
   */
  now?: Date | undefined;
  /**
   * Allowed clock difference for header-signed requests (and for presigned URLs dated in the future).
   * @default 900000 (15 minutes, as S3)
   */
  clockSkewMs?: number | undefined;
  /** Accepted region(s); any region when omitted. */
  region?: string | readonly string[] | undefined;
  /** Accepted service; any service when omitted. */
  service?: string | undefined;
  /**
   * S3 path rules (no double encoding, no normalisation).
   * @default true when the credential scope's service is `s3`
   */
  s3?: boolean | undefined;
  /**
   * @default nodeCrypto
   */
  crypto?: SigV4Crypto | undefined;
}

/** A successful verification. */
export interface VerifySuccess {
  readonly valid: true;
  readonly accessKeyId: string;
  readonly kind: 'header' | 'presigned';
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  /** The signing time. */
  readonly date: Date;
  /** When a presigned URL stops being valid. */
  readonly expiresAt?: Date;
  /** The payload hash that was signed (hex, `UNSIGNED-PAYLOAD` or a `STREAMING-…` value). */
  readonly payloadHash: string;
  /**
   * For `STREAMING-…` payloads: a decoder for the `aws-chunked` body that continues the verified signature chain
   * (checks every chunk and the trailer). The seed signature and signing key stay inside the closure.
   */
  readonly createChunkedDecoder?: (opts?: { maxChunkSize?: number }) => AwsChunkedDecoder;
}

/** A failed verification; `detail` never contains a secret or the expected signature. */
export interface VerifyFailure {
  readonly valid: false;
  readonly reason: VerifyFailureReason;
  readonly detail: string;
  readonly accessKeyId?: string;
  /**
   * For `SIGNATURE_MISMATCH`: what this side computed, as S3 reports it, to feed `explainSignatureMismatch`
   * (the session token is replaced by a fingerprint).
   */
  readonly canonicalRequest?: string;
  readonly stringToSign?: string;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

const fail = (reason: VerifyFailureReason, detail: string, extra: Partial<VerifyFailure> = {}): VerifyFailure =>
  ({ valid: false, reason, detail, ...extra });

function lowerCaseHeaders(headers: VerifiableRequest['headers']): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const joined = typeof value === 'string' ? value : value.join(',');
    const prev = out.get(key);
    out.set(key, prev === undefined ? joined : `${prev},${joined}`);
  }
  return out;
}

const decodeQueryPart = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
};

/** Decoded query parameters (first occurrence wins for the X-Amz-* lookups). */
function queryParameters(url: URL): Map<string, string> {
  const search = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  const out = new Map<string, string>();
  for (const raw of search.split('&')) {
    if (raw === '') continue;
    const eq = raw.indexOf('=');
    const key = decodeQueryPart(eq < 0 ? raw : raw.slice(0, eq));
    if (!out.has(key)) out.set(key, eq < 0 ? '' : decodeQueryPart(raw.slice(eq + 1)));
  }
  return out;
}

/**
 * Verifies a SigV4-signed request (Authorization header or presigned URL): parses the signature fields, looks up
 * the secret, checks the scope and the time window, recomputes the signature over the signed headers only and
 * compares it in constant time. Never throws for a bad request; it returns `{ valid: false, reason, detail }`.
 *
 * @example
 * const result = await verifyRequest({ method: req.method, url: `https://${req.headers.host}${req.url}`, headers: req.headers },
 *   { lookupSecret: (id) => keys.get(id), region: 'us-east-1', service: 's3' });
 * if (!result.valid) res.writeHead(403).end(result.reason);
 */
export async function verifyRequest(request: VerifiableRequest, opts: VerifyOptions): Promise<VerifyResult> {
  const crypto = opts.crypto ?? nodeCrypto;
  const now = opts.now ?? new Date();
  const skew = opts.clockSkewMs ?? 900_000;
  let url: URL;
  try {
    url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  } catch (cause) {
    throw new SigV4Error('SIGV4_INVALID_URL', `verifyRequest: ${JSON.stringify(String(request.url))} is not an absolute URL; pass scheme://host/path?query`, { cause });
  }
  const headers = lowerCaseHeaders(request.headers);
  const queryMap = queryParameters(url);

  const authorization = headers.get('authorization');
  let fields: SigV4AuthFields;
  if (authorization !== undefined) {
    const parsed = parseAuthorizationHeader(authorization);
    if (isVerifyParseFailure(parsed)) return fail(parsed.reason, parsed.detail);
    fields = parsed;
  } else if (queryMap.has('X-Amz-Signature') || queryMap.has('X-Amz-Algorithm')) {
    const parsed = parsePresignedQuery(queryMap);
    if (isVerifyParseFailure(parsed)) return fail(parsed.reason, parsed.detail);
    fields = parsed;
  } else {
    return fail('MISSING_AUTHORIZATION', 'the request has neither an Authorization header nor X-Amz-Signature query parameters');
  }
  const { accessKeyId } = fields;
  const withKey = { accessKeyId };

  // Time: header auth reads x-amz-date (or Date); presigned reads X-Amz-Date.
  const rawDate = fields.amzDate ?? headers.get('x-amz-date');
  let date: Date | undefined;
  if (rawDate !== undefined) {
    date = parseAmzDate(rawDate);
  } else if (headers.has('date')) {
    const parsed = new Date(headers.get('date') as string);
    date = Number.isNaN(parsed.getTime()) ? undefined : new Date(Math.floor(parsed.getTime() / 1000) * 1000);
  }
  if (date === undefined) return fail('INVALID_DATE', 'the request has no valid X-Amz-Date (YYYYMMDDTHHMMSSZ) or Date', withKey);
  const { amzDate, dateStamp } = formatAmzDate(date);

  // Scope: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
  if (fields.terminator !== 'aws4_request') return fail('SCOPE_MISMATCH', `credential scope must end with aws4_request, not ${JSON.stringify(fields.terminator)}`, withKey);
  if (fields.dateStamp !== dateStamp) return fail('SCOPE_MISMATCH', `credential scope date ${fields.dateStamp} is not the request date ${dateStamp}`, withKey);
  const regions = opts.region === undefined ? undefined : typeof opts.region === 'string' ? [opts.region] : opts.region;
  if (regions !== undefined && !regions.includes(fields.region)) {
    return fail('SCOPE_MISMATCH', `credential scope region ${JSON.stringify(fields.region)} is not ${regions.map((r) => JSON.stringify(r)).join(' or ')}`, withKey);
  }
  if (opts.service !== undefined && fields.service !== opts.service) {
    return fail('SCOPE_MISMATCH', `credential scope service ${JSON.stringify(fields.service)} is not ${JSON.stringify(opts.service)}`, withKey);
  }

  const t = now.getTime();
  let expiresAt: Date | undefined;
  if (fields.kind === 'presigned') {
    expiresAt = new Date(date.getTime() + (fields.expires ?? 0) * 1000);
    if (t > expiresAt.getTime()) return fail('EXPIRED', `the presigned URL expired at ${expiresAt.toISOString()}`, withKey);
    if (date.getTime() - t > skew) return fail('NOT_YET_VALID', `the presigned URL is dated ${date.toISOString()}, in the future`, withKey);
  } else {
    if (t - date.getTime() > skew) return fail('EXPIRED', `the request was signed at ${date.toISOString()}, more than ${skew / 1000} s ago`, withKey);
    if (date.getTime() - t > skew) return fail('NOT_YET_VALID', `the request is dated ${date.toISOString()}, more than ${skew / 1000} s ahead`, withKey);
  }

  // Every signed header must be present (host may come from the URL).
  if (!fields.signedHeaders.includes('host')) return fail('MISSING_SIGNED_HEADER', 'host must be a signed header', withKey);
  const signedHeaderValues: Record<string, string> = {};
  for (const name of fields.signedHeaders) {
    const value = headers.get(name) ?? (name === 'host' ? url.host : undefined);
    if (value === undefined) return fail('MISSING_SIGNED_HEADER', `signed header ${JSON.stringify(name)} is not in the request`, withKey);
    signedHeaderValues[name] = value;
  }

  const found = await opts.lookupSecret(accessKeyId);
  if (found === undefined) return fail('UNKNOWN_ACCESS_KEY', `access key id ${JSON.stringify(accessKeyId)} is not known`, withKey);
  const secret = typeof found === 'string' ? found : found.secretAccessKey;
  const expectedToken = typeof found === 'string' ? undefined : found.sessionToken;
  if (expectedToken !== undefined) {
    const token = fields.kind === 'presigned' ? queryMap.get('X-Amz-Security-Token') : headers.get('x-amz-security-token');
    if (token === undefined || !timingSafeEqualString(token, expectedToken)) {
      return fail('INVALID_SECURITY_TOKEN', 'the session token is missing or does not belong to this access key', withKey);
    }
  }

  const s3 = opts.s3 ?? fields.service === 's3';
  const bodyHash = (): string => sha256Hex(crypto, request.body ?? '');
  let payloadHash: string;
  if (fields.kind === 'presigned') {
    // S3 presigned URLs sign UNSIGNED-PAYLOAD unless they carry X-Amz-Content-Sha256; other services sign the body hash.
    payloadHash = queryMap.get('X-Amz-Content-Sha256') ?? (fields.service === 's3' ? 'UNSIGNED-PAYLOAD' : bodyHash());
  } else {
    payloadHash = headers.get('x-amz-content-sha256') ?? bodyHash();
    if (request.body !== undefined && /^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== bodyHash()) {
      return fail('PAYLOAD_HASH_MISMATCH', 'x-amz-content-sha256 is not the SHA-256 of the body received', withKey);
    }
  }

  // Recompute over exactly what the client signed: the signed headers, and the query without X-Amz-Signature.
  let canonical: string;
  try {
    canonical = canonicalRequest(
      { method: request.method, url: request.url, headers: signedHeaderValues },
      { payloadHash, s3, signedHeaders: fields.signedHeaders, omitQuery: fields.kind === 'presigned' ? ['X-Amz-Signature'] : [] },
    ).canonicalRequest;
  } catch (e) {
    if (isSigV4Error(e)) return fail('MALFORMED_AUTHORIZATION', `the request cannot be canonicalised: ${e.message}`, withKey);
    throw e;
  }
  const scope = `${fields.dateStamp}/${fields.region}/${fields.service}/aws4_request`;
  const sts = stringToSign('AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(crypto, canonical));
  const key = signingKey(crypto, secret, fields.dateStamp, fields.region, fields.service);
  const expected = hmacHex(crypto, key, sts);
  if (!timingSafeEqualString(expected, fields.signature)) {
    return fail('SIGNATURE_MISMATCH', 'the signature does not match the canonical request computed from this request', {
      accessKeyId, canonicalRequest: redactCanonicalRequest(canonical), stringToSign: sts,
    });
  }
  const streaming = payloadHash === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' || payloadHash === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER'
    || payloadHash === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
  const decodedLength = Number(headers.get('x-amz-decoded-content-length') ?? Number.NaN);
  const seed = { signature: fields.signature, amzDate, credentialScope: scope };
  return {
    valid: true, accessKeyId, kind: fields.kind, region: fields.region, service: fields.service,
    signedHeaders: fields.signedHeaders, date, payloadHash, ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(streaming ? {
      createChunkedDecoder: (o: { maxChunkSize?: number } = {}) => createAwsChunkedDecoder({
        payload: payloadHash as AwsChunkedPayload, seed, signingKey: key, crypto,
        ...(Number.isSafeInteger(decodedLength) ? { decodedLength } : {}), ...(o.maxChunkSize !== undefined ? { maxChunkSize: o.maxChunkSize } : {}),
      }),
    } : {}),
  };
}
