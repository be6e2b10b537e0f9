// The S3 worked examples of the AWS documentation (fixtures/s3-examples.json): header auth (GET, PUT, lifecycle,
// list), the seed signatures of the chunked uploads, the presigned URL, the POST policy and key derivation.
// The chunk-signature chains themselves are tested with the aws-chunked encoder (src/aws-chunked.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, toHex } from '../src/crypto.js';
import { signPolicyDocument, signPostPolicy } from '../src/post-policy.js';
import { presignUrl } from '../src/presign.js';
import { signRequest } from '../src/sign.js';
import { deriveSigningKey, signingKey } from '../src/signing-key.js';

interface Example {
  id: string;
  auth: string;
  input: Record<string, unknown> & {
    credentials: { accessKeyId: string; secretAccessKey: string };
    region: string;
    service: string;
    amzDate: string;
  };
  expected: Record<string, string>;
}

const examples = (JSON.parse(readFileSync(new URL('./fixtures/s3-examples.json', import.meta.url), 'utf8')) as { examples: Example[] }).examples;
const byId = (id: string): Example => {
  const e = examples.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no example ${id}`);
  return e;
};
const dateOf = (amz: string): Date =>
  new Date(`${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`);

function requestOf(e: Example) {
  const i = e.input as Example['input'] & { method: string; host: string; path: string; rawQuery?: string; headers: Record<string, string>; body?: string };
  return {
    req: { method: i.method, url: `https://${i.host}${i.path}${i.rawQuery === undefined ? '' : `?${i.rawQuery}`}`, headers: i.headers, body: i.body },
    opts: { credentials: i.credentials, region: i.region, service: i.service, date: dateOf(i.amzDate) },
  };
}

// The docs print the Authorization value with ',' between components; we send ', ' like the SDKs. Both are valid.
const compact = (authorization: string | undefined): string | undefined => authorization?.replaceAll(', ', ',');

