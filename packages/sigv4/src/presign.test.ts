import { describe, expect, it } from 'vitest';
import { presignUrl } from './presign.js';
import type { PresignOptions } from './types.js';

const date = new Date('2013-05-24T00:00:00Z');
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const base: PresignOptions = { credentials, region: 'us-east-1', service: 's3', date };
const params = (url: string): Record<string, string> => Object.fromEntries(new URL(url).searchParams);

describe('presignUrl', () => {
  it('defaults to 900 seconds and UNSIGNED-PAYLOAD for S3', () => {
    const r = presignUrl({ method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/test.txt' }, base);
    expect(params(r.url)['X-Amz-Expires']).toBe('900');
    expect(r.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect(params(r.url)['X-Amz-Content-Sha256']).toBeUndefined();
  });

  it('hashes the body for other services', () => {
    const r = presignUrl({ method: 'GET', url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15' }, { ...base, service: 'sts' });
    expect(r.canonicalRequest.endsWith('\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
    expect(params(r.url)['Action']).toBe('GetCallerIdentity');
  });

  it('signs X-Amz-Security-Token in the query, or appends it after signing with signSessionToken: false', () => {
    const creds = { ...credentials, sessionToken: 'tok/en+==' };
    const signed = presignUrl({ method: 'GET', url: 'https://b.s3.amazonaws.com/k' }, { ...base, credentials: creds });
    expect(signed.canonicalRequest).toContain('X-Amz-Security-Token=tok%2Fen%2B%3D%3D');
    expect(params(signed.url)['X-Amz-Security-Token']).toBe('tok/en+==');
    const after = presignUrl({ method: 'GET', url: 'https://b.s3.amazonaws.com/k' }, { ...base, credentials: creds, signSessionToken: false });
    expect(after.canonicalRequest).not.toContain('X-Amz-Security-Token');
    expect(after.url.endsWith(`X-Amz-Signature=${after.signature}&X-Amz-Security-Token=tok%2Fen%2B%3D%3D`)).toBe(true);
  });

  it('returns the signed headers the uploader must send (e.g. SSE-C), and only those', () => {
    const r = presignUrl(
      {
        method: 'PUT',
        url: 'https://b.s3.amazonaws.com/secret.bin',
        headers: {
          'x-amz-server-side-encryption-customer-algorithm': 'AES256',
          'x-amz-server-side-encryption-customer-key': 'a2V5',
          'x-amz-server-side-encryption-customer-key-MD5': 'bWQ1',
          'User-Agent': 'not signed',
        },
      },
      { ...base, expiresIn: 300 },
    );
    expect(r.signedHeaders).toBe(
      'host;x-amz-server-side-encryption-customer-algorithm;x-amz-server-side-encryption-customer-key;x-amz-server-side-encryption-customer-key-md5',
    );
    expect(Object.keys(r.headers).sort()).toEqual(r.signedHeaders.split(';'));
    expect(params(r.url)['X-Amz-SignedHeaders']).toBe(r.signedHeaders);
  });

  it('re-presigning a presigned URL replaces the old X-Amz-* parameters and keeps the others', () => {
    const first = presignUrl({ method: 'GET', url: 'https://b.s3.amazonaws.com/k?versionId=3' }, { ...base, expiresIn: 60 });
    const again = presignUrl({ method: 'GET', url: first.url }, { ...base, expiresIn: 120 });
    const p = params(again.url);
    expect(p['X-Amz-Expires']).toBe('120');
    expect(p['versionId']).toBe('3');
    expect(new URL(again.url).searchParams.getAll('X-Amz-Signature')).toEqual([again.signature]);
  });

  it('S3 URLs carry the canonical (once-encoded) key; other services keep the caller path, made URL-safe', () => {
    const s3 = presignUrl({ method: 'GET', url: 'https://b.s3.amazonaws.com/a b/ü$+.txt' }, base);
    expect(s3.url.startsWith('https://b.s3.amazonaws.com/a%20b/%C3%BC%24%2B.txt?')).toBe(true);
    const api = presignUrl({ method: 'GET', url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/my%20fn' }, { ...base, service: 'execute-api' });
    expect(api.url.startsWith('https://abc.execute-api.us-east-1.amazonaws.com/prod/my%20fn?')).toBe(true);
    expect(api.canonicalRequest.split('\n')[1]).toBe('/prod/my%2520fn');
    const raw = presignUrl({ method: 'GET', url: 'https://h.example.com/a b/\uD800/ሴ' }, { ...base, service: 'execute-api' });
    expect(raw.url.startsWith('https://h.example.com/a%20b/%EF%BF%BD/%E1%88%B4?')).toBe(true);
  });
});
