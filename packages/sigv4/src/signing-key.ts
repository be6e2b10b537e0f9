import { credentialScope } from './credential-scope.js';
import { toHex } from './crypto.js';
import type { SigV4AsyncCrypto, SigV4Crypto } from './types.js';

const utf8 = new TextEncoder();

/** How many derived signing keys each crypto backend keeps (one per secret × date × region × service). */
export const SIGNING_KEY_CACHE_SIZE = 50;

// Bounded LRU per backend, keyed by hex SHA-256 of `secret \n scope`, so the raw secret is never a cache key.
// Map iteration order is insertion order: a hit is re-inserted, and the first key is the least recently used.
const caches = new WeakMap<object, Map<string, Uint8Array>>();

function cacheOf(backend: object): Map<string, Uint8Array> {
  let cache = caches.get(backend);
  if (cache === undefined) {
    cache = new Map();
    caches.set(backend, cache);
  }
  return cache;
}

function lookup(cache: Map<string, Uint8Array>, id: string): Uint8Array | undefined {
  const hit = cache.get(id);
  if (hit !== undefined) {
    cache.delete(id);
    cache.set(id, hit);
  }
  return hit;
}

function store(cache: Map<string, Uint8Array>, id: string, key: Uint8Array): void {
  cache.set(id, key);
  if (cache.size > SIGNING_KEY_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

const cacheId = (secretAccessKey: string, scope: string): string => `${secretAccessKey}\n${scope}`;

/** The four keys of the SigV4 derivation chain. */
export interface SigningKeyChain {
  kDate: Uint8Array;
  kRegion: Uint8Array;
  kService: Uint8Array;
  kSigning: Uint8Array;
}

/**
 * Derive the SigV4 signing key without caching, returning every step:
 * kDate = HMAC("AWS4" + secret, dateStamp), kRegion = HMAC(kDate, region), kService = HMAC(kRegion, service),
 * kSigning = HMAC(kService, "aws4_request").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#derive-signing-key
 * @example
 * toHex(deriveSigningKey(nodeCrypto, secret, '20120215', 'us-east-1', 'iam').kSigning);
 */
export function deriveSigningKey(crypto: SigV4Crypto, secretAccessKey: string, dateStamp: string, region: string, service: string): SigningKeyChain {
  const kDate = crypto.hmac(utf8.encode(`AWS4${secretAccessKey}`), dateStamp);
  const kRegion = crypto.hmac(kDate, region);
  const kService = crypto.hmac(kRegion, service);
  const kSigning = crypto.hmac(kService, 'aws4_request');
  return { kDate, kRegion, kService, kSigning };
}

/**
 * The SigV4 signing key: kDate = HMAC("AWS4" + secret, dateStamp), kRegion = HMAC(kDate, region),
 * kService = HMAC(kRegion, service), kSigning = HMAC(kService, "aws4_request").
 * Results are cached (bounded LRU, keyed by a SHA-256 of secret and scope). The returned bytes are shared: do not mutate.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#derive-signing-key
 * @example
 * signingKey(nodeCrypto, secret, '20150830', 'us-east-1', 'iam');
 */
export function signingKey(crypto: SigV4Crypto, secretAccessKey: string, dateStamp: string, region: string, service: string): Uint8Array {
  const cache = cacheOf(crypto);
  const id = toHex(crypto.sha256(cacheId(secretAccessKey, credentialScope(dateStamp, region, service))));
  const hit = lookup(cache, id);
  if (hit !== undefined) return hit;
  const { kSigning } = deriveSigningKey(crypto, secretAccessKey, dateStamp, region, service);
  store(cache, id, kSigning);
  return kSigning;
}

/**
 * {@link signingKey} on an asynchronous backend such as `webCrypto()`. Same derivation, same bounded cache rules.
 * @example
 * await signingKeyAsync(webCrypto(), secret, '20150830', 'us-east-1', 'iam');
 */
export async function signingKeyAsync(
  crypto: SigV4AsyncCrypto,
  secretAccessKey: string,
  dateStamp: string,
  region: string,
  service: string,
): Promise<Uint8Array> {
  const cache = cacheOf(crypto);
  const id = toHex(await crypto.sha256(cacheId(secretAccessKey, credentialScope(dateStamp, region, service))));
  const hit = lookup(cache, id);
  if (hit !== undefined) return hit;
  const kDate = await crypto.hmac(utf8.encode(`AWS4${secretAccessKey}`), dateStamp);
  const kRegion = await crypto.hmac(kDate, region);
  const kService = await crypto.hmac(kRegion, service);
  const kSigning = await crypto.hmac(kService, 'aws4_request');
  store(cache, id, kSigning);
  return kSigning;
}

// Fast path in front of the hashed LRU: the last key derived for a given credentials object and backend, so a
// signature costs no extra hash for the cache id. Entries live exactly as long as the credentials object. The
// secret string is referenced only to notice a (type-forbidden) reassignment of `secretAccessKey`; it is a
// reference to the string the credentials object itself holds, never a cache key, and is unreachable from outside.
interface Memo {
  backend: object;
  secret: string;
  dateStamp: string;
  region: string;
  service: string;
  key: Uint8Array;
}
const memos = new WeakMap<object, Memo>();

/**
 * {@link signingKey} for a credentials object: answered from a per-object memo when the same credentials sign
 * again for the same scope, otherwise from the bounded hashed cache.
 */
export function signingKeyFor(
  crypto: SigV4Crypto,
  credentials: { readonly secretAccessKey: string },
  dateStamp: string,
  region: string,
  service: string,
): Uint8Array {
  const memo = memos.get(credentials);
  if (
    memo !== undefined &&
    memo.backend === crypto &&
    memo.dateStamp === dateStamp &&
    memo.region === region &&
    memo.service === service &&
    memo.secret === credentials.secretAccessKey
  ) {
    return memo.key;
  }
  const key = signingKey(crypto, credentials.secretAccessKey, dateStamp, region, service);
  memos.set(credentials, { backend: crypto, secret: credentials.secretAccessKey, dateStamp, region, service, key });
  return key;
}

/** Number of cached signing keys for `crypto` (for tests and diagnostics; never exposes keys). */
export function signingKeyCacheSize(crypto: object): number {
  return caches.get(crypto)?.size ?? 0;
}

