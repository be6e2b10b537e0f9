import { S3Error } from './errors.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ENCODED_WORD = /^=\?utf-8\?b\?([A-Za-z0-9+/=]*)\?=$/i;

/**
 * `x-amz-meta-*` request headers for user metadata. Names must be HTTP tokens (they are lower-cased, as S3 stores
 * them). Values outside printable ASCII are sent as an RFC 2047 encoded word (`=?UTF-8?B?…?=`), which is the form S3
 * itself uses to return them, so any unicode value round-trips. Throws `S3_INVALID_ARGUMENT` on a bad name.
 *
 * @example
 * ```ts
 * userMetadataHeaders({ author: 'Zoë' }); // { 'x-amz-meta-author': '=?UTF-8?B?Wm/Dqw==?=' }
 * ```
 */
export function userMetadataHeaders(metadata: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (!TOKEN.test(name)) {
      throw new S3Error(
        'S3_INVALID_ARGUMENT',
        `Invalid metadata name ${JSON.stringify(name)}: use letters, digits and - _ . (an HTTP header token).`,
        { value: name },
      );
    }
    out[`x-amz-meta-${name.toLowerCase()}`] =
      PRINTABLE_ASCII.test(value) && !ENCODED_WORD.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
  }
  return out;
}

/** Reads user metadata back from response headers, decoding RFC 2047 encoded words. */
export function userMetadataFromHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-amz-meta-')) continue;
    const m = ENCODED_WORD.exec(value);
    out[lower.slice('x-amz-meta-'.length)] = m?.[1] === undefined ? value : Buffer.from(m[1], 'base64').toString('utf8');
  }
  return out;
}
