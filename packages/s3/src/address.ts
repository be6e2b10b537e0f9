import { encodeKey, uriEncode } from './encode-key.js';
import { S3Error } from './errors.js';

/** Query parameters of an S3 request; `''` renders as a bare name (`?uploads`), `undefined` is left out. */
export type S3Query = Record<string, string | number | undefined>;

/** How requests are addressed. */
export interface AddressingOptions {
  /** Service endpoint, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:7480`. */
  readonly endpoint: URL;
  /**
   * Always put the bucket in the path (`https://host/bucket/key`).
   * @default false — virtual-hosted style (`https://bucket.host/key`) whenever the bucket name and endpoint allow it
   */
  readonly forcePathStyle?: boolean | undefined;
  /**
   * Connect to this address instead of resolving the request's host name, keeping the `Host` header (and signature)
   * of the virtual host. For local servers: endpoint `http://localhost:7480` + connectAddress `127.0.0.1` sends
   * `Host: bucket.localhost:7480` to 127.0.0.1:7480.
   * @default undefined — resolve the host normally
   */
  readonly connectAddress?: string | undefined;
}

/**
 * Where one request goes. URLs are strings, not `URL` objects: WHATWG parsing would resolve `.`/`..` segments of
 * keys such as `a/../b`.
 */
export interface S3Address {
  /** The URL as SigV4 signs it (key segments encoded once, slashes and dot segments kept). */
  readonly url: string;
  /** The host actually connected to: the connect address, or the URL's host name. */
  readonly connectHostname: string;
  /** The `Host` header value (host[:port]). */
  readonly host: string;
  /** True when the bucket went into the path. */
  readonly pathStyle: boolean;
}

const IP_HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * True when `bucket` can be put in front of `endpoint`'s host name: a DNS label-safe name, an endpoint that is a
 * host name (not an IP address), and no dots in the bucket over HTTPS (they would break the `*.host` certificate).
 */
export function canUseVirtualHost(bucket: string, endpoint: URL): boolean {
  if (IP_HOST.test(endpoint.hostname)) return false;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) return false;
  return !(endpoint.protocol === 'https:' && bucket.includes('.'));
}

/** Renders `query` with S3's encoding; keys in the given order. */
export function renderQuery(query: S3Query | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    parts.push(v === '' ? uriEncode(k) : `${uriEncode(k)}=${uriEncode(String(v))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/**
 * Resolves the URL, connect URL and Host header of a request to `bucket`/`key` (both optional: no bucket is the
 * service root, e.g. ListBuckets).
 *
 * @example
 * ```ts
 * resolveAddress({ endpoint: new URL('https://s3.eu-west-1.amazonaws.com') }, 'my-bucket', 'a b.txt').url;
 * // 'https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b.txt'
 * ```
 */
export function resolveAddress(opts: AddressingOptions, bucket?: string, key?: string, query?: S3Query): S3Address {
  const { endpoint } = opts;
  if (endpoint.search !== '' || endpoint.hash !== '') {
    throw new S3Error('S3_INVALID_ARGUMENT', `Invalid S3 endpoint ${endpoint.origin}: it must not have a query or fragment.`, {
      value: endpoint.href,
    });
  }
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const keyPath = key === undefined ? '' : encodeKey(key);
  const pathStyle = bucket === undefined || opts.forcePathStyle === true || !canUseVirtualHost(bucket, endpoint);
  const hostname = bucket !== undefined && !pathStyle ? `${bucket}.${endpoint.hostname}` : endpoint.hostname;
  let path: string;
  if (bucket === undefined) path = `${basePath}/`;
  else if (pathStyle) path = `${basePath}/${uriEncode(bucket)}${key === undefined ? '' : `/${keyPath}`}`;
  else path = `${basePath}/${keyPath}`;
  const port = endpoint.port === '' ? '' : `:${endpoint.port}`;
  const url = `${endpoint.protocol}//${hostname}${port}${path}${renderQuery(query)}`;
  return {
    url,
    connectHostname: opts.connectAddress ?? hostname,
    host: `${hostname}${port}`,
    pathStyle,
  };
}
