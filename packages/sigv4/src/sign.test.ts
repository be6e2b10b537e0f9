import { describe, expect, it } from 'vitest';
import { signRequest } from './sign.js';
import type { SignOptions } from './types.js';

const date = new Date('2015-08-30T12:36:00Z');
const credentials = Object.freeze({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' });
const base: SignOptions = { credentials, region: 'us-east-1', service: 'service', date };
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('signRequest', () => {
  it('reproduces the classic get-vanilla signature', () => {
    const r = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' }, base);
    expect(r.signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    expect(r.headers).toEqual({
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${r.signature}`,
    });
    expect(r.credentialScope).toBe('20150830/us-east-1/service/aws4_request');
    expect(r.amzDate).toBe('20150830T123600Z');
  });

  it('does not mutate the request or the credentials', () => {
    const headers = { 'Content-Type': 'text/plain', 'X-Amz-Date': 'stale', Authorization: 'stale' };
    const req = { method: 'PUT', url: 'https://b.s3.amazonaws.com/k', headers, body: 'x' };
    const snapshot = JSON.stringify(req);
    const r = signRequest(req, { ...base, service: 's3' });
    expect(JSON.stringify(req)).toBe(snapshot);
    expect(Object.isFrozen(credentials)).toBe(true);
    // Our x-amz-date and authorization replace the caller's stale ones.
    expect(r.headers['x-amz-date']).toBe('20150830T123600Z');
    expect(r.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(Object.keys(r.headers).filter((k) => k.toLowerCase() === 'x-amz-date')).toHaveLength(1);
  });

  it('S3 defaults: x-amz-content-sha256 added and signed; a caller-given one is the payload hash', () => {
    const put = signRequest({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', body: 'Welcome to Amazon S3.' }, { ...base, service: 's3' });
    expect(put.headers['x-amz-content-sha256']).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    expect(put.signedHeaders).toBe('host;x-amz-content-sha256;x-amz-date');
    const unsigned = signRequest({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', headers: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: 'ignored' }, { ...base, service: 's3' });
    expect(unsigned.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect(unsigned.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    const nonS3 = signRequest({ method: 'GET', url: 'https://sts.amazonaws.com/' }, { ...base, service: 'sts' });
    expect(nonS3.headers['x-amz-content-sha256']).toBeUndefined();
    expect(signRequest({ method: 'GET', url: 'https://sts.amazonaws.com/' }, { ...base, service: 'sts', addContentSha256: true }).headers['x-amz-content-sha256']).toBe(EMPTY);
  });

  it('signs the session token by default, or attaches it unsigned with signSessionToken: false', () => {
    const creds = { ...credentials, sessionToken: 'TOKEN' };
    const signed = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' }, { ...base, credentials: creds });
    expect(signed.signedHeaders).toBe('host;x-amz-date;x-amz-security-token');
    expect(signed.headers['x-amz-security-token']).toBe('TOKEN');
    const after = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' }, { ...base, credentials: creds, signSessionToken: false });
    expect(after.signedHeaders).toBe('host;x-amz-date');
    expect(after.headers['x-amz-security-token']).toBe('TOKEN');
    const empty = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' }, { ...base, credentials: { ...credentials, sessionToken: '' } });
    expect(empty.headers['x-amz-security-token']).toBeUndefined();
  });

  it('passes unsigned headers through to the result without signing them', () => {
    const r = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: { 'User-Agent': 'rawaws', 'X-Trace': '1' } }, { ...base, unsignedHeaders: ['x-trace'] });
    expect(r.signedHeaders).toBe('host;x-amz-date');
    expect(r.headers['user-agent']).toBe('rawaws');
    expect(r.headers['x-trace']).toBe('1');
  });

  it('unsignedHeaders can leave out the added x-amz-content-sha256, but never host or x-amz-date', () => {
    const r = signRequest(
      { method: 'GET', url: 'https://b.s3.amazonaws.com/k' },
      { ...base, service: 's3', unsignedHeaders: ['x-amz-content-sha256', 'host', 'x-amz-date'] },
    );
    expect(r.signedHeaders).toBe('host;x-amz-date');
    expect(r.headers['x-amz-content-sha256']).toBe(EMPTY);
  });

  it('uses an explicit host header (e.g. a connect-address override) over the URL host', () => {
    const r = signRequest({ method: 'GET', url: 'http://127.0.0.1:7480/b/k', headers: { Host: 'b.localhost:7480' } }, { ...base, service: 's3' });
    expect(r.canonicalRequest).toContain('\nhost:b.localhost:7480\n');
    expect(r.headers['host']).toBe('b.localhost:7480');
  });

  it('defaults the date to now', () => {
    const before = Date.now();
    const r = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/' }, { credentials, region: 'us-east-1', service: 'sts' });
    const t = Date.UTC(+r.amzDate.slice(0, 4), +r.amzDate.slice(4, 6) - 1, +r.amzDate.slice(6, 8), +r.amzDate.slice(9, 11), +r.amzDate.slice(11, 13), +r.amzDate.slice(13, 15));
    expect(t).toBeGreaterThanOrEqual(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
