import { parseCanonicalRequest, parseStringToSign } from './explain-canonical-request.js';

/** What most likely made the server's signature differ from ours. */
export type MismatchCauseKind =
  | 'METHOD_CHANGED'
  | 'PATH_ENCODED_TWICE'
  | 'PATH_SENT_ENCODED_TWICE'
  | 'PATH_ENCODING'
  | 'PATH_NORMALIZATION'
  | 'PATH_CHANGED'
  | 'QUERY_ORDER'
  | 'QUERY_ENCODING'
  | 'QUERY_PARAM_ADDED'
  | 'QUERY_PARAM_REMOVED'
  | 'QUERY_VALUE_CHANGED'
  | 'HEADER_VALUE_CHANGED'
  | 'HEADER_REMOVED_IN_TRANSIT'
  | 'HEADER_ADDED'
  | 'HEADER_REMOVED'
  | 'PAYLOAD_HASH_MISMATCH'
  | 'ALGORITHM_MISMATCH'
  | 'DATE_MISMATCH'
  | 'SCOPE_MISMATCH'
  | 'SECRET_KEY_MISMATCH';

/** One likely cause, with a plain-words explanation and what to do. */
export interface MismatchCause {
  readonly kind: MismatchCauseKind;
  readonly message: string;
  /** The header or query parameter concerned, when there is one. */
  readonly name?: string;
  readonly ours?: string;
  readonly theirs?: string;
}

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
const show = (v: string): string => JSON.stringify(v);

function pathCauses(ours: string, theirs: string): MismatchCause[] {
  if (ours === theirs) return [];
  const base = { ours, theirs };
  if (safeDecode(theirs) === ours || theirs.replaceAll('%25', '%') === ours) {
    return [{ kind: 'PATH_SENT_ENCODED_TWICE', ...base, message: `The server saw the path encoded once more than we signed (${show(theirs)} vs ${show(ours)}): the URL was percent-encoded twice before sending (an already-encoded key encoded again), or the service double-encodes paths and we signed with S3 rules.` }];
  }
  if (safeDecode(ours) === theirs || ours.replaceAll('%25', '%') === theirs) {
    return [{ kind: 'PATH_ENCODED_TWICE', ...base, message: `We signed the path encoded twice (${show(ours)}) but the server encodes it once (${show(theirs)}): pass the raw key and let the signer encode it once (s3: true for S3).` }];
  }
  if (safeDecode(ours) === safeDecode(theirs)) {
    return [{ kind: 'PATH_ENCODING', ...base, message: `Same path, different percent-encoding (${show(ours)} vs ${show(theirs)}): only A-Z a-z 0-9 - . _ ~ stay raw, everything else is %XX with upper-case hex.` }];
  }
  const dotted = (p: string): boolean => /(^|\/)\.\.?(\/|$)|\/\//.test(p);
  if (dotted(ours) !== dotted(theirs)) {
    return [{ kind: 'PATH_NORMALIZATION', ...base, message: `One side removed "." / ".." segments or empty segments (${show(ours)} vs ${show(theirs)}): S3 keeps them (s3: true), other services normalise the path.` }];
  }
  const style = theirs.endsWith(ours) || ours.endsWith(theirs) ? ' One path is a suffix of the other: path-style vs virtual-hosted addressing (bucket in the path or in the host).' : '';
  return [{ kind: 'PATH_CHANGED', ...base, message: `The server saw a different path (${show(theirs)}) from the one we signed (${show(ours)}).${style}` }];
}

const splitQuery = (q: string): Array<[string, string]> =>
  q === '' ? [] : q.split('&').map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
  });

