// Differential tests: seeded random requests signed by us and by @smithy/signature-v4 must get identical
// signatures, for header signing and presigning, with S3 and non-S3 path rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presignUrl } from '../src/presign.js';
import { signRequest } from '../src/sign.js';
import { uriEncode } from '../src/uri-encode.js';
import { smithySigner, type SmithyRequest } from './support/smithy.js';

const SPECIAL = [...`+*~'()!$&=; `, '/', '%', ',', ':', '@', '[', ']', '"', '<', '>', '^', '`', '{', '|', '}', '\\'];
// Random Unicode, biased towards the characters SigV4 implementations disagree on.
const nastyChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('é', 'ß', '中', '😀', '\u00a0', 'ሴ') },
);
const nastyString = (minLength = 0) => fc.array(nastyChar, { minLength, maxLength: 12 }).map((a) => a.join(''));

// Three ways callers encode a query component on the wire; all decode to the same value.
type Encoding = 'sigv4' | 'uri-component' | 'form';
const encodeWith = (s: string, how: Encoding): string =>
  how === 'sigv4' ? uriEncode(s) : how === 'uri-component' ? encodeURIComponent(s) : encodeURIComponent(s).replace(/%20/g, '+');

const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".split('');
const RESERVED_HEADERS = new Set(['host', 'date', 'x-amz-date', 'authorization', 'x-amz-content-sha256', 'x-amz-security-token', '__proto__']);
const headerName = fc
  .array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: 10 })
  .map((a) => a.join(''))
  .filter((n) => !RESERVED_HEADERS.has(n.toLowerCase()));
// Printable ASCII with odd whitespace: leading/trailing spaces and tabs, runs of them inside.
const headerValue = fc
  .array(fc.oneof(fc.constantFrom(' ', '  ', '\t', ' \t '), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 })), { maxLength: 8 })
  // eslint-disable-next-line no-control-regex -- header values may not hold control characters
  .map((a) => a.join('').replace(/[\x00-\x08\x0a-\x1f\x7f]/g, 'x'));

const arbRequest = fc.record({
  s3: fc.boolean(),
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH'),
  segments: fc.array(nastyString(), { minLength: 0, maxLength: 4 }),
  pathEncoding: fc.constantFrom<'uri-component' | 'raw'>('uri-component', 'raw'),
  query: fc.array(fc.tuple(nastyString(), nastyString(), fc.constantFrom<Encoding>('sigv4', 'uri-component', 'form'), fc.boolean()), { maxLength: 6 }),
  repeatKey: fc.boolean(),
  headers: fc.uniqueArray(fc.tuple(headerName, headerValue), { maxLength: 5, selector: ([n]) => n.toLowerCase() }),
  body: fc.oneof(fc.constant(undefined), fc.string({ unit: 'grapheme', maxLength: 40 })),
  token: fc.oneof(fc.constant(undefined), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 })),
  secret: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }),
  region: fc.constantFrom('us-east-1', 'eu-west-3', 'ap-southeast-2', 'us-gov-west-1'),
  service: fc.constantFrom('service', 'execute-api', 'sts', 'lambda'),
  time: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
  expiresIn: fc.integer({ min: 1, max: 604_800 }),
});
type Generated = typeof arbRequest extends fc.Arbitrary<infer T> ? T : never;

function build(g: Generated) {
  const service = g.s3 ? 's3' : g.service;
  const host = g.s3 ? 'bucket.s3.amazonaws.com' : `${service}.${g.region}.amazonaws.com`;
  // Raw segments may not hold characters that end a path (?, #), separate segments (/) or start an escape (%).
  const rawSafe = (s: string) => s.replace(/[?#%/]/g, '_');
  const segs = g.segments.map((s) => (g.pathEncoding === 'raw' ? rawSafe(s) : encodeURIComponent(s)));
  const wirePath = `/${segs.join('/')}`;
  const pairs: [string, string][] = g.query.map(([k, v]) => [k, v]);
  if (g.repeatKey && pairs.length > 0) pairs.push([pairs[0]![0], `${pairs[0]![1]}2`]);
  const rawQuery = g.query
    .map(([k, v, how, noEquals], i) => (noEquals && v === '' && k !== '' ? encodeWith(k, how) : `${encodeWith(k, how)}=${encodeWith(v, how)}`) + (i === -1 ? '' : ''))
    .concat(g.repeatKey && pairs.length > g.query.length ? [`${uriEncode(pairs.at(-1)![0])}=${uriEncode(pairs.at(-1)![1])}`] : [])
    .join('&');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const headers = Object.fromEntries(g.headers);
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: g.secret, sessionToken: g.token };
  const date = new Date(g.time - (g.time % 1000));
  const ours = {
    req: { method: g.method, url: `https://${host}${wirePath}${rawQuery === '' ? '' : `?${rawQuery}`}`, headers, body: g.body },
    opts: { credentials, region: g.region, service, date, s3: g.s3 },
  };
  // S3 settings for smithy: the caller passes the path encoded once, uriEscapePath false.
  const smithyPath = g.s3 ? `/${g.segments.map((s) => uriEncode(g.pathEncoding === 'raw' ? rawSafe(s) : s)).join('/')}` : wirePath;
  const smithy: SmithyRequest = { method: g.method, protocol: 'https:', hostname: host, path: smithyPath, query, headers: { ...headers, host }, body: g.body };
  return { ours, smithy, signer: smithySigner({ credentials, region: g.region, service, s3: g.s3 }), date };
}

describe('differential against @smithy/signature-v4', () => {
  it('header signing gives identical Authorization headers (S3 and non-S3 rules)', async () => {
    let s3Runs = 0;
    await fc.assert(
      fc.asyncProperty(arbRequest, async (g) => {
        const { ours, smithy, signer, date } = build(g);
        const mine = signRequest(ours.req, ours.opts);
        const theirs = await signer.sign(smithy as never, { signingDate: date });
        const theirHeaders = (theirs as unknown as SmithyRequest).headers;
        expect(mine.headers['authorization']).toBe(theirHeaders['authorization']);
        expect(mine.headers['x-amz-content-sha256']).toBe(theirHeaders['x-amz-content-sha256']);
        if (g.s3) s3Runs++;
      }),
      { seed: 20261123, numRuns: 600 },
    );
    expect(s3Runs).toBeGreaterThan(100);
  });

  it('presigning gives identical signatures and query parameters (S3 and non-S3 rules)', async () => {
    await fc.assert(
      fc.asyncProperty(arbRequest, async (g) => {
        const { ours, smithy, signer, date } = build(g);
        const mine = presignUrl(ours.req, { ...ours.opts, expiresIn: g.expiresIn });
        // S3 presigned URLs use UNSIGNED-PAYLOAD; smithy takes that from an unhoisted, unsigned header.
        const extra = g.s3 ? { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } : {};
        const lowerNames = new Set([...Object.keys(smithy.headers).map((h) => h.toLowerCase()), 'x-amz-content-sha256']);
        const theirs = (await signer.presign({ ...smithy, headers: { ...smithy.headers, ...extra } } as never, {
          signingDate: date,
          expiresIn: g.expiresIn,
          unhoistableHeaders: lowerNames,
          unsignableHeaders: new Set(g.s3 ? ['x-amz-content-sha256'] : []),
        })) as unknown as SmithyRequest;
        expect(mine.signature).toBe(theirs.query['X-Amz-Signature']);
        const url = new URL(mine.url);
        for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Security-Token']) {
          expect(url.searchParams.get(name) ?? undefined).toBe(theirs.query[name]);
        }
      }),
      { seed: 424242, numRuns: 600 },
    );
  });
});
