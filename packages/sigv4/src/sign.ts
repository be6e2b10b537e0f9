import { canonicalRequest, type CanonicalRequestResult } from './canonical-request.js';
import { nodeCrypto } from './crypto.js';
import { SigV4Error } from './errors.js';
import { signatureSteps, signatureStepsAsync } from './signature-steps.js';
import { ALGORITHM } from './string-to-sign.js';
import type { HeaderValue, SigV4AsyncCrypto, SignableRequest, SignOptions, SignResult } from './types.js';
import { validatePayloadHash, validateSignOptions, type ValidatedSigning } from './validate-sign-options.js';

const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

interface HeaderPlan {
  v: ValidatedSigning;
  headers: Record<string, HeaderValue>;
  /** Headers we generate: x-amz-date and x-amz-content-sha256 (valid by construction). */
  own: Record<string, string>;
  payloadHash: string | undefined;
  addContentSha256: boolean;
}

/** Validate, then collect the headers to sign: the caller's, minus the ones we own, plus x-amz-date and the token. */
function planHeaders(req: SignableRequest, opts: Omit<SignOptions, 'crypto'>): HeaderPlan {
  const v = validateSignOptions(opts);
  if (typeof req !== 'object' || req === null) throw new SigV4Error('SIGV4_INVALID_URL', 'sigv4: request is missing; pass { method, url }');
  const addContentSha256 = opts.addContentSha256 ?? v.s3;
  const headers: Record<string, HeaderValue> = {};
  let payloadHash = v.payloadHash;
  const given = req.headers ?? {};
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-amz-date') continue;
    if (lower === 'x-amz-security-token' && v.sessionToken !== undefined) continue;
    if (lower === PAYLOAD_HASH_HEADER) {
      // A caller-supplied x-amz-content-sha256 is the payload hash unless payloadHash says otherwise.
      if (payloadHash === undefined && typeof value === 'string') payloadHash = validatePayloadHash(value.trim());
      if (addContentSha256) continue;
    }
    headers[name] = value;
  }
  if (v.sessionToken !== undefined && v.signSessionToken) headers['x-amz-security-token'] = v.sessionToken;
  return { v, headers, own: { 'x-amz-date': v.amzDate }, payloadHash, addContentSha256 };
}

function canonicalFor(req: SignableRequest, plan: HeaderPlan, payloadHash: string): CanonicalRequestResult {
  if (plan.addContentSha256) plan.own[PAYLOAD_HASH_HEADER] = payloadHash;
  return canonicalRequest(
    { method: req.method, url: req.url, headers: plan.headers },
    { payloadHash, s3: plan.v.s3, unsignedHeaders: plan.v.unsignedHeaders, trustedHeaders: plan.own },
  );
}

function result(plan: HeaderPlan, c: CanonicalRequestResult, sts: string, signature: string): SignResult {
  const { v } = plan;
  const headers = c.headers;
  if (v.sessionToken !== undefined && !v.signSessionToken) headers['x-amz-security-token'] = v.sessionToken;
  headers['authorization'] =
    `${ALGORITHM} Credential=${v.credentials.accessKeyId}/${v.scope}, SignedHeaders=${c.signedHeaders}, Signature=${signature}`;
  return {
    headers,
    canonicalRequest: c.canonicalRequest,
    stringToSign: sts,
    signature,
    signedHeaders: c.signedHeaders,
    credentialScope: v.scope,
    amzDate: v.amzDate,
  };
}

/**
 * Sign `req` for the `Authorization` header (SigV4, AWS4-HMAC-SHA256). Pure apart from `new Date()` when no `date`
 * is given: returns every header to send (lower-case names) and the intermediate products.
 * On Node this is one SHA-256 of the canonical request and one HMAC with a cached signing key (plus the body hash
 * when no `payloadHash` is given).
 * @example
 * const { headers } = signRequest(
 *   { method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/test.txt' },
 *   { credentials, region: 'us-east-1', service: 's3' },
 * );
 * await fetch('https://examplebucket.s3.amazonaws.com/test.txt', { headers });
 */
export function signRequest(req: SignableRequest, opts: SignOptions): SignResult {
  const plan = planHeaders(req, opts);
  const s = signatureSteps(req, plan, opts.crypto ?? nodeCrypto, (payloadHash) => canonicalFor(req, plan, payloadHash));
  return result(plan, s.c, s.sts, s.signature);
}

/** Options of {@link signRequestAsync}: {@link SignOptions} with an asynchronous crypto backend. */
export interface SignAsyncOptions extends Omit<SignOptions, 'crypto'> {
  /** Asynchronous backend, e.g. `webCrypto()`. */
  crypto: SigV4AsyncCrypto;
}

/**
 * {@link signRequest} on an asynchronous crypto backend (Web Crypto in browsers, edge runtimes, Deno, Bun).
 * Same inputs, same validation, same result.
 * @example
 * const { headers } = await signRequestAsync(req, { credentials, region: 'us-east-1', service: 's3', crypto: webCrypto() });
 */
export async function signRequestAsync(req: SignableRequest, opts: SignAsyncOptions): Promise<SignResult> {
  const plan = planHeaders(req, opts);
  const s = await signatureStepsAsync(req, plan, opts.crypto, (payloadHash) => canonicalFor(req, plan, payloadHash));
  return result(plan, s.c, s.sts, s.signature);
}
