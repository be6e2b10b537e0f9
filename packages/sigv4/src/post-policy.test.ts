import { describe, expect, it } from 'vitest';
import { nodeCrypto } from './crypto.js';
import { signPolicyDocument, signPostPolicy } from './post-policy.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'TOKEN' };
const date = new Date('2015-12-29T00:00:00Z');

describe('signPostPolicy', () => {
  it('returns every form field, including the session token, and a policy that lists them', () => {
    const r = signPostPolicy({
      credentials,
      region: 'us-east-1',
      date,
      bucket: 'b',
      expiresIn: 600,
      fields: { key: 'uploads/${filename}', 'Content-Type': 'image/png' },
      conditions: [['content-length-range', 1, 1024], ['eq', '$x-amz-meta-a', 'b']],
    });
    expect(r.expiration).toBe('2015-12-29T00:10:00.000Z');
    expect(Object.keys(r.fields)).toEqual(['key', 'Content-Type', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-security-token', 'policy', 'x-amz-signature']);
    expect(r.fields['x-amz-security-token']).toBe('TOKEN');
    const policy = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(r.fields['policy'] as string), (c) => c.charCodeAt(0)))) as { conditions: unknown[] };
    expect(policy.conditions).toEqual([
      { bucket: 'b' },
      { key: 'uploads/${filename}' },
      { 'Content-Type': 'image/png' },
      ['content-length-range', 1, 1024],
      ['eq', '$x-amz-meta-a', 'b'],
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': 'AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request' },
      { 'x-amz-date': '20151229T000000Z' },
      { 'x-amz-security-token': 'TOKEN' },
    ]);
    expect(r.signature).toBe(signPolicyDocument(nodeCrypto, credentials.secretAccessKey, '20151229', 'us-east-1', 's3', r.policy).signature);
    expect(r.stringToSign).toBe(r.fields['policy']);
  });

  it('base64-encodes UTF-8 policies', () => {
    const { policyBase64 } = signPolicyDocument(nodeCrypto, 's', '20151229', 'us-east-1', 's3', '{"k":"ü😀"}');
    expect(policyBase64).toBe(btoa(String.fromCharCode(...new TextEncoder().encode('{"k":"ü😀"}'))));
  });
});