function queryCauses(ours: string, theirs: string): MismatchCause[] {
  if (ours === theirs) return [];
  const a = splitQuery(ours);
  const b = splitQuery(theirs);
  const sortedA = a.map((p) => p.join('=')).sort().join('&');
  const sortedB = b.map((p) => p.join('=')).sort().join('&');
  if (sortedA === sortedB) {
    return [{ kind: 'QUERY_ORDER', ours, theirs, message: 'Same query parameters in a different order: the canonical query must be sorted by encoded name, then value.' }];
  }
  const causes: MismatchCause[] = [];
  const decoded = (pairs: Array<[string, string]>): Map<string, Array<[string, string]>> => {
    const m = new Map<string, Array<[string, string]>>();
    for (const [k, v] of pairs) m.set(safeDecode(k), [...(m.get(safeDecode(k)) ?? []), [k, v]]);
    return m;
  };
  const da = decoded(a);
  const db = decoded(b);
  for (const [name, ourPairs] of da) {
    const theirPairs = db.get(name);
    if (theirPairs === undefined) {
      causes.push({ kind: 'QUERY_PARAM_REMOVED', name, message: `Query parameter ${show(name)} was signed but did not reach the server (removed after signing, or a redirect dropped it).` });
      continue;
    }
    const ov = ourPairs.map(([k, v]) => `${k}=${v}`).join('&');
    const tv = theirPairs.map(([k, v]) => `${k}=${v}`).join('&');
    if (ov === tv) continue;
    const plusHint = tv.includes('%2B') && ov.includes('%20') ? " A space was sent as '+' (form encoding); the server reads '+' as a literal plus, so encode spaces as %20." : '';
    const sameDecoded = ourPairs.map(([, v]) => safeDecode(v)).join('\0') === theirPairs.map(([, v]) => safeDecode(v)).join('\0');
    causes.push(sameDecoded && plusHint === ''
      ? { kind: 'QUERY_ENCODING', name, ours: ov, theirs: tv, message: `Query parameter ${show(name)} is encoded differently (${show(ov)} vs ${show(tv)}): encode names and values with the SigV4 rules (%20 for space, upper-case hex).` }
      : { kind: 'QUERY_VALUE_CHANGED', name, ours: ov, theirs: tv, message: `Query parameter ${show(name)} differs (${show(ov)} signed, ${show(tv)} received).${plusHint}` });
  }
  for (const name of db.keys()) {
    if (!da.has(name)) {
      causes.push({ kind: 'QUERY_PARAM_ADDED', name, message: `The server saw query parameter ${show(name)} that we did not sign: something (an HTTP library, a proxy, a redirect) added it after signing.` });
    }
  }
  return causes;
}

function headerHint(name: string, ours: string, theirs: string): string {
  if (ours.replace(/\s+/g, ' ').trim() === theirs.replace(/\s+/g, ' ').trim()) return ' Only whitespace differs: canonical values are trimmed and inner runs of spaces collapsed to one.';
  if (name === 'host') return ' The Host sent differs from the URL signed (a default port like :443 must be left out; check path-style vs virtual-hosted addressing and proxies that rewrite Host).';
  if (name === 'content-type') return ' HTTP clients often add "; charset=utf-8"; set the exact Content-Type before signing.';
  if (name === 'content-length' || name === 'transfer-encoding') return ' The body length changed, or the client switched to chunked transfer; avoid signing Content-Length when a proxy may re-frame the body.';
  if (name === 'x-amz-date' || name === 'date') return ' The request was re-sent with a new date but an old signature (sign inside the retry loop).';
  return ' A proxy or the HTTP client rewrote it after signing.';
}

function headerCauses(ours: ReadonlyArray<readonly [string, string]>, theirs: ReadonlyArray<readonly [string, string]>): MismatchCause[] {
  const causes: MismatchCause[] = [];
  const theirMap = new Map(theirs.map(([k, v]) => [k, v]));
  const ourMap = new Map(ours.map(([k, v]) => [k, v]));
  for (const [name, value] of ours) {
    const other = theirMap.get(name);
    if (other === undefined) {
      causes.push({ kind: 'HEADER_REMOVED', name, ours: value, message: `We signed header ${show(name)} but the server's SignedHeaders does not list it: the Authorization header sent is not the one we computed.` });
    } else if (other !== value) {
      causes.push(other === '' && value !== ''
        ? { kind: 'HEADER_REMOVED_IN_TRANSIT', name, ours: value, theirs: other, message: `Signed header ${show(name)} arrived empty or missing: a proxy or the HTTP client dropped it after signing.` }
        : { kind: 'HEADER_VALUE_CHANGED', name, ours: value, theirs: other, message: `Header ${show(name)} was signed as ${show(value)} but the server saw ${show(other)}.${headerHint(name, value, other)}` });
    }
  }
  for (const [name, value] of theirs) {
    if (!ourMap.has(name)) {
      causes.push({ kind: 'HEADER_ADDED', name, theirs: value, message: `The server's canonical request has header ${show(name)} that ours does not: the SignedHeaders sent lists it, so the request and our signing input disagree.` });
    }
  }
  return causes;
}

