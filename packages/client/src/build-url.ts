import { ClientError } from './errors.js';
import { encodeRfc3986 } from './query-serialize.js';

/** Query parameters of a request: repeated names as arrays, `undefined` left out, `''` kept as `name=`. */
export type QueryParams = Readonly<Record<string, string | readonly string[] | undefined>>;

const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Builds the request URL string from the endpoint and either a full `url` (absolute, or a path relative to the
 * endpoint, possibly with a query string) or a `path` (already percent-encoded, put below the endpoint's own
 * path) plus query parameters (encoded here, RFC 3986).
 *
 * The result is a string, not a `URL`: WHATWG URL parsing removes `.` and `..` segments (even as `%2E`), which
 * would change S3 keys such as `a/../b`.
 */
export function buildUrl(endpoint: URL, req: { url?: string | URL | undefined; path?: string | undefined; query?: QueryParams | undefined }): string {
  let base: string;
  if (req.url !== undefined && (req.url instanceof URL || absolute.test(req.url))) {
    const text = String(req.url);
    try {
      new URL(text);
    } catch (cause) {
      throw new ClientError('CLIENT_INVALID_OPTION', `Request url ${JSON.stringify(text.slice(0, 200))} is not a valid URL`, { cause, value: text.slice(0, 200) });
    }
    base = text;
  } else {
    const path = req.url ?? req.path ?? '/';
    if (!path.startsWith('/')) {
      throw new ClientError('CLIENT_INVALID_OPTION', `Request path ${JSON.stringify(path.slice(0, 200))} must start with "/"`, { value: path.slice(0, 200) });
    }
    // eslint-disable-next-line no-control-regex -- raw controls, spaces and '#' cannot be sent in a request target
    if (/[\u0000-\u0020\u007f#]/.test(path)) {
      throw new ClientError('CLIENT_INVALID_OPTION', `Request path ${JSON.stringify(path.slice(0, 200))} must be percent-encoded (it contains a space, control character or "#")`, { value: path.slice(0, 200) });
    }
    // The endpoint may carry a base path (a proxy prefix); the request path goes below it.
    base = endpoint.origin + endpoint.pathname.replace(/\/+$/, '') + path;
  }
  if (req.query === undefined) return base;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(req.query)) {
    if (v === undefined) continue;
    for (const item of typeof v === 'string' ? [v] : v) parts.push(`${encodeRfc3986(k)}=${encodeRfc3986(item)}`);
  }
  if (parts.length === 0) return base;
  return `${base}${base.includes('?') ? '&' : '?'}${parts.join('&')}`;
}
