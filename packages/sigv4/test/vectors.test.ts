// Runs every case of the AWS SigV4 test suite (aws-c-auth `v4/`), header AND query signing, asserting the
// canonical request, the string to sign, the signature and the signed request, step by step.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presignUrl } from '../src/presign.js';
import { signRequest } from '../src/sign.js';
import { parseRequest, sortedQuery } from './support/parse-request.js';

const root = new URL('./fixtures/v4/', import.meta.url);
const cases = readdirSync(root).sort();

interface Context {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

const read = (name: string, file: string): string => readFileSync(new URL(`${name}/${file}`, root), 'utf8');

function load(name: string) {
  const ctx = JSON.parse(read(name, 'context.json')) as Context;
  const req = parseRequest(read(name, 'request.txt'));
  const opts = {
    credentials: {
      accessKeyId: ctx.credentials.access_key_id,
      secretAccessKey: ctx.credentials.secret_access_key,
      sessionToken: ctx.credentials.token,
    },
    region: ctx.region,
    service: ctx.service,
    date: new Date(ctx.timestamp),
    // normalize: false is the S3 behaviour: encode once, keep dot segments and empty segments.
    s3: !ctx.normalize,
    addContentSha256: ctx.sign_body,
    signSessionToken: ctx.omit_session_token !== true,
    // The suite hashes the body for query signing too (never UNSIGNED-PAYLOAD).
    payloadHash: createHash('sha256').update(req.body).digest('hex'),
  };
  return { ctx, req, opts, signable: { method: req.method, url: `https://${req.host}${req.target}`, headers: req.headers, body: req.body } };
}

describe('aws-c-auth SigV4 test suite (v4)', () => {
  it('has all 38 cases', () => {
    expect(cases).toHaveLength(38);
    for (const name of cases) expect(existsSync(new URL(`${name}/query-signature.txt`, root))).toBe(true);
  });

  describe.each(cases)('%s', (name) => {
    it('header signing: canonical request, string to sign, signature, signed request', () => {
      const { signable, opts } = load(name);
      const r = signRequest(signable, opts);
      expect(r.canonicalRequest).toBe(read(name, 'header-canonical-request.txt'));
      expect(r.stringToSign).toBe(read(name, 'header-string-to-sign.txt'));
      expect(r.signature).toBe(read(name, 'header-signature.txt').trim());

      const signed = parseRequest(read(name, 'header-signed-request.txt'));
      const expectHeader = (n: string): string | string[] | undefined => Object.entries(signed.headers).find(([k]) => k.toLowerCase() === n)?.[1];
      expect(r.headers['authorization']).toBe(expectHeader('authorization'));
      expect(r.headers['x-amz-date']).toBe(expectHeader('x-amz-date'));
      expect(r.headers['x-amz-security-token']).toBe(expectHeader('x-amz-security-token'));
      expect(r.headers['x-amz-content-sha256']).toBe(expectHeader('x-amz-content-sha256'));
      expect(r.headers['host']).toBe(signed.host);
    });

    it('query signing: canonical request, string to sign, signature, presigned URL', () => {
      const { signable, opts, ctx } = load(name);
      const r = presignUrl(signable, { ...opts, expiresIn: ctx.expiration_in_seconds });
      expect(r.canonicalRequest).toBe(read(name, 'query-canonical-request.txt'));
      expect(r.stringToSign).toBe(read(name, 'query-string-to-sign.txt'));
      expect(r.signature).toBe(read(name, 'query-signature.txt').trim());

      const expected = parseRequest(read(name, 'query-signed-request.txt'));
      // Split by hand: WHATWG URL parsing would drop the dot segments that the unnormalized cases keep.
      const m = /^https:\/\/([^/]+)([^?]*)\?(.*)$/.exec(r.url);
      expect(m?.[1]).toBe(expected.host);
      expect(decodeURIComponent(m?.[2] ?? '')).toBe(expected.target.split('?')[0]);
      expect(sortedQuery(`?${m?.[3] ?? ''}`)).toEqual(sortedQuery(expected.target));
      expect(r.headers['host']).toBe(expected.host);
    });
  });
});
