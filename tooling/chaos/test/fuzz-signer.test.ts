// Differential fuzzing of @rawaws/sigv4 against @smithy/signature-v4 with a different focus than the sigv4
// package's own differential test (which stresses path and query characters): here it is header sets (names that
// sort tricky, the SDK's unsignable headers, multi-value and whitespace-heavy values, unsignedHeaders), binary and
// pre-hashed payloads, STS-shaped session tokens, and dates on day/month/year/leap-day boundaries.
import fc from 'fast-check';
import { presignUrl, signRequest } from '@rawaws/sigv4';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { smithySigner, type SmithyRequest } from '../../../packages/sigv4/test/support/smithy.js';
import { formatFigures } from '../src/format-figures.js';

const RUNS = Number(process.env['CHAOS_FUZZ_RUNS'] ?? 400);

// Names whose byte order differs from naive orders: '-' < '.' < '0' < '_' < 'a' < '~'.
const NAME_POOL = ['x-a', 'x-a-b', 'x-a.b', 'x-a_b', 'x-ab', 'x-a~', 'x-a0', 'x-amz-meta-a', 'x-amz-meta-a-', 'x-amz-meta-a1', 'content-type',
  'content-md5', 'user-agent', 'cache-control', 'expect', 'x-amzn-trace-id', 'range', 'if-match', 'x-amz-acl', 'x-amz-tagging', 'accept'];
const BOUNDARY_DATES = ['1999-12-31T23:59:59Z', '2000-01-01T00:00:00Z', '2024-02-28T23:59:59Z', '2024-02-29T00:00:00Z', '2024-02-29T23:59:59Z',
  '2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z', '2038-01-19T03:14:07Z', '2038-01-19T03:14:08Z', '2100-03-01T00:00:00Z'].map((d) => Date.parse(d));

// Header values: runs of spaces and tabs around and inside visible ASCII, or empty.
const value = fc
  .array(fc.oneof(fc.constantFrom(' ', '   ', '\t', '\t \t'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 })), { maxLength: 6 })
  // eslint-disable-next-line no-control-regex -- no control characters in header values
  .map((a) => a.join('').replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '.'));
const base64ish = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

const arbRequest = fc.record({
  s3: fc.boolean(),
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD'),
  headers: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAME_POOL), value), { maxLength: 12, selector: ([n]) => n }),
  unsigned: fc.subarray(['x-a', 'x-amz-meta-a', 'content-type', 'range', 'accept']),
  body: fc.oneof(fc.constant(undefined), fc.uint8Array({ maxLength: 70_000 }), fc.string({ maxLength: 100 })),
  payload: fc.constantFrom<'hash' | 'given' | 'unsigned'>('hash', 'given', 'unsigned'),
  token: fc.oneof(fc.constant(undefined), base64ish(300, 900)),
  secret: base64ish(40, 40),
  region: fc.constantFrom('us-east-1', 'eu-central-2', 'cn-north-1', 'us-iso-east-1'),
  time: fc.oneof(fc.constantFrom(...BOUNDARY_DATES), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2199, 0, 1) })),
  expiresIn: fc.oneof(fc.constantFrom(1, 60, 900, 3600, 604_800), fc.integer({ min: 1, max: 604_800 })),
});
type Generated = typeof arbRequest extends fc.Arbitrary<infer T> ? T : never;

function build(g: Generated) {
  const service = g.s3 ? 's3' : 'dynamodb';
  const host = g.s3 ? 'bucket.s3.amazonaws.com' : `dynamodb.${g.region}.amazonaws.com`;
  const headers = Object.fromEntries(g.headers);
  const unsignedHeaders = g.unsigned.filter((h) => h in headers);
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: g.secret, sessionToken: g.token };
  const date = new Date(g.time - (g.time % 1000));
  const bodyBytes = g.body === undefined ? new Uint8Array() : typeof g.body === 'string' ? new TextEncoder().encode(g.body) : g.body;
  const payloadHash = g.payload === 'unsigned' ? 'UNSIGNED-PAYLOAD' : g.payload === 'given' ? createHash('sha256').update(bodyBytes).digest('hex') : undefined;
  const ours = {
    req: { method: g.method, url: `https://${host}/p/q`, headers, body: g.body },
    opts: { credentials, region: g.region, service, date, s3: g.s3, unsignedHeaders, ...(payloadHash === undefined ? {} : { payloadHash }) },
  };
  // smithy reads the payload hash from x-amz-content-sha256 when the caller set it
  const smithyHeaders: Record<string, string> = { ...headers, host, ...(payloadHash === undefined || !g.s3 ? {} : { 'x-amz-content-sha256': payloadHash }) };
  const smithy: SmithyRequest = { method: g.method, protocol: 'https:', hostname: host, path: '/p/q', query: {}, headers: smithyHeaders, body: g.body as string | undefined };
  return { ours, smithy, signer: smithySigner({ credentials, region: g.region, service, s3: g.s3 }), date, unsignedHeaders };
}

describe('signer differential fuzzing (headers, payloads, tokens, boundary dates)', () => {
  it(`${RUNS} header-signed requests agree with @smithy/signature-v4`, async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(arbRequest, async (g) => {
        // smithy cannot be told a payload hash for non-S3 requests; those cases are S3-only
        fc.pre(g.s3 || g.payload === 'hash');
        const { ours, smithy, signer, date, unsignedHeaders } = build(g);
        const mine = signRequest(ours.req, ours.opts);
        const theirs = (await signer.sign(smithy as never, { signingDate: date, unsignableHeaders: new Set(unsignedHeaders) })) as unknown as SmithyRequest;
        expect(mine.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\//);
        expect(mine.headers['authorization']).toBe(theirs.headers['authorization']);
        compared++;
      }),
      { seed: 7_000_001, numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 2);
    console.log(formatFigures('Signer fuzzing: header signing', { 'requests compared with @smithy/signature-v4': compared, mismatches: 0, seed: 7_000_001 }));
  });

  it(`${RUNS} presigned URLs agree with @smithy/signature-v4`, async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(arbRequest, async (g) => {
        const { ours, smithy, signer, date, unsignedHeaders } = build({ ...g, payload: 'hash' });
        const mine = presignUrl(ours.req, { ...ours.opts, expiresIn: g.expiresIn, ...(g.s3 ? { payloadHash: 'UNSIGNED-PAYLOAD' } : {}) });
        const names = new Set([...Object.keys(smithy.headers), 'x-amz-content-sha256']);
        const theirs = (await signer.presign(
          { ...smithy, headers: { ...smithy.headers, ...(g.s3 ? { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } : {}) } } as never,
          { signingDate: date, expiresIn: g.expiresIn, unhoistableHeaders: names, unsignableHeaders: new Set([...unsignedHeaders, ...(g.s3 ? ['x-amz-content-sha256'] : [])]) },
        )) as unknown as SmithyRequest;
        expect(mine.signature).toMatch(/^[0-9a-f]{64}$/);
        expect(mine.signature).toBe(theirs.query['X-Amz-Signature']);
        expect(new URL(mine.url).searchParams.get('X-Amz-SignedHeaders')).toBe(theirs.query['X-Amz-SignedHeaders']);
        compared++;
      }),
      { seed: 7_000_002, numRuns: RUNS },
    );
    console.log(formatFigures('Signer fuzzing: presigning', { 'URLs compared with @smithy/signature-v4': compared, mismatches: 0, seed: 7_000_002 }));
  });
});
