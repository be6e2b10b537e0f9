// SigV4 URI encoding: keep the unreserved set A-Z a-z 0-9 - _ . ~, percent-encode every other UTF-8 byte as %XX
// (upper-case hex). https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-_.~/]*$/;
// encodeURIComponent keeps these five, SigV4 does not.
const EXTRA_RESERVED = /[!'()*]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HEX_UPPER = '0123456789ABCDEF';

const escapeExtra = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * URI-encode `value` with the SigV4 rules (`/` is encoded too). Lone surrogates become U+FFFD, as UTF-8 encoders do.
 * @example
 * uriEncode('a b/$'); // 'a%20b%2F%24'
 */
export function uriEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  if (UNRESERVED_OR_SLASH.test(value)) return value.replaceAll('/', '%2F');
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    encoded = encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
  }
  return encoded.replace(EXTRA_RESERVED, escapeExtra);
}

/**
 * URI-encode each `/`-separated segment of `path` with the SigV4 rules, keeping the `/` separators.
 * @example
 * uriEncodePath('/photos/my cat.jpg'); // '/photos/my%20cat.jpg'
 */
export function uriEncodePath(path: string): string {
  if (UNRESERVED_OR_SLASH.test(path)) return path;
  return path.split('/').map(uriEncode).join('/');
}

/** Encode raw bytes with the SigV4 rules. */
function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const unreserved =
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e;
    out += unreserved ? String.fromCharCode(b) : `%${HEX_UPPER[b >> 4] as string}${HEX_UPPER[b & 15] as string}`;
  }
  return out;
}

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const utf8 = new TextEncoder();

/**
 * Byte-exact decode of a component as written on the wire: valid `%XX` escapes become their byte, everything else
 * its UTF-8 bytes, and `+` becomes a space when `plusIsSpace` (query strings). Never throws, even on invalid UTF-8.
 */
function decodeToBytes(raw: string, plusIsSpace: boolean): Uint8Array {
  const src = utf8.encode(raw);
  const out = new Uint8Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as number;
    if (c === 0x25 && i + 2 < src.length && isHex(src[i + 1] as number) && isHex(src[i + 2] as number)) {
      out[n++] = Number.parseInt(String.fromCharCode(src[i + 1] as number, src[i + 2] as number), 16);
      i += 2;
    } else {
      out[n++] = plusIsSpace && c === 0x2b ? 0x20 : c;
    }
  }
  return out.subarray(0, n);
}

/**
 * Canonical form of one URI component as written on the wire: percent-decode it, then re-encode it with the SigV4
 * rules, so `%7e`, `~` and `%7E` all become `~`, and `$` or `%24` become `%24`. `+` is a space in query strings
 * (`plusIsSpace`), as in `application/x-www-form-urlencoded` and URLSearchParams; in paths it is a literal `+`.
 * @example
 * canonicalComponent('a%2fb+c', true); // 'a%2Fb%20c'
 */
export function canonicalComponent(raw: string, plusIsSpace: boolean): string {
  if (UNRESERVED_ONLY.test(raw)) return raw;
  if (!raw.includes('%') && !(plusIsSpace && raw.includes('+'))) return uriEncode(raw);
  return encodeBytes(decodeToBytes(raw, plusIsSpace));
}
