import { SigV4Error } from './errors.js';

/** The parts of a request URL that signing needs, with the path and query exactly as they go on the wire. */
export interface RequestUrl {
  /** `https:`, `http:`, `wss:` or `ws:`. */
  protocol: string;
  /** Host and non-default port, lower-cased by WHATWG URL rules: the default `host` header. */
  host: string;
  /** Scheme + `//` + host, for rebuilding the URL. */
  origin: string;
  /** Raw path as written (a string URL is not dot-segment-normalised); `/` when empty. */
  path: string;
  /** Raw query without `?`; `''` when absent. */
  query: string;
}

const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/s;
const SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * Split `url` into the parts SigV4 needs. A string keeps its path and query verbatim, so S3 keys such as `a/./b`
 * or `a//b` are signed as written; a `URL` object contributes its (already normalised) `pathname` and `search`.
 * @example
 * requestUrl('https://b.s3.amazonaws.com/a/../k?x=1'); // { path: '/a/../k', query: 'x=1', host: 'b.s3.amazonaws.com', … }
 */
export function requestUrl(url: string | URL): RequestUrl {
  if (url instanceof URL) {
    if (!SCHEMES.has(url.protocol)) throw badUrl(url.href, 'the scheme must be http(s) or ws(s)');
    return { protocol: url.protocol, host: url.host, origin: `${url.protocol}//${url.host}`, path: url.pathname || '/', query: url.search.slice(1) };
  }
  if (typeof url !== 'string') throw badUrl(String(url), 'pass a string or a URL');
  const m = ABSOLUTE.exec(url);
  if (m === null) throw badUrl(url, 'it must be absolute, like https://host/path');
  const protocol = `${(m[1] as string).toLowerCase()}:`;
  if (!SCHEMES.has(protocol)) throw badUrl(url, 'the scheme must be http(s) or ws(s)');
  let host: string;
  try {
    host = new URL(`${protocol}//${m[2] as string}/`).host;
  } catch (cause) {
    throw badUrl(url, 'the host is invalid', cause);
  }
  if (host === '') throw badUrl(url, 'the host is empty');
  const path = m[3] as string;
  return { protocol, host, origin: `${protocol}//${host}`, path: path === '' ? '/' : path, query: m[4] ?? '' };
}

function badUrl(url: string, why: string, cause?: unknown): SigV4Error {
  // Query strings may hold presigned credentials or tokens: show the URL without them.
  const shown = url.replace(/[?#].*$/s, '?…').slice(0, 200);
  return new SigV4Error('SIGV4_INVALID_URL', `sigv4: cannot sign URL ${JSON.stringify(shown)}: ${why}`, { cause });
}
