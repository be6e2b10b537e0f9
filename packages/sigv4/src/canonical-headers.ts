import { SigV4Error } from './errors.js';
import type { HeaderValue } from './types.js';

// RFC 7230 §3.2.6 token: 1*tchar. Anything else (including non-ASCII) is not a header name.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// obs-fold (RFC 7230 §3.2.4): CRLF or LF followed by spaces/tabs, replaced by one SP.
const OBS_FOLD = /\r?\n[ \t]+/g;
// After unfolding, no control character other than HTAB, and nothing outside Latin-1 (HTTP values are bytes).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BAD_VALUE_CHAR = /[\x00-\x08\x0a-\x1f\x7f\u0100-\uffff]/;
const WS_RUN = /[ \t]+/g;

/**
 * Headers that are never signed: hop-by-hop headers and headers that proxies or user agents rewrite
 * (the same set as the AWS SDKs), plus every `proxy-*` and `sec-*` header.
 */
export const UNSIGNABLE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** Headers SigV4 always needs signed; `unsignedHeaders` cannot remove them. */
const ALWAYS_SIGNED = new Set(['host', 'x-amz-date']);

/** Options of {@link canonicalHeaders}. */
export interface CanonicalHeadersOptions {
  /** Extra lower- or mixed-case names to leave unsigned. */
  unsignedHeaders?: readonly string[] | undefined;
  /** Sign exactly these headers (lower-case), ignoring the default exclusions (verification re-computes a signature this way). */
  signedHeaders?: readonly string[] | undefined;
  /**
   * Headers the signer generated itself (lower-case names, values known to be valid, e.g. `x-amz-date`): added after
   * `headers` without re-validation. Names must not also appear in `headers`.
   */
  trusted?: Readonly<Record<string, string>> | undefined;
  /** `host` value to add (trusted) when neither `headers` nor `trusted` has a `host`: the URL's host. */
  defaultHost?: string | undefined;
}

/** Result of {@link canonicalHeaders}. */
export interface CanonicalHeadersResult {
  /** `name:value\n` lines of the signed headers, sorted by name (each line ends with `\n`). */
  canonicalHeaders: string;
  /** `;`-joined sorted lower-case names of the signed headers. */
  signedHeaders: string;
  /** The same names as an array. */
  signedNames: string[];
  /** Every header (signed or not) by lower-case name, with the value to send: folds unfolded, repeats joined with `,`. */
  headers: Record<string, string>;
}

/** Validate a header name, throwing a typed error that names it. */
export function assertHeaderName(name: string): void {
  if (!TOKEN.test(name)) {
    throw new SigV4Error(
      'SIGV4_INVALID_HEADER_NAME',
      `sigv4: header name ${JSON.stringify(name)} is not a valid HTTP token (RFC 7230: ASCII letters, digits and !#$%&'*+-.^_\`|~ only)`,
    );
  }
}

function unfold(name: string, value: string): string {
  const unfolded = value.includes('\n') ? value.replace(OBS_FOLD, ' ') : value;
  const bad = BAD_VALUE_CHAR.exec(unfolded);
  if (bad !== null) {
    // The value may be secret (an SSE-C key, a token): name the header and the character, never the value.
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new SigV4Error(
      'SIGV4_INVALID_HEADER_VALUE',
      `sigv4: header ${JSON.stringify(name)} has character U+${code} at index ${String(bad.index)}; header values must be Latin-1 without control characters (line folding is allowed)`,
    );
  }
  return unfolded;
}

// SigV4 "trimall": only SP and HTAB count as whitespace (not NBSP or other Unicode spaces that String#trim removes).
const EDGE_WS = /^[ \t]+|[ \t]+$/g;
const NEEDS_TRIM = /\t| {2}|^ | $/;
const trimAll = (value: string): string => (NEEDS_TRIM.test(value) ? value.replace(EDGE_WS, '').replace(WS_RUN, ' ') : value);

/**
 * Check every header name and value without building anything, so callers can fail before expensive work
 * (hashing a large body).
 */
