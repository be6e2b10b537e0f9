import { describe, expect, it } from 'vitest';
import { canonicalQueryPairs, canonicalQueryString } from './canonical-query.js';
import { canonicalRequest } from './canonical-request.js';
import { canonicalUri, normalizePath } from './canonical-uri.js';
import { requestUrl } from './request-url.js';

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('canonicalUri', () => {
  it('S3: decode then encode once, keeping dot segments, empty segments and %2F', () => {
    expect(canonicalUri('/test$file.text', true)).toBe('/test%24file.text');
    expect(canonicalUri('/test%24file.text', true)).toBe('/test%24file.text');
    expect(canonicalUri('/a//./../b', true)).toBe('/a//./../b');
    expect(canonicalUri('/a%2Fb/c d', true)).toBe('/a%2Fb/c%20d');
    expect(canonicalUri('/photos/my+cat.jpg', true)).toBe('/photos/my%2Bcat.jpg');
    expect(canonicalUri('', true)).toBe('/');
  });

  it('other services: normalise, then encode the wire path again (double encoding)', () => {
    expect(canonicalUri('/example/..', false)).toBe('/');
    expect(canonicalUri('//example//', false)).toBe('/example/');
    expect(canonicalUri('/a/./b/../c', false)).toBe('/a/c');
    expect(canonicalUri('/functions/my%20fn/invocations', false)).toBe('/functions/my%2520fn/invocations');
    expect(canonicalUri('/example space/', false)).toBe('/example%20space/');
    expect(normalizePath('/a/b/..')).toBe('/a');
  });
});

describe('canonical query', () => {
  it('sorts by key then value, keeps repeated keys and empty values, key without "=" gets ""', () => {
    expect(canonicalQueryString(canonicalQueryPairs('b=2&a=2&a=1&c&d=&&e=%7E'))).toBe('a=1&a=2&b=2&c=&d=&e=~');
  });

  it('sorts by encoded bytes (upper case before lower case, %XX before letters)', () => {
    expect(canonicalQueryString(canonicalQueryPairs('Param2=v&param1=v&%E1%88%B4=v&Param1=v'))).toBe('%E1%88%B4=v&Param1=v&Param2=v&param1=v');
  });

  it('splits at the first "=" only and re-encodes reserved characters', () => {
    expect(canonicalQueryString(canonicalQueryPairs('k=a=b&x=%2B+%20'))).toBe('k=a%3Db&x=%2B%20%20');
  });
});

describe('canonicalRequest', () => {
  it('joins the six parts, adds host from the URL, honours omitQuery and extraQuery', () => {
    const r = canonicalRequest(
      { method: 'GET', url: 'https://Example.AmazonAWS.com:443/a?X-Amz-Signature=old&b=1', headers: { 'x-amz-date': '20150830T123600Z' } },
      { payloadHash: EMPTY, s3: false, omitQuery: ['X-Amz-Signature'], extraQuery: [['X-Amz-Expires', '60']] },
    );
    expect(r.canonicalRequest).toBe(`GET\n/a\nX-Amz-Expires=60&b=1\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${EMPTY}`);
    expect(r.headers['host']).toBe('example.amazonaws.com');
  });

  it('a string URL keeps its raw path; a URL object contributes its normalised pathname', () => {
    const str = canonicalRequest({ method: 'GET', url: 'https://b.s3.amazonaws.com/a/../b' }, { payloadHash: EMPTY, s3: true });
    expect(str.canonicalUri).toBe('/a/../b');
    const obj = canonicalRequest({ method: 'GET', url: new URL('https://b.s3.amazonaws.com/a/../b') }, { payloadHash: EMPTY, s3: true });
    expect(obj.canonicalUri).toBe('/b');
  });
});

describe('requestUrl host', () => {
  it('matches WHATWG URL host rules on the fast path and the slow path', () => {
    for (const authority of ['example.com', 'EXAMPLE.com', 'a.b:443', 'a.b:0443', 'a.b:8080', '[::1]:9000', 'bücher.example', '127.0.0.1:80', '127.1', 'bucket.localhost:7480']) {
      expect(requestUrl(`https://${authority}/x`).host).toBe(new URL(`https://${authority}/x`).host);
    }
    expect(requestUrl('http://h:80/').host).toBe('h');
    expect(requestUrl('https://h').path).toBe('/');
    expect(requestUrl('https://h/p?q=1#frag').query).toBe('q=1');
  });
});
