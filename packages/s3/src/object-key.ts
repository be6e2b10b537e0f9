import { S3Error } from './errors.js';

// With the u flag a valid surrogate pair is one code point, so \p{Cs} only matches unpaired halves.
const LONE_SURROGATE = /\p{Cs}/u;

/** Longest object key S3 accepts, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/**
 * Throws `S3_INVALID_KEY` when `key` is empty, is exactly `.` or `..`, holds unpaired UTF-16 surrogates (which have no UTF-8 form), or is longer
 * than 1,024 UTF-8 bytes; returns it otherwise.
 *
 * @example
 * ```ts
 * validateObjectKey('photos/2024/cat 🐱.jpg');
 * ```
 */
export function validateObjectKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new S3Error('S3_INVALID_KEY', 'Invalid object key: it is empty. Pass a key of 1 to 1,024 UTF-8 bytes.', { value: key });
  }
  if (LONE_SURROGATE.test(key)) {
    throw new S3Error(
      'S3_INVALID_KEY',
      `Invalid object key ${JSON.stringify(key)}: it holds an unpaired surrogate, which has no UTF-8 form. Fix the string (String.prototype.toWellFormed()).`,
      { value: key },
    );
  }
  if (key === '.' || key === '..') {
    // WHATWG URL parsers resolve a "." or ".." path segment (even as %2E) before the request leaves, so no HTTP
    // client can address these two keys.
    throw new S3Error(
      'S3_INVALID_KEY',
      `Invalid object key ${JSON.stringify(key)}: a key that is only dots cannot be sent in a URL path. Use another key (e.g. prefix it).`,
      { value: key },
    );
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) {
    throw new S3Error(
      'S3_INVALID_KEY',
      `Invalid object key ${JSON.stringify(key.slice(0, 64))}…: it is ${bytes} UTF-8 bytes long, the limit is ${MAX_KEY_BYTES}. Shorten it.`,
      { value: key },
    );
  }
  return key;
}
