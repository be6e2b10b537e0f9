import { ClientError } from './errors.js';

/**
 * A Query-protocol parameter value. Plain objects are structures (`Name.Field`), `Map`s are maps
 * (`Name.entry.N.key` / `Name.entry.N.value`), arrays are lists (`Name.member.N`; `Name.N` for EC2),
 * `Uint8Array`s are blobs (base64), `Date`s are ISO-8601 timestamps. `undefined` and `null` are left out.
 */
export type QueryValue =
  | string
  | number
  | bigint
  | boolean
  | Date
  | Uint8Array
  | null
  | undefined
  | readonly QueryValue[]
  | ReadonlyMap<string, QueryValue>
  | { readonly [name: string]: QueryValue };

/** Options of {@link serializeQuery}. */
export interface SerializeQueryOptions {
  /**
   * `query` (awsQuery: IAM, STS, SNS, SQS, CloudFormation...) or `ec2` (lists as `Name.N`, empty lists omitted).
   * @default 'query'
   */
  readonly protocol?: 'query' | 'ec2' | undefined;
}

/**
 * RFC 3986 encoding as the AWS SDKs do it for Query bodies: unreserved characters stay as they are, everything
 * else is percent-encoded (space is `%20`, never `+`).
 *
 * @throws ClientError `CLIENT_INVALID_PARAMS` for a lone UTF-16 surrogate.
 * @example
 * ```ts
 * encodeRfc3986("a b*c'"); // 'a%20b%2Ac%27'
 * ```
 */
export function encodeRfc3986(s: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(s);
  } catch (cause) {
    // URIError: a lone UTF-16 surrogate cannot be encoded as UTF-8.
    throw new ClientError('CLIENT_INVALID_PARAMS', `Parameter ${JSON.stringify(s.slice(0, 64))} contains a lone UTF-16 surrogate and cannot be URL-encoded`, { cause, value: s.slice(0, 64) });
  }
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function timestamp(d: Date, path: string): string {
  if (Number.isNaN(d.getTime())) {
    throw new ClientError('CLIENT_INVALID_PARAMS', `Query parameter ${path} is an invalid Date; pass a valid Date or an ISO-8601 string`, { value: String(d) });
  }
  return d.toISOString().replace('.000Z', 'Z');
}

function scalar(v: number | bigint | boolean): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}

function flatten(prefix: string, value: QueryValue, out: [string, string][], ec2: boolean, seen: Set<object>): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'string') return void out.push([prefix, value]);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return void out.push([prefix, scalar(value)]);
  if (value instanceof Date) return void out.push([prefix, timestamp(value, prefix)]);
  if (value instanceof Uint8Array) return void out.push([prefix, Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')]);
  if (typeof value !== 'object') {
    throw new ClientError('CLIENT_INVALID_PARAMS', `Query parameter ${prefix} has unsupported type ${typeof value}`, { value: prefix });
  }
  if (seen.has(value)) throw new ClientError('CLIENT_INVALID_PARAMS', `Query parameter ${prefix} contains a cycle`, { value: prefix });
  seen.add(value);
  if (Array.isArray(value)) {
    // awsQuery serialises an empty list as "Name=" so the service sees it was set; EC2 leaves it out.
    if (value.length === 0 && !ec2) out.push([prefix, '']);
    value.forEach((item: QueryValue, i) => flatten(ec2 ? `${prefix}.${i + 1}` : `${prefix}.member.${i + 1}`, item, out, ec2, seen));
  } else if (value instanceof Map) {
    let i = 0;
    for (const [k, v] of value as ReadonlyMap<string, QueryValue>) {
      i++;
      out.push([`${prefix}.entry.${i}.key`, String(k)]);
      flatten(`${prefix}.entry.${i}.value`, v, out, ec2, seen);
    }
  } else {
    for (const [k, v] of Object.entries(value as Record<string, QueryValue>)) flatten(`${prefix}.${k}`, v, out, ec2, seen);
  }
  seen.delete(value);
}

/**
 * Flattens Query-protocol parameters into ordered name/value pairs, `Action` and `Version` first.
 *
 * @example
 * ```ts
 * serializeQuery('ListUsers', '2010-05-08', { PathPrefix: '/', Tags: [{ Key: 'a', Value: 'b' }] });
 * // [['Action','ListUsers'],['Version','2010-05-08'],['PathPrefix','/'],['Tags.member.1.Key','a'],['Tags.member.1.Value','b']]
 * ```
 */
export function serializeQuery(
  action: string,
  version: string,
  params: { readonly [name: string]: QueryValue } = {},
  opts: SerializeQueryOptions = {},
): [string, string][] {
  if (!/^[A-Za-z0-9]+$/.test(action)) {
    throw new ClientError('CLIENT_INVALID_PARAMS', `Query action ${JSON.stringify(action)} is not an operation name; pass e.g. "ListUsers"`, { value: action });
  }
  if (version === '') {
    throw new ClientError('CLIENT_INVALID_PARAMS', `Query action ${action} needs the API version, e.g. { version: '2011-06-15' } for STS`, { value: version });
  }
  const out: [string, string][] = [['Action', action], ['Version', version]];
  const seen = new Set<object>();
  for (const [k, v] of Object.entries(params)) {
    if (k === 'Action' || k === 'Version') {
      throw new ClientError('CLIENT_INVALID_PARAMS', `Query parameter ${k} is set from the action and version arguments; remove it from params`, { value: k });
    }
    if (k === '') throw new ClientError('CLIENT_INVALID_PARAMS', 'Query parameter names must not be empty', { value: k });
    flatten(k, v, out, opts.protocol === 'ec2', seen);
  }
  return out;
}

/**
 * Encodes name/value pairs as `application/x-www-form-urlencoded` the way the AWS SDKs do (RFC 3986, `%20`
 * for space), usable as a POST body or a query string.
 *
 * @example
 * ```ts
 * formEncode([['Action', 'GetCallerIdentity'], ['Version', '2011-06-15']]); // 'Action=GetCallerIdentity&Version=2011-06-15'
 * ```
 */
export function formEncode(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
}
