import { canonicalComponent, uriEncodePath } from './uri-encode.js';

const SIGV4_SAFE_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * Remove `.`/`..` and empty segments from a path, keeping a leading and (if there are segments) a trailing `/`.
 * This matches the AWS SDKs' normalisation (and the aws-c-auth `-normalized` vectors).
 */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = out.length > 0 && path.endsWith('/') ? '/' : '';
  return `${lead}${out.join('/')}${trail}`;
}

/**
 * The canonical URI of a raw wire path.
 *
 * - S3 rules (`s3: true`): each segment is percent-decoded and encoded once with the SigV4 rules; `.`/`..`/`//`
 *   are kept, and `%2F` inside a segment stays `%2F`. So `/test$file.text` and `/test%24file.text` both give
 *   `/test%24file.text`.
 * - Other services: dot segments and empty segments are removed, then the wire path (already encoded once) is
 *   encoded again, so `%20` becomes `%2520` (the spec's double encoding). A raw space is encoded once.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
 * @example
 * canonicalUri('/a b/./c', true); // '/a%20b/./c'
 * canonicalUri('/a%20b/./c', false); // '/a%2520b/c'
 */
export function canonicalUri(path: string, s3: boolean): string {
  if (path === '') return '/';
  if (s3) return SIGV4_SAFE_PATH.test(path) ? path : path.split('/').map((segment) => canonicalComponent(segment, false)).join('/');
  const normalized = normalizePath(path);
  return normalized === '' ? '/' : uriEncodePath(normalized);
}
