import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { diffLines } from './explain-diff.js';
import { explainSignatureMismatch } from './explain-signature-mismatch.js';
import { decodeXmlEntities, parseSignatureMismatchXml } from './explain-xml.js';
import { isSigV4Error } from './errors.js';
import { presignUrl } from './presign.js';
import { signRequest } from './sign.js';
import type { SignableRequest, SignOptions, SignResult } from './types.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const base: SignOptions = { credentials, region: 'us-east-1', service: 's3', date: new Date('2024-03-01T10:00:00Z') };
const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const hexBytes = (s: string): string => [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** An S3 SignatureDoesNotMatch body, as S3 builds it from the request it received (here: the "server" signing). */
function s3ErrorBody(server: SignResult, opts: { bytes?: boolean } = {}): string {
  const bytes = opts.bytes ?? true;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Error><Code>SignatureDoesNotMatch</Code>',
    '<Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>',
    `<AWSAccessKeyId>${credentials.accessKeyId}</AWSAccessKeyId>`,
    `<StringToSign>${xmlEscape(server.stringToSign)}</StringToSign>`,
    `<SignatureProvided>${'0'.repeat(64)}</SignatureProvided>`,
    bytes ? `<StringToSignBytes>${hexBytes(server.stringToSign)}</StringToSignBytes>` : '',
    `<CanonicalRequest>${xmlEscape(server.canonicalRequest)}</CanonicalRequest>`,
    bytes ? `<CanonicalRequestBytes>${hexBytes(server.canonicalRequest)}</CanonicalRequestBytes>` : '',
    '<RequestId>4442587FB7D0A2F9</RequestId><HostId>host-id-example</HostId></Error>',
  ].join('');
}

/** Signs `ours` as the client did and `theirs` as the server saw it; returns the explanation. */
function explain(ours: SignableRequest, theirs: SignableRequest, oursOpts: Partial<SignOptions> = {}, theirOpts: Partial<SignOptions> = {}) {
  const client = signRequest(ours, { ...base, ...oursOpts });
  const server = signRequest(theirs, { ...base, ...theirOpts });
  return explainSignatureMismatch(s3ErrorBody(server), client);
}
const kinds = (e: ReturnType<typeof explain>): string[] => e.causes.map((c) => c.kind);

describe('parseSignatureMismatchXml', () => {
  it('reads every field, decodes entities and prefers the byte-exact variants', () => {
    const server = signRequest({ method: 'GET', url: 'https://b.s3.amazonaws.com/a&b<c>.txt?x=1&y=2' }, base);
    const parsed = parseSignatureMismatchXml(s3ErrorBody(server));
    expect(parsed.code).toBe('SignatureDoesNotMatch');
    expect(parsed.accessKeyId).toBe(credentials.accessKeyId);
    expect(parsed.canonicalRequest).toBe(server.canonicalRequest);
    expect(parsed.stringToSign).toBe(server.stringToSign);
    expect(parsed.requestId).toBe('4442587FB7D0A2F9');
    const textOnly = parseSignatureMismatchXml(s3ErrorBody(server, { bytes: false }));
    expect(textOnly.canonicalRequest).toBe(server.canonicalRequest);
  });

  it('decodes named and numeric entities and leaves unknown ones alone', () => {
    expect(decodeXmlEntities('a&amp;b&lt;&gt;&quot;&apos;&#65;&#x42;&unknown;')).toBe('a&b<>"\'AB&unknown;');
  });

  it('refuses a body without a canonical request, with a typed error', () => {
    const body = '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
    try {
      parseSignatureMismatchXml(body);
      expect.unreachable();
    } catch (e) {
      expect(isSigV4Error(e) && e.code).toBe('SIGV4_NOT_A_SIGNATURE_MISMATCH');
      expect((e as Error).message).toContain('AccessDenied');
    }
  });
});

