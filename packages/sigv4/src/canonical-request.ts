import { canonicalHeaders } from './canonical-headers.js';
import { canonicalQueryPairs, canonicalQueryString, encodeQueryPairs, type CanonicalPair } from './canonical-query.js';
import { canonicalUri } from './canonical-uri.js';
import { SigV4Error } from './errors.js';
import { requestUrl, type RequestUrl } from './request-url.js';
import type { SignableRequest } from './types.js';
import { uriEncode } from './uri-encode.js';

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Options of {@link canonicalRequest}. */
export interface CanonicalRequestOptions {
  /** Last line of the canonical request: hex SHA-256 of the body, `UNSIGNED-PAYLOAD` or a `STREAMING-…` value. */
  payloadHash: string;
  /** S3 path rules (encode once, no normalisation) instead of the generic ones (normalise, then encode the wire path again). */
  s3: boolean;
  /** Extra header names to leave unsigned (on top of the default exclusions). */
  unsignedHeaders?: readonly string[] | undefined;
  /** Sign exactly these lower-case header names instead of applying the exclusion rules (used to verify a received signature). */
  signedHeaders?: readonly string[] | undefined;
  /** Decoded query parameters to add to the URL's own, e.g. the `X-Amz-*` parameters of a presigned URL. */
  extraQuery?: Iterable<readonly [string, string]> | undefined;
  /** Signer-generated headers (lower-case names, valid values) added without re-validation; see `canonicalHeaders`. */
  trustedHeaders?: Readonly<Record<string, string>> | undefined;
  /** Decoded query keys (case-sensitive) to drop from the URL's own query, e.g. `X-Amz-Signature` when verifying. */
  omitQuery?: readonly string[] | undefined;
}

/** Result of {@link canonicalRequest}: the canonical request and each of its parts. */
export interface CanonicalRequestResult {
  /** `method \n uri \n query \n headers-block \n signedHeaders \n payloadHash` (the headers block ends with its own `\n`). */
  canonicalRequest: string;
  /** `;`-joined sorted lower-case names of the signed headers. */
  signedHeaders: string;
  canonicalUri: string;
  canonicalQuery: string;
  /** Canonical header lines, each ending with `\n`. */
  canonicalHeaders: string;
  /** Canonical query pairs (encoded), in URL order then `extraQuery` order (unsorted). */
  queryPairs: CanonicalPair[];
  /** Every request header by lower-case name with the value to send, including `host` (added from the URL when absent). */
  headers: Record<string, string>;
  /** The parsed URL. */
  url: RequestUrl;
}

/**
 * Build the SigV4 canonical request of `req`.
 *
 * Signature: `canonicalRequest(req: SignableRequest, opts: CanonicalRequestOptions): CanonicalRequestResult`.
 * `req.headers` must already hold everything to be signed (`x-amz-date`, and `x-amz-content-sha256` or
 * `x-amz-security-token` when used); `host` is added from the URL when missing. `req.body` is ignored: pass its
 * hash as `opts.payloadHash`. Pure and synchronous: no clock, no crypto.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
 * @example
 * const { canonicalRequest: creq, signedHeaders } = canonicalRequest(
 *   { method: 'GET', url: 'https://example.amazonaws.com/', headers: { 'x-amz-date': '20150830T123600Z' } },
 *   { payloadHash: 'e3b0c442…', s3: false },
 * );
 */
export function canonicalRequest(req: SignableRequest, opts: CanonicalRequestOptions): CanonicalRequestResult {
  const method = assertMethod(req.method);
  const url = requestUrl(req.url);
  const uri = canonicalUri(url.path, opts.s3);

  let pairs = canonicalQueryPairs(url.query);
  if (opts.omitQuery !== undefined && opts.omitQuery.length > 0) {
    const omit = new Set(opts.omitQuery.map(uriEncode));
    pairs = pairs.filter(([k]) => !omit.has(k));
  }
  if (opts.extraQuery !== undefined) pairs.push(...encodeQueryPairs(opts.extraQuery));
  const query = canonicalQueryString(pairs);

  const headers = canonicalHeaders(req.headers ?? {}, {
    unsignedHeaders: opts.unsignedHeaders,
    signedHeaders: opts.signedHeaders,
    trusted: opts.trustedHeaders,
    defaultHost: url.host,
  });

  return {
    canonicalRequest: assembleCanonicalRequest(method, uri, query, headers.canonicalHeaders, headers.signedHeaders, opts.payloadHash),
    signedHeaders: headers.signedHeaders,
    canonicalUri: uri,
    canonicalQuery: query,
    canonicalHeaders: headers.canonicalHeaders,
    queryPairs: pairs,
    headers: headers.headers,
    url,
  };
}

/** Validate an HTTP method (RFC 7230 token), returning it unchanged: SigV4 signs the method as sent. */
export function assertMethod(method: unknown): string {
  if (typeof method !== 'string' || !METHOD.test(method)) {
    throw new SigV4Error('SIGV4_INVALID_METHOD', `sigv4: HTTP method ${JSON.stringify(method)} is not a valid token; use e.g. GET, PUT or POST`);
  }
  return method;
}

/** Join the six parts of a canonical request (the headers block already ends with `\n`). */
export function assembleCanonicalRequest(
  method: string,
  uri: string,
  query: string,
  canonicalHeadersBlock: string,
  signedHeaders: string,
  payloadHash: string,
): string {
  return `${method}\n${uri}\n${query}\n${canonicalHeadersBlock}\n${signedHeaders}\n${payloadHash}`;
}
