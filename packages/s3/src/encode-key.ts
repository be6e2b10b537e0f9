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
 * Encodes an object key for the request path: each segment percent-encoded, slashes kept. This is also the form
 * SigV4 signs (S3 paths are encoded once and never normalised).
 *
 * @example
 * ```ts
 * encodeKey('a b/c+d.txt'); // 'a%20b/c%2Bd.txt'
 * ```
 */
export function encodeKey(key: string): string {
  return key.split('/').map(uriEncode).join('/');
}

/**
 * The form of a request URL that survives WHATWG URL parsing (undici, fetch, browsers), which resolves `.` and `..`
 * path segments — even percent-encoded ones. The slash after each dot segment (or before one at the end) is sent
 * as `%2F`, so no segment is a dot segment any more. S3 decodes the path once, so the key is unchanged, and the
 * signature of the plain form still matches (the server re-encodes the decoded key with slashes to check it).
 *
 * @example
 * ```ts
 * dotSafeUrl('http://h/b/a/../c?x=1'); // 'http://h/b/a/..%2Fc?x=1'
 * ```
 */
export function dotSafeUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)(.*)$/is.exec(url);
  if (m === null) return url;
  const [, origin, path = '', rest = ''] = m;
  const segments = path.split('/');
  if (!segments.some(isDotSegment)) return url;
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    if (i === 0) {
      out = seg;
      continue;
    }
    const prevDot = isDotSegment(segments[i - 1] ?? '') && i - 1 > 0;
    const lastDot = i === segments.length - 1 && isDotSegment(seg) && i > 1;
    out += prevDot || lastDot ? `%2F${seg}` : `/${seg}`;
  }
  return `${origin}${out}${rest}`;
}

function isDotSegment(s: string): boolean {
  return s === '.' || s === '..';
}
