import { describe, expect, it } from 'vitest';
import { payloadHashFor, signingPrepare } from './signer.js';

describe('payloadHashFor', () => {
  it('hashes string and byte bodies once, uses the empty hash without a body, keeps a given hash', () => {
    expect(payloadHashFor(undefined, undefined, false, 'op')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(payloadHashFor('abc', undefined, false, 'op')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(payloadHashFor(new TextEncoder().encode('abc'), undefined, false, 'op')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(payloadHashFor('abc', 'UNSIGNED-PAYLOAD', true, 'op')).toBe('UNSIGNED-PAYLOAD');
  });

  it('streams: UNSIGNED-PAYLOAD for S3, a typed error elsewhere', () => {
    const stream = () => (async function* () {})();
    expect(payloadHashFor(stream, undefined, true, 's3:PutObject')).toBe('UNSIGNED-PAYLOAD');
    expect(() => payloadHashFor(stream, undefined, false, 'lambda:Invoke')).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_OPTION' }));
  });
});

describe('signingPrepare', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'TOKEN' };
  it('signs with the date of the attempt, lower-cases caller headers and never keeps a stale signature', async () => {
    const prepare = signingPrepare({ credentials: () => Promise.resolve(credentials), region: 'us-east-1', service: 'sts', s3: false, payloadHash: undefined }, { 'Content-Type': 'text/plain' });
    const req = { method: 'POST', url: 'https://sts.us-east-1.amazonaws.com/', body: 'x', headers: { authorization: 'stale' } };
    const a = await prepare(req, { attempt: 1, date: new Date(Date.UTC(2015, 7, 30, 12, 36, 0)) });
    const b = await prepare(a, { attempt: 2, date: new Date(Date.UTC(2015, 7, 30, 12, 41, 0)) });
    expect(a.headers).toMatchObject({ 'content-type': 'text/plain', 'x-amz-date': '20150830T123600Z', 'x-amz-security-token': 'TOKEN' });
    expect(b.headers?.['x-amz-date']).toBe('20150830T124100Z');
    expect(a.headers?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/sts\/aws4_request/);
    expect(b.headers?.authorization).not.toBe(a.headers?.authorization);
    expect(Object.keys(b.headers ?? {}).filter((k) => k.toLowerCase() === 'content-type')).toEqual(['content-type']);
  });

  it('credential and signing failures become typed errors with the cause', async () => {
    const cause = new Error('imds down');
    const failing = signingPrepare({ credentials: () => Promise.reject(cause), region: 'us-east-1', service: 'sts', s3: false, payloadHash: undefined }, {});
    await expect(failing({ method: 'GET', url: 'https://x/' }, { attempt: 1, date: new Date() })).rejects.toMatchObject({ code: 'CLIENT_CREDENTIALS', cause });
    const badRegion = signingPrepare({ credentials: () => Promise.resolve(credentials), region: '', service: 'sts', s3: false, payloadHash: undefined }, {});
    await expect(badRegion({ method: 'GET', url: 'https://x/' }, { attempt: 1, date: new Date() })).rejects.toMatchObject({ code: 'CLIENT_SIGNING' });
  });
});
