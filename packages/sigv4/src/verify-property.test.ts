import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presignUrl } from './presign.js';
import { signRequest } from './sign.js';
import { uriEncode } from './uri-encode.js';
import { verifyRequest } from './verify-request.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const date = new Date('2024-06-01T08:00:00Z');
const lookupSecret = (id: string): string | undefined => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);

// Keys and values with the characters that trip signers: unicode, spaces and + * ~ ' ( ) ! $ & = ;
const text = fc.string({ unit: fc.constantFrom(...'aZ09-_.~ +*\'()!$&=;/é漢😀'.split(/(?:)/u)), maxLength: 12 });
const segment = text.filter((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('/'));
const requestArb = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD'),
  service: fc.constantFrom('s3', 'execute-api', 'sqs'),
  path: fc.array(segment, { minLength: 1, maxLength: 4 }),
  query: fc.array(fc.tuple(text.filter((s) => s !== ''), text), { maxLength: 4 }),
  headers: fc.dictionary(fc.constantFrom('x-amz-meta-a', 'x-amz-meta-b', 'content-type', 'range', 'x-custom'), fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '1'), maxLength: 8 })),
  body: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
  token: fc.option(fc.constantFrom('session//token+1'), { nil: undefined }),
});

describe('verifyRequest property: every request our signer signs verifies', () => {
  it('header signing and presigning, random requests (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const url = `https://host.example.com/${r.path.map(uriEncode).join('/')}${r.query.length > 0 ? `?${r.query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join('&')}` : ''}`;
        const creds = { ...credentials, ...(r.token !== undefined ? { sessionToken: r.token } : {}) };
        const opts = { credentials: creds, region: 'eu-west-1', service: r.service, date };
        const req = { method: r.method, url, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) };
        const signed = signRequest(req, opts);
        const header = await verifyRequest({ ...req, headers: signed.headers }, { lookupSecret, now: date, region: 'eu-west-1', service: r.service });
        expect(header).toMatchObject({ valid: true });
        const presigned = presignUrl(req, { ...opts, expiresIn: 300 });
        const query = await verifyRequest({ method: r.method, url: presigned.url, headers: presigned.headers, ...(r.body !== undefined ? { body: r.body } : {}) },
          { lookupSecret, now: date });
        expect(query).toMatchObject({ valid: true, kind: 'presigned' });
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });
});
