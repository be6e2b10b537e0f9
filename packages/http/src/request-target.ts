/**
 * The request target (path + query) to put on the wire for `raw`, exactly as the caller wrote it.
 *
 * WHATWG `URL` parsing removes `.`/`..` segments, but S3 object keys may contain them and the caller
 * signed the path as written (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html),
 * so a string URL keeps its path verbatim. Only bytes that cannot appear in a request line (space,
 * controls, non-ASCII) are percent-encoded, as `URL` would; the fragment is dropped.
 */
export function requestTarget(raw: string | URL, parsed: URL): string {
  if (typeof raw !== 'string') return parsed.pathname + parsed.search;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(raw);
  if (origin === null) return parsed.pathname + parsed.search;
  let target = raw.slice(origin[0].length);
  const hash = target.indexOf('#');
  if (hash !== -1) target = target.slice(0, hash);
  if (target === '' || target.startsWith('?')) target = `/${target}`;
  return target.replace(/[^\x21-\x7E]+/gu, encodeURIComponent);
}
