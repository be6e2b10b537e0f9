/**
 * RFC 3986 percent-encoding as S3 and SigV4 want it: every UTF-8 byte except the unreserved set
 * `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case hex).
 *
 * @example
 * ```ts
 * uriEncode('a b+c'); // 'a%20b%2Bc'
 * ```
 */
export function uriEncode(value: string): string {
  // encodeURIComponent leaves !'()* alone; SigV4 wants them encoded.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Encodes an object key for the request path. Slashes stay slashes, so the URL looks like the key — except when a
 * segment is `.` or `..`: URL parsers (WHATWG, undici, browsers) would resolve those, even percent-encoded, so then
 * every `/` is sent as `%2F` too. S3 decodes the path once, so both forms name the same key.
 *
 * @example
 * ```ts
 * encodeKey('a b/c+d.txt'); // 'a%20b/c%2Bd.txt'
 * encodeKey('a/../b');      // 'a%2F..%2Fb'
 * ```
 */
export function encodeKey(key: string): string {
  const segments = key.split('/');
  const encoded = segments.map(uriEncode);
  return segments.some((s) => s === '.' || s === '..') ? encoded.join('%2F') : encoded.join('/');
}