describe('S3 documentation examples', () => {
  it('covers every example in the fixture', () => {
    expect(examples.map((e) => e.id).sort()).toEqual(
      [
        's3-chunked-put-object',
        's3-chunked-put-object-trailer',
        's3-get-bucket-lifecycle',
        's3-get-object',
        's3-list-objects',
        's3-post-policy',
        's3-presigned-get-object',
        's3-put-object',
        'signing-key-derivation-iam',
      ].sort(),
    );
  });

  describe.each(['s3-get-object', 's3-put-object', 's3-get-bucket-lifecycle', 's3-list-objects'])('%s (header auth)', (id) => {
    it('reproduces canonical request, string to sign, signature and Authorization', () => {
      const e = byId(id);
      const { req, opts } = requestOf(e);
      const r = signRequest(req, opts);
      expect(r.canonicalRequest).toBe(e.expected['canonicalRequest']);
      expect(r.stringToSign).toBe(e.expected['stringToSign']);
      expect(r.signedHeaders).toBe(e.expected['signedHeaders']);
      expect(r.signature).toBe(e.expected['signature']);
      expect(compact(r.headers['authorization'])).toBe(e.expected['authorization']);
      expect(r.headers['x-amz-content-sha256']).toBe((e.input as unknown as { payloadHash: string }).payloadHash);
    });

    it('derives the payload hash from the body when no x-amz-content-sha256 is given', () => {
      const e = byId(id);
      const { req, opts } = requestOf(e);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== 'x-amz-content-sha256'));
      expect(signRequest({ ...req, headers }, opts).signature).toBe(e.expected['signature']);
    });
  });

  describe.each(['s3-chunked-put-object', 's3-chunked-put-object-trailer'])('%s (seed signature)', (id) => {
    it('signs the STREAMING-… canonical request', () => {
      const e = byId(id);
      const { req, opts } = requestOf(e);
      const r = signRequest({ ...req, body: undefined }, { ...opts, payloadHash: (e.input as unknown as { payloadHash: string }).payloadHash });
      expect(r.canonicalRequest).toBe(e.expected['canonicalRequest']);
      expect(r.stringToSign).toBe(e.expected['stringToSign']);
      expect(r.signedHeaders).toBe(e.expected['signedHeaders']);
      expect(r.signature).toBe(e.expected['seedSignature']);
      if (e.expected['authorization'] !== undefined) expect(compact(r.headers['authorization'])).toBe(e.expected['authorization']);
    });
  });

  it('s3-presigned-get-object: UNSIGNED-PAYLOAD by default, exact URL', () => {
    const e = byId('s3-presigned-get-object');
    const { req, opts } = requestOf(e);
    const r = presignUrl(req, { ...opts, expiresIn: (e.input as unknown as { expiresIn: number }).expiresIn });
    expect(r.canonicalRequest).toBe(e.expected['canonicalRequest']);
    expect(r.stringToSign).toBe(e.expected['stringToSign']);
    expect(r.signedHeaders).toBe(e.expected['signedHeaders']);
    expect(r.signature).toBe(e.expected['signature']);
    expect(r.url).toBe(e.expected['url']);
    expect(r.headers).toEqual({ host: 'examplebucket.s3.amazonaws.com' });
  });

  it('s3-post-policy: base64 of the exact policy document, signed', () => {
    const e = byId('s3-post-policy');
    const i = e.input as Example['input'] & { policyJson: string };
    const r = signPolicyDocument(nodeCrypto, i.credentials.secretAccessKey, i.amzDate.slice(0, 8), i.region, i.service, i.policyJson);
    expect(r.policyBase64).toBe(e.expected['policyBase64']);
    expect(r.policyBase64).toBe(e.expected['stringToSign']);
    expect(r.signature).toBe(e.expected['signature']);
  });

  it('s3-post-policy: signPostPolicy builds the same conditions and signs its own document', () => {
    const e = byId('s3-post-policy');
    const i = e.input as Example['input'] & { bucket: string };
    const r = signPostPolicy({
      credentials: i.credentials,
      region: i.region,
      date: dateOf(i.amzDate),
      bucket: i.bucket,
      expiresIn: 36 * 3600,
      fields: {
        acl: 'public-read',
        success_action_redirect: 'http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html',
        'x-amz-meta-uuid': '14365123651274',
        'x-amz-server-side-encryption': 'AES256',
      },
      conditions: [
        ['starts-with', '$key', 'user/user1/'],
        ['starts-with', '$Content-Type', 'image/'],
        ['starts-with', '$x-amz-meta-tag', ''],
      ],
    });
    const policy = JSON.parse(r.policy) as { expiration: string; conditions: unknown[] };
    expect(policy.expiration).toBe('2015-12-30T12:00:00.000Z');
    expect(policy.conditions).toContainEqual({ bucket: 'sigv4examplebucket' });
    expect(policy.conditions).toContainEqual({ 'x-amz-credential': 'AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request' });
    expect(policy.conditions).toContainEqual({ 'x-amz-algorithm': 'AWS4-HMAC-SHA256' });
    expect(policy.conditions).toContainEqual({ 'x-amz-date': '20151229T000000Z' });
    expect(policy.conditions).toContainEqual(['starts-with', '$key', 'user/user1/']);
    expect(policy.conditions).toHaveLength(11);
    // Same key, same algorithm: the signature of our document equals signing it through the published path.
    const again = signPolicyDocument(nodeCrypto, i.credentials.secretAccessKey, '20151229', 'us-east-1', 's3', r.policy);
    expect(r.signature).toBe(again.signature);
    expect(r.fields['policy']).toBe(again.policyBase64);
    expect(r.fields).toMatchObject({
      acl: 'public-read',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': 'AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request',
      'x-amz-date': '20151229T000000Z',
      'x-amz-signature': r.signature,
    });
    expect(r.fields['x-amz-security-token']).toBeUndefined();
  });

  it('signing-key-derivation-iam: kDate, kRegion, kService, kSigning', () => {
    const e = byId('signing-key-derivation-iam');
    const i = e.input as unknown as { secretAccessKey: string; dateStamp: string; region: string; service: string };
    const chain = deriveSigningKey(nodeCrypto, i.secretAccessKey, i.dateStamp, i.region, i.service);
    expect(toHex(new TextEncoder().encode(`AWS4${i.secretAccessKey}`))).toBe(e.expected['kSecret']);
    expect(toHex(chain.kDate)).toBe(e.expected['kDate']);
    expect(toHex(chain.kRegion)).toBe(e.expected['kRegion']);
    expect(toHex(chain.kService)).toBe(e.expected['kService']);
    expect(toHex(chain.kSigning)).toBe(e.expected['kSigning']);
    expect(toHex(signingKey(nodeCrypto, i.secretAccessKey, i.dateStamp, i.region, i.service))).toBe(e.expected['kSigning']);
  });
});
