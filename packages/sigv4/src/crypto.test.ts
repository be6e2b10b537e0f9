import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, toHex, webCrypto } from './crypto.js';
import { presignUrl, presignUrlAsync } from './presign.js';
import { signRequest, signRequestAsync } from './sign.js';
import { signingKey, signingKeyAsync } from './signing-key.js';

describe('crypto backends', () => {
  it('toHex is lower-case, two digits per byte', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('nodeCrypto matches the known SHA-256 and HMAC-SHA256 test values', () => {
    expect(toHex(nodeCrypto.sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(nodeCrypto.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 4231 test case 2
    const key = new TextEncoder().encode('Jefe');
    expect(nodeCrypto.hmacHex(key, 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(toHex(nodeCrypto.hmac(key, 'what do ya want for nothing?'))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('the pad-based hmacHex fast path equals createHmac (short and long keys and messages, Unicode)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 1500 }), (key, text) => {
        const expected = createHmac('sha256', key).update(text).digest('hex');
        expect(nodeCrypto.hmacHex(key, text)).toBe(expected);
        expect(nodeCrypto.hmacHex(key, text)).toBe(expected);
        expect(toHex(nodeCrypto.hmac(key, text))).toBe(expected);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('hmacHex notices a key buffer that was overwritten in place', () => {
    const key = new Uint8Array(32).fill(1);
    const first = nodeCrypto.hmacHex(key, 'message');
    key.fill(2);
    expect(nodeCrypto.hmacHex(key, 'message')).toBe(createHmac('sha256', key).update('message').digest('hex'));
    expect(nodeCrypto.hmacHex(key, 'message')).not.toBe(first);
  });

  it('webCrypto re-imports a key buffer that was overwritten in place', async () => {
    const web = webCrypto();
    const key = new Uint8Array(32).fill(1);
    await web.hmac(key, 'message');
    key.fill(3);
    expect(toHex(await web.hmac(key, 'message'))).toBe(createHmac('sha256', key).update('message').digest('hex'));
  });

  it('webCrypto gives the same digests as nodeCrypto (strings, bytes, Unicode)', async () => {
    const web = webCrypto();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ minLength: 1, maxLength: 80 }), async (text, key) => {
        expect(toHex(await web.sha256(text))).toBe(toHex(nodeCrypto.sha256(text)));
        expect(toHex(await web.sha256(key))).toBe(toHex(nodeCrypto.sha256(key)));
        expect(toHex(await web.hmac(key, text))).toBe(toHex(nodeCrypto.hmac(key, text)));
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  it('signRequestAsync / presignUrlAsync with webCrypto equal the sync node results', async () => {
    const web = webCrypto(globalThis.crypto.subtle);
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'web-crypto-parity-secret', sessionToken: 'tok/+=' };
    const date = new Date('2024-02-29T23:59:59Z');
    const cases = [
      { req: { method: 'PUT', url: 'https://b.s3.amazonaws.com/a b/ü$.txt?x=1&y', headers: { 'Content-Type': 'text/plain' }, body: 'héllo' }, service: 's3' },
      { req: { method: 'POST', url: 'https://sts.amazonaws.com/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new TextEncoder().encode('Action=GetCallerIdentity&Version=2011-06-15') }, service: 'sts' },
    ];
    for (const { req, service } of cases) {
      const opts = { credentials, region: 'eu-west-1', service, date };
      expect(await signRequestAsync(req, { ...opts, crypto: web })).toEqual(signRequest(req, opts));
      expect(await presignUrlAsync(req, { ...opts, expiresIn: 3600, crypto: web })).toEqual(presignUrl(req, { ...opts, expiresIn: 3600 }));
    }
    expect(toHex(await signingKeyAsync(web, 'k', '20240229', 'eu-west-1', 's3'))).toBe(toHex(signingKey(nodeCrypto, 'k', '20240229', 'eu-west-1', 's3')));
  });
});
