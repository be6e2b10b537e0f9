import { canonicalComponent, uriEncode } from './uri-encode.js';

/** One decoded-and-re-encoded query parameter, ready for sorting. */
export type CanonicalPair = readonly [key: string, value: string];

/**
 * Canonical pairs of a raw query string (without `?`): split on `&`, skip empty parts, split at the first `=`
 * (a key without `=` has the value `''`), then percent-decode and re-encode key and value with the SigV4 rules.
 * `+` is read as a space.
 * @example
 * canonicalQueryPairs('b=2&a&c=x+y'); // [['b','2'], ['a',''], ['c','x%20y']]
 */
export function canonicalQueryPairs(rawQuery: string): CanonicalPair[] {
  const pairs: CanonicalPair[] = [];
  if (rawQuery === '') return pairs;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([canonicalComponent(key, true), canonicalComponent(value, true)]);
  }
  return pairs;
}

/**
 * Encode already-decoded parameters (for example the `X-Amz-*` parameters of a presigned URL) as canonical pairs.
 * @example
 * encodeQueryPairs([['X-Amz-Credential', 'AKID/20150830/us-east-1/s3/aws4_request']]);
 */
export function encodeQueryPairs(params: Iterable<readonly [string, string]>): CanonicalPair[] {
  const pairs: CanonicalPair[] = [];
  for (const [k, v] of params) pairs.push([uriEncode(k), uriEncode(v)]);
  return pairs;
}

const byKeyThenValue = (a: CanonicalPair, b: CanonicalPair): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/**
 * The canonical query string: pairs sorted by encoded key, then by encoded value (repeated keys), joined as
 * `k=v&k=v`. Encoded strings are ASCII, so code-unit order is byte order.
 * @example
 * canonicalQueryString([['b', '2'], ['a', '']]); // 'a=&b=2'
 */
export function canonicalQueryString(pairs: readonly CanonicalPair[]): string {
  let inOrder = true;
  for (let i = 1; i < pairs.length && inOrder; i++) inOrder = byKeyThenValue(pairs[i - 1] as CanonicalPair, pairs[i] as CanonicalPair) <= 0;
  const sorted = inOrder ? pairs : pairs.slice().sort(byKeyThenValue);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const [k, v] = sorted[i] as CanonicalPair;
    out += i === 0 ? `${k}=${v}` : `&${k}=${v}`;
  }
  return out;
}