describe('explainSignatureMismatch', () => {
  const url = 'https://examplebucket.s3.amazonaws.com/photos/cat.jpg';

  it('names a header value a proxy changed (content-type charset)', () => {
    const e = explain({ method: 'PUT', url, headers: { 'content-type': 'text/plain' }, body: 'hi' },
      { method: 'PUT', url, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'hi' });
    expect(kinds(e)).toEqual(['HEADER_VALUE_CHANGED']);
    expect(e.causes[0]?.name).toBe('content-type');
    expect(e.causes[0]?.message).toContain('charset');
    expect(e.canonicalRequestDiff.filter((l) => l.op !== ' ')).toEqual([
      { op: '-', text: 'content-type:text/plain' },
      { op: '+', text: 'content-type:text/plain; charset=utf-8' },
    ]);
    expect(e.report).toContain('- content-type:text/plain');
    expect(e.report).toContain('+ content-type:text/plain; charset=utf-8');
  });

  it('names a signed header that arrived empty', () => {
    const e = explain({ method: 'GET', url, headers: { 'x-amz-meta-owner': 'alice' } }, { method: 'GET', url, headers: { 'x-amz-meta-owner': '' } });
    expect(kinds(e)).toEqual(['HEADER_REMOVED_IN_TRANSIT']);
  });

  it('names a header only one side signed', () => {
    const e = explain({ method: 'GET', url }, { method: 'GET', url, headers: { range: 'bytes=0-9' } });
    expect(kinds(e)).toContain('HEADER_ADDED');
    expect(e.causes.find((c) => c.kind === 'HEADER_ADDED')?.name).toBe('range');
  });

  it('spots a key encoded twice on the wire, and a key we encoded twice', () => {
    // The client built the URL with the key encoded once, then a layer encoded the URL again before sending.
    const once = 'https://examplebucket.s3.amazonaws.com/my%20photos/cat%201.jpg';
    const twice = 'https://examplebucket.s3.amazonaws.com/my%2520photos/cat%25201.jpg';
    const sentTwice = explain({ method: 'GET', url: once }, { method: 'GET', url: twice });
    expect(kinds(sentTwice)).toEqual(['PATH_SENT_ENCODED_TWICE']);
    // We applied the generic (double-encoding) path rules to S3.
    const key = once;
    const signedTwice = explain({ method: 'GET', url: key }, { method: 'GET', url: key }, { s3: false, addContentSha256: true }, { s3: true });
    expect(kinds(signedTwice)).toEqual(['PATH_ENCODED_TWICE']);
    expect(signedTwice.causes[0]?.message).toContain('s3: true');
  });

  it('spots path-style vs virtual-hosted addressing', () => {
    const e = explain({ method: 'GET', url: 'https://s3.amazonaws.com/examplebucket/photos/cat.jpg' }, { method: 'GET', url },
      {}, {});
    expect(kinds(e)).toContain('PATH_CHANGED');
    expect(e.causes.find((c) => c.kind === 'PATH_CHANGED')?.message).toContain('path-style');
    expect(kinds(e)).toContain('HEADER_VALUE_CHANGED');
  });

  it("spots a space sent as '+' and a query parameter added after signing", () => {
    const plus = explain({ method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/?prefix=a%20b' },
      { method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/?prefix=a%2Bb' });
    expect(kinds(plus)).toEqual(['QUERY_VALUE_CHANGED']);
    expect(plus.causes[0]?.message).toContain("'+'");
    const added = explain({ method: 'GET', url }, { method: 'GET', url: `${url}?x-id=GetObject` });
    expect(kinds(added)).toEqual(['QUERY_PARAM_ADDED']);
    expect(added.causes[0]?.name).toBe('x-id');
    const removed = explain({ method: 'GET', url: `${url}?versionId=3` }, { method: 'GET', url });
    expect(kinds(removed)).toEqual(['QUERY_PARAM_REMOVED']);
  });

  it('spots an unsorted canonical query', () => {
    const client = signRequest({ method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J' }, base);
    const lines = client.canonicalRequest.split('\n');
    lines[2] = 'prefix=J&max-keys=2';
    const e = explainSignatureMismatch(s3ErrorBody({ ...client, canonicalRequest: lines.join('\n') }), { canonicalRequest: client.canonicalRequest });
    expect(kinds(e)).toEqual(['QUERY_ORDER']);
  });

  it('spots a body changed after signing (payload hash)', () => {
    const e = explain({ method: 'PUT', url, body: 'hello' }, { method: 'PUT', url, body: 'hello\n' });
    expect(kinds(e)).toContain('PAYLOAD_HASH_MISMATCH');
    expect(e.causes.find((c) => c.kind === 'PAYLOAD_HASH_MISMATCH')?.message).toContain('body changed');
  });

  it('spots a method changed by a redirect', () => {
    const e = explain({ method: 'POST', url }, { method: 'GET', url });
    expect(kinds(e)[0]).toBe('METHOD_CHANGED');
  });

  it('spots a wrong region and a re-dated request from the string to sign', () => {
    const region = explain({ method: 'GET', url }, { method: 'GET', url }, {}, { region: 'eu-west-1' });
    expect(kinds(region)).toEqual(['SCOPE_MISMATCH']);
    expect(region.causes[0]?.message).toContain('region us-east-1 vs eu-west-1');
    expect(region.canonicalRequestMatches).toBe(true);
    expect(region.stringToSignDiff.filter((l) => l.op !== ' ').map((l) => l.op)).toEqual(['-', '+']);
    const redated = explain({ method: 'GET', url }, { method: 'GET', url }, {}, { date: new Date('2024-03-01T10:05:00Z') });
    expect(kinds(redated)).toEqual(['HEADER_VALUE_CHANGED', 'DATE_MISMATCH']);
    expect(redated.causes[0]?.message).toContain('retry');
  });

  it('blames the secret key when both sides computed the same thing', () => {
    const e = explain({ method: 'GET', url }, { method: 'GET', url });
    expect(e.canonicalRequestMatches).toBe(true);
    expect(kinds(e)).toEqual(['SECRET_KEY_MISMATCH']);
    expect(e.report).toContain('Canonical request: identical.');
  });

  it('accepts a bare canonical request string as our side', () => {
    const client = signRequest({ method: 'GET', url, headers: { 'x-amz-meta-a': '1' } }, base);
    const server = signRequest({ method: 'GET', url, headers: { 'x-amz-meta-a': '2' } }, base);
    const e = explainSignatureMismatch(s3ErrorBody(server), client.canonicalRequest);
    expect(kinds(e)).toEqual(['HEADER_VALUE_CHANGED']);
    expect(e.stringToSignDiff).toEqual([]);
  });
});

describe('secrets stay out of explanations', () => {
  const url = 'https://examplebucket.s3.amazonaws.com/photos/cat.jpg';
  const tokenA = 'IQoJb3JpZ2luX2VjEXAMPLETOKENaaaa+/=';
  const tokenB = 'IQoJb3JpZ2luX2VjEXAMPLETOKENbbbb+/=';

  it('redacts session tokens (header and query) and still tells a changed token apart', () => {
    const same = explain({ method: 'GET', url }, { method: 'GET', url }, { credentials: { ...credentials, sessionToken: tokenA } },
      { credentials: { ...credentials, sessionToken: tokenA } });
    expect(kinds(same)).toEqual(['SECRET_KEY_MISMATCH']);
    const changed = explain({ method: 'GET', url }, { method: 'GET', url }, { credentials: { ...credentials, sessionToken: tokenA } },
      { credentials: { ...credentials, sessionToken: tokenB } });
    expect(kinds(changed)).toEqual(['HEADER_VALUE_CHANGED']);
    expect(changed.causes[0]?.name).toBe('x-amz-security-token');
    const presigned = presignUrl({ method: 'GET', url }, { ...base, credentials: { ...credentials, sessionToken: tokenA } });
    const q = explainSignatureMismatch(s3ErrorBody({ ...presigned, canonicalRequest: presigned.canonicalRequest.replace('X-Amz-Date=', 'X-Amz-Date=1') }), presigned);
    expect(kinds(q)).toEqual(['QUERY_VALUE_CHANGED']);
    for (const e of [same, changed, q]) {
      const shown = `${e.report}\n${inspect(e, { depth: 10 })}\n${JSON.stringify(e)}`;
      for (const secret of [tokenA, tokenB, encodeURIComponent(tokenA), encodeURIComponent(tokenB), '0'.repeat(64)]) expect(shown).not.toContain(secret);
      expect(shown).toContain('<redacted #');
    }
  });
});

describe('diffLines', () => {
  it('produces a minimal line diff', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      { op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: '+', text: 'x' }, { op: ' ', text: 'c' }, { op: ' ', text: 'd' }, { op: '+', text: 'e' },
    ]);
  });
});
