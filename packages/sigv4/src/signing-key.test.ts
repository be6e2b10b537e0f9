import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, toHex } from './crypto.js';
import { presignUrl } from './presign.js';
import { signRequest } from './sign.js';
import { deriveSigningKey, SIGNING_KEY_CACHE_SIZE, signingKey, signingKeyCacheSize } from './signing-key.js';
import type { SigV4Crypto } from './types.js';

function countingCrypto() {
  const counts = { sha256: 0, hmac: 0 };
  const crypto: SigV4Crypto = {
    sha256(d) {
      counts.sha256++;
      return nodeCrypto.sha256(d);
    },
    hmac(k, d) {
      counts.hmac++;
      return nodeCrypto.hmac(k, d);
    },
  };
  return { crypto, counts };
}

describe('signingKey cache', () => {
  it('is bounded: at most SIGNING_KEY_CACHE_SIZE keys per backend, least recently used evicted first', () => {
    const { crypto, counts } = countingCrypto();
    for (let i = 0; i < SIGNING_KEY_CACHE_SIZE + 25; i++) signingKey(crypto, `secret-${String(i)}`, '20240101', 'us-east-1', 's3');
    expect(signingKeyCacheSize(crypto)).toBe(SIGNING_KEY_CACHE_SIZE);
    // secret-30 is still cached (no derivation HMACs); secret-0 was evicted (4 HMACs to derive again).
    counts.hmac = 0;
    signingKey(crypto, 'secret-30', '20240101', 'us-east-1', 's3');
    expect(counts.hmac).toBe(0);
    signingKey(crypto, 'secret-0', '20240101', 'us-east-1', 's3');
    expect(counts.hmac).toBe(4);
    expect(signingKeyCacheSize(crypto)).toBe(SIGNING_KEY_CACHE_SIZE);
  });

  it('is keyed by secret AND scope: another date, region or service derives again', () => {
    const { crypto, counts } = countingCrypto();
    const a = signingKey(crypto, 's', '20240101', 'us-east-1', 's3');
    expect(signingKey(crypto, 's', '20240101', 'us-east-1', 's3')).toBe(a);
    counts.hmac = 0;
    const others = [
      signingKey(crypto, 's', '20240102', 'us-east-1', 's3'),
      signingKey(crypto, 's', '20240101', 'us-west-2', 's3'),
      signingKey(crypto, 's', '20240101', 'us-east-1', 'sts'),
      signingKey(crypto, 's2', '20240101', 'us-east-1', 's3'),
    ];
    expect(counts.hmac).toBe(16);
    expect(new Set([a, ...others].map(toHex)).size).toBe(5);
    expect(toHex(a)).toBe(toHex(deriveSigningKey(nodeCrypto, 's', '20240101', 'us-east-1', 's3').kSigning));
  });

  it('fast path: a repeat signature is one SHA-256 of the canonical request and one HMAC', () => {
    const { crypto, counts } = countingCrypto();
    const credentials = { accessKeyId: 'AKID', secretAccessKey: 'fast-path-secret' };
    const opts = { credentials, region: 'us-east-1', service: 's3', date: new Date('2024-01-01T00:00:00Z'), payloadHash: 'UNSIGNED-PAYLOAD', crypto };
    signRequest({ method: 'GET', url: 'https://b.s3.amazonaws.com/k' }, opts);
    counts.sha256 = 0;
    counts.hmac = 0;
    signRequest({ method: 'GET', url: 'https://b.s3.amazonaws.com/other' }, opts);
    expect(counts).toEqual({ sha256: 1, hmac: 1 });
    presignUrl({ method: 'GET', url: 'https://b.s3.amazonaws.com/k' }, opts);
    expect(counts).toEqual({ sha256: 2, hmac: 2 });
  });

  it('notices a reassigned secret on the same credentials object', () => {
    const credentials = { accessKeyId: 'AKID', secretAccessKey: 'first' };
    const opts = { credentials, region: 'us-east-1', service: 's3', date: new Date('2024-01-01T00:00:00Z'), payloadHash: 'UNSIGNED-PAYLOAD' };
    const req = { method: 'GET', url: 'https://b.s3.amazonaws.com/k' };
    const first = signRequest(req, opts).signature;
    (credentials as { secretAccessKey: string }).secretAccessKey = 'second';
    const second = signRequest(req, opts).signature;
    expect(second).not.toBe(first);
    expect(second).toBe(signRequest(req, { ...opts, credentials: { accessKeyId: 'AKID', secretAccessKey: 'second' } }).signature);
  });
});

describe('secrets stay out of results, inspection and serialisation', () => {
  it('SignResult / PresignResult never contain the secret key', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY-inspect';
    const credentials = Object.freeze({ accessKeyId: 'AKID', secretAccessKey: secret, sessionToken: 'token' });
    const opts = { credentials, region: 'us-east-1', service: 's3', date: new Date('2024-01-01T00:00:00Z') };
    const results = [
      signRequest({ method: 'PUT', url: 'https://b.s3.amazonaws.com/k', body: 'x' }, opts),
      presignUrl({ method: 'GET', url: 'https://b.s3.amazonaws.com/k' }, opts),
    ];
    for (const r of results) {
      expect(inspect(r, { depth: null, showHidden: true })).not.toContain(secret);
      expect(JSON.stringify(r)).not.toContain(secret);
      expect(JSON.stringify(r)).not.toContain(encodeURIComponent(secret));
    }
    expect(credentials.secretAccessKey).toBe(secret);
  });
});