function payloadCause(ours: string, theirs: string): MismatchCause[] {
  if (ours === theirs) return [];
  const special = (h: string): boolean => h === 'UNSIGNED-PAYLOAD' || h.startsWith('STREAMING-');
  const hint = special(ours) || special(theirs)
    ? ' One side uses a special payload value: send the same x-amz-content-sha256 header that you signed.'
    : ' The body changed after signing (re-encoded, compressed, or a different retry body), or x-amz-content-sha256 was not the hash of the body sent.';
  return [{ kind: 'PAYLOAD_HASH_MISMATCH', ours, theirs, message: `Payload hash signed as ${show(ours)} but the server used ${show(theirs)}.${hint}` }];
}

function stringToSignCauses(ours: string, theirs: string): MismatchCause[] {
  const a = parseStringToSign(ours);
  const b = parseStringToSign(theirs);
  const causes: MismatchCause[] = [];
  if (a.algorithm !== b.algorithm) {
    causes.push({ kind: 'ALGORITHM_MISMATCH', ours: a.algorithm, theirs: b.algorithm, message: `Algorithm ${show(a.algorithm)} signed, ${show(b.algorithm)} expected.` });
  }
  if (a.amzDate !== b.amzDate) {
    causes.push({ kind: 'DATE_MISMATCH', ours: a.amzDate, theirs: b.amzDate, message: `We signed at ${a.amzDate} but the server used ${b.amzDate}: x-amz-date / X-Amz-Date sent differs from the one signed.` });
  }
  if (a.scope !== b.scope) {
    const [od, or, os] = a.scope.split('/');
    const [td, tr, ts] = b.scope.split('/');
    const parts = [od !== td ? `date ${od} vs ${td}` : '', or !== tr ? `region ${or} vs ${tr} (sign for the bucket's region)` : '', os !== ts ? `service ${os} vs ${ts}` : '']
      .filter((p) => p !== '');
    causes.push({ kind: 'SCOPE_MISMATCH', ours: a.scope, theirs: b.scope, message: `Credential scope differs: ${parts.join(', ') || 'terminator'}.` });
  }
  return causes;
}

/**
 * Compares our canonical request (and string to sign, when known) with the server's and lists the likely causes,
 * most specific first. An empty canonical-request difference means the key itself is wrong.
 */
export function findMismatchCauses(
  ourCanonicalRequest: string,
  theirCanonicalRequest: string,
  ourStringToSign?: string,
  theirStringToSign?: string,
): MismatchCause[] {
  const a = parseCanonicalRequest(ourCanonicalRequest);
  const b = parseCanonicalRequest(theirCanonicalRequest);
  const causes: MismatchCause[] = [];
  if (a.method !== b.method) {
    causes.push({ kind: 'METHOD_CHANGED', ours: a.method, theirs: b.method, message: `Signed as ${a.method} but sent as ${b.method} (a redirect or HEAD/GET mix-up).` });
  }
  causes.push(...pathCauses(a.path, b.path), ...queryCauses(a.query, b.query), ...headerCauses(a.headers, b.headers));
  causes.push(...payloadCause(a.payloadHash, b.payloadHash));
  if (ourStringToSign !== undefined && theirStringToSign !== undefined) causes.push(...stringToSignCauses(ourStringToSign, theirStringToSign));
  if (causes.length === 0 && ourCanonicalRequest === theirCanonicalRequest) {
    causes.push({ kind: 'SECRET_KEY_MISMATCH', message: 'The server computed the same canonical request and string to sign: the secret access key does not belong to this access key id (or has been rotated), or a stale signing key was used.' });
  }
  return causes;
}