export function assertHeaders(headers: Readonly<Record<string, HeaderValue>>): void {
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    assertHeaderName(name);
    if (typeof value === 'string') unfold(name, value);
    else for (const v of value) unfold(name, String(v));
  }
}

/**
 * Canonical headers of a request: names lower-cased, values unfolded, trimmed and with whitespace runs collapsed,
 * repeated names (an array value, or the same name in different cases) joined with `,` in order, sorted by name.
 * Unsignable headers ({@link UNSIGNABLE_HEADERS}, `proxy-*`, `sec-*`, `unsignedHeaders`) are left out.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
 * @example
 * canonicalHeaders({ Host: 'h', 'My-Header': ['  a   b ', 'c'] }).canonicalHeaders; // 'host:h\nmy-header:a b,c\n'
 */
export function canonicalHeaders(headers: Readonly<Record<string, HeaderValue>>, opts: CanonicalHeadersOptions = {}): CanonicalHeadersResult {
  // Parallel arrays of lower-case names and values (a string, or an array for repeats): cheaper than a dictionary
  // for the handful of headers a request has.
  const names: string[] = [];
  const values: (string | string[])[] = [];
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    assertHeaderName(name);
    const lower = name.toLowerCase();
    const at = names.indexOf(lower);
    if (at === -1 && typeof value === 'string') {
      names.push(lower);
      values.push(unfold(name, value));
      continue;
    }
    const prev = at === -1 ? undefined : values[at];
    const list = prev === undefined ? [] : typeof prev === 'string' ? [prev] : prev;
    if (typeof value === 'string') list.push(unfold(name, value));
    else for (const v of value) list.push(unfold(name, String(v)));
    if (at === -1) {
      names.push(lower);
      values.push(list);
    } else values[at] = list;
  }
  const firstTrusted = names.length;
  const trusted = opts.trusted;
  if (trusted !== undefined) {
    for (const name of Object.keys(trusted)) {
      names.push(name);
      values.push(trusted[name] as string);
    }
  }

  if (opts.defaultHost !== undefined && !names.includes('host')) {
    names.push('host');
    values.push(opts.defaultHost);
  }

  const explicit = opts.signedHeaders === undefined ? undefined : new Set(opts.signedHeaders.map((h) => h.toLowerCase()));
  const unsigned = opts.unsignedHeaders === undefined ? undefined : new Set(opts.unsignedHeaders.map((h) => h.toLowerCase()));
  const out: Record<string, string> = {};
  const signed: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = values[i] as string | string[];
    out[name] = typeof value === 'string' ? value : value.map((v) => v.replace(EDGE_WS, '')).join(',');
    const sign =
      explicit !== undefined
        ? explicit.has(name)
        : i >= firstTrusted // signer-generated headers and the default host: only unsignedHeaders can drop them
          ? unsigned === undefined || ALWAYS_SIGNED.has(name) || !unsigned.has(name)
          : ALWAYS_SIGNED.has(name) ||
            !(UNSIGNABLE_HEADERS.has(name) || name.startsWith('proxy-') || name.startsWith('sec-') || unsigned?.has(name) === true);
    if (sign) signed.push(i);
  }
  // Insertion sort by name: requests have a handful of headers, and this beats Array#sort's set-up cost.
  for (let k = 1; k < signed.length; k++) {
    const i = signed[k] as number;
    const key = names[i] as string;
    let j = k - 1;
    while (j >= 0 && (names[signed[j] as number] as string) > key) {
      signed[j + 1] = signed[j] as number;
      j--;
    }
    signed[j + 1] = i;
  }
  let lines = '';
  let list = '';
  const signedNames: string[] = [];
  for (let k = 0; k < signed.length; k++) {
    const i = signed[k] as number;
    signedNames.push(names[i] as string);
    const value = values[i] as string | string[];
    // Signer-generated values are canonical already.
    const canonical = typeof value !== 'string' ? value.map(trimAll).join(',') : i >= firstTrusted ? value : trimAll(value);
    lines += `${names[i] as string}:${canonical}\n`;
    list += k === 0 ? (names[i] as string) : `;${names[i] as string}`;
  }
  return { canonicalHeaders: lines, signedHeaders: list, signedNames, headers: out };
}
