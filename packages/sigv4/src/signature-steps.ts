import { checkBeforeHashing } from './check-before-hashing.js';
import { hmacHex, sha256Hex, toHex } from './crypto.js';
import { signingKeyAsync, signingKeyFor } from './signing-key.js';
import { ALGORITHM, stringToSign } from './string-to-sign.js';
import type { HeaderValue, SigV4AsyncCrypto, SigV4Crypto, SignableRequest } from './types.js';
import { EMPTY_PAYLOAD_HASH, hashableBody, isEmptyBody, type ValidatedSigning } from './validate-sign-options.js';

/** What header signing and presigning have settled before any hashing. */
export interface SigningPlan {
  v: ValidatedSigning;
  headers: Record<string, HeaderValue>;
  payloadHash: string | undefined;
}

/** The products of one signature: the canonical request (as `canonical` built it), string to sign, signature. */
export interface SignatureSteps<C> {
  c: C;
  sts: string;
  signature: string;
}

/**
 * The steps shared by every entry point once the plan is made: payload hash (when none was given), canonical
 * request, string to sign, and the HMAC with the cached signing key
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). `canonical` builds the
 * header or query flavour of the canonical request from the payload hash.
 */
export function signatureSteps<C extends { canonicalRequest: string }>(
  req: SignableRequest,
  plan: SigningPlan,
  crypto: SigV4Crypto,
  canonical: (payloadHash: string) => C,
): SignatureSteps<C> {
  const { v } = plan;
  const payloadHash = plan.payloadHash ?? (isEmptyBody(req.body) ? EMPTY_PAYLOAD_HASH : sha256Hex(crypto, hashableBody(checkBeforeHashing(req, plan.headers))));
  const c = canonical(payloadHash);
  const sts = stringToSign(ALGORITHM, v.amzDate, v.scope, sha256Hex(crypto, c.canonicalRequest));
  const key = signingKeyFor(crypto, v.credentials, v.dateStamp, v.region, v.service);
  return { c, sts, signature: hmacHex(crypto, key, sts) };
}

/** {@link signatureSteps} on an asynchronous crypto backend (Web Crypto). */
export async function signatureStepsAsync<C extends { canonicalRequest: string }>(
  req: SignableRequest,
  plan: SigningPlan,
  crypto: SigV4AsyncCrypto,
  canonical: (payloadHash: string) => C,
): Promise<SignatureSteps<C>> {
  const { v } = plan;
  const payloadHash = plan.payloadHash ?? (isEmptyBody(req.body) ? EMPTY_PAYLOAD_HASH : toHex(await crypto.sha256(hashableBody(checkBeforeHashing(req, plan.headers)))));
  const c = canonical(payloadHash);
  const sts = stringToSign(ALGORITHM, v.amzDate, v.scope, toHex(await crypto.sha256(c.canonicalRequest)));
  const key = await signingKeyAsync(crypto, v.credentials.secretAccessKey, v.dateStamp, v.region, v.service);
  return { c, sts, signature: toHex(await crypto.hmac(key, sts)) };
}
