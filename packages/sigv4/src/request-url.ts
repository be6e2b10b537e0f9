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

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
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
  // Split by hand (indexOf is cheaper than one big regex on the signing hot path): scheme://authority path?query#frag
  const sep = url.indexOf('://');
  const scheme = sep > 0 ? url.slice(0, sep) : '';
  if (!SCHEME.test(scheme)) throw badUrl(url, 'it must be absolute, like https://host/path');
  const protocol = `${scheme.toLowerCase()}:`;
  if (!SCHEMES.has(protocol)) throw badUrl(url, 'the scheme must be http(s) or ws(s)');
  const hash = url.indexOf('#', sep + 3);
  const end = hash === -1 ? url.length : hash;
  let q = url.indexOf('?', sep + 3);
  if (q > end) q = -1;
  const pathEnd = q === -1 ? end : q;
  let slash = url.indexOf('/', sep + 3);
  if (slash === -1 || slash > pathEnd) slash = pathEnd;
  const host = hostOf(protocol, url.slice(sep + 3, slash), url);
  if (host === '') throw badUrl(url, 'the host is empty');
  const path = url.slice(slash, pathEnd);
  return { protocol, host, origin: `${protocol}//${host}`, path: path === '' ? '/' : path, query: q === -1 ? '' : url.slice(q + 1, end) };
}

// Hosts WHATWG URL would return unchanged: lower-case DNS names whose last label starts with a letter (so not an
// IPv4 shorthand such as 127.1), or canonical dotted-quad IPv4. Everything else (upper case, IDN, IPv6, punycode) is
// left to WHATWG URL.
const SIMPLE_HOST =
  /^(?:(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*|(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})(?::([0-9]{1,5}))?$/;
const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

// Requests of one client go to one endpoint: remember the last authority's host.
let lastProtocol = '';
let lastAuthority = '';
let lastHost = '';

/** The `host` header value of an authority: lower-case, IDNA, default port dropped (WHATWG URL rules). */
function hostOf(protocol: string, authority: string, url: string): string {
  if (authority === lastAuthority && protocol === lastProtocol) return lastHost;
  const host = computeHost(protocol, authority, url);
  lastProtocol = protocol;
  lastAuthority = authority;
  lastHost = host;
  return host;
}

function computeHost(protocol: string, authority: string, url: string): string {
  const simple = SIMPLE_HOST.exec(authority);
  // Fast path for the common already-canonical case; everything else goes through WHATWG URL.
  if (simple !== null && !authority.includes('xn--')) {
    const port = simple[1];
    if (port === undefined) return authority;
    if (port === DEFAULT_PORT[protocol]) return authority.slice(0, authority.length - port.length - 1);
    if (!port.startsWith('0') && Number(port) <= 65535) return authority;
  }
  try {
    return new URL(`${protocol}//${authority}/`).host;
  } catch (cause) {
    throw badUrl(url, 'the host is invalid', cause);
  }
}

function badUrl(url: string, why: string, cause?: unknown): SigV4Error {
  // Query strings may hold presigned credentials or tokens: show the URL without them.
  const shown = url.replace(/[?#].*$/s, '?…').slice(0, 200);
  return new SigV4Error('SIGV4_INVALID_URL', `sigv4: cannot sign URL ${JSON.stringify(shown)}: ${why}`, { cause });
}
