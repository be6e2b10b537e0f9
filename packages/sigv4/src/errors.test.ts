import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeCrypto, webCrypto } from './crypto.js';
import { isSigV4Error, SigV4Error, type SigV4ErrorCode } from './errors.js';
import { signPostPolicy } from './post-policy.js';
import { presignUrl } from './presign.js';
import { signRequest } from './sign.js';
import type { PresignOptions, SigV4Crypto, SignableRequest } from './types.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY-secret';
const TOKEN = 'FQoGZXIvYXdzEXAMPLE-session-token+/=';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN };
const date = new Date('2015-08-30T12:36:00Z');
const base: PresignOptions = { credentials, region: 'us-east-1', service: 's3', date };
const req: SignableRequest = { method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/test.txt' };

// A backend that counts calls: validation errors must be thrown before any hashing.
function countingCrypto(): SigV4Crypto & { calls: number } {
  const c = {
    calls: 0,
    sha256(d: string | Uint8Array) {
      c.calls++;
      return nodeCrypto.sha256(d);
    },
    hmac(k: Uint8Array, d: string | Uint8Array) {
      c.calls++;
      return nodeCrypto.hmac(k, d);
    },
  };
  return c;
}

function expectCode(code: SigV4ErrorCode, fn: (crypto: SigV4Crypto) => unknown, ...mentions: string[]): SigV4Error {
  const crypto = countingCrypto();
  let caught: unknown;
  try {
    fn(crypto);
  } catch (e) {
    caught = e;
  }
  expect(isSigV4Error(caught)).toBe(true);
  const err = caught as SigV4Error;
  expect(err).toBeInstanceOf(SigV4Error);
  expect(err.name).toBe('SigV4Error');
  expect(err.code).toBe(code);
  expect(crypto.calls).toBe(0);
  for (const m of mentions) expect(err.message).toContain(m);
  const shown = `${err.message}\n${err.stack ?? ''}\n${inspect(err, { depth: 5 })}\n${JSON.stringify(err)}`;
  expect(shown).not.toContain(SECRET);
  expect(shown).not.toContain(TOKEN);
  return err;
}

describe('SigV4Error codes (typed, before any hashing, never leaking secrets)', () => {
  it('SIGV4_MISSING_REGION / SIGV4_INVALID_REGION', () => {
    expectCode('SIGV4_MISSING_REGION', (crypto) => signRequest(req, { ...base, region: '', crypto }), 'region is empty');
    expectCode('SIGV4_MISSING_REGION', (crypto) => signRequest(req, { ...base, region: undefined as unknown as string, crypto }), 'missing');
    expectCode('SIGV4_INVALID_REGION', (crypto) => signRequest(req, { ...base, region: 'us east/1', crypto }), '"us east/1"');
  });

  it('SIGV4_MISSING_SERVICE / SIGV4_INVALID_SERVICE', () => {
    expectCode('SIGV4_MISSING_SERVICE', (crypto) => presignUrl(req, { ...base, service: '', crypto }), 'service is empty');
    expectCode('SIGV4_INVALID_SERVICE', (crypto) => presignUrl(req, { ...base, service: 's3\n', crypto }), 'service');
  });

  it('SIGV4_MISSING_CREDENTIALS / SIGV4_INVALID_CREDENTIALS', () => {
    expectCode('SIGV4_MISSING_CREDENTIALS', (crypto) => signRequest(req, { ...base, credentials: undefined as never, crypto }), 'credentials are missing');
    expectCode('SIGV4_MISSING_CREDENTIALS', (crypto) => signRequest(req, { ...base, credentials: { ...credentials, secretAccessKey: '' }, crypto }), 'secretAccessKey is empty');
    expectCode('SIGV4_MISSING_CREDENTIALS', (crypto) => signRequest(req, { ...base, credentials: { secretAccessKey: SECRET } as never, crypto }), 'accessKeyId is missing');
    expectCode('SIGV4_INVALID_CREDENTIALS', (crypto) => signRequest(req, { ...base, credentials: { ...credentials, secretAccessKey: 42 } as never, crypto }), 'must be a string');
    expectCode('SIGV4_INVALID_CREDENTIALS', (crypto) => signRequest(req, { ...base, credentials: { ...credentials, accessKeyId: 'AK ID' }, crypto }), 'accessKeyId');
    expectCode('SIGV4_INVALID_CREDENTIALS', (crypto) => signRequest(req, { ...base, credentials: { ...credentials, sessionToken: 7 } as never, crypto }), 'sessionToken');
    expectCode('SIGV4_INVALID_CREDENTIALS', (crypto) => signRequest(req, { ...base, credentials: { ...credentials, expiration: new Date('nope') }, crypto }), 'expiration');
  });

  it('SIGV4_INVALID_EXPIRY names the value', () => {
    for (const bad of [0, -1, 604_801, 1.5, Number.NaN, '900' as unknown as number]) {
      expectCode('SIGV4_INVALID_EXPIRY', (crypto) => presignUrl(req, { ...base, expiresIn: bad, crypto }), `expiresIn ${String(bad)}`, '604800');
    }
    expect(presignUrl(req, { ...base, expiresIn: 604_800 }).url).toContain('X-Amz-Expires=604800');
    expect(presignUrl(req, { ...base, expiresIn: 1 }).url).toContain('X-Amz-Expires=1&');
  });

  it('SIGV4_EXPIRY_EXCEEDS_CREDENTIALS / SIGV4_CREDENTIALS_EXPIRED', () => {
    const expiring = { ...credentials, expiration: new Date(date.getTime() + 600_000) };
    expectCode('SIGV4_EXPIRY_EXCEEDS_CREDENTIALS', (crypto) => presignUrl(req, { ...base, credentials: expiring, expiresIn: 601, crypto }), 'expiresIn 601', '600');
    expect(presignUrl(req, { ...base, credentials: expiring, expiresIn: 600 }).url).toContain('X-Amz-Expires=600');
    const expired = { ...credentials, expiration: new Date(date.getTime() - 1) };
    expectCode('SIGV4_CREDENTIALS_EXPIRED', (crypto) => presignUrl(req, { ...base, credentials: expired, crypto }), 'expired');
    expectCode('SIGV4_EXPIRY_EXCEEDS_CREDENTIALS', (crypto) =>
      signPostPolicy({ ...base, credentials: expiring, bucket: 'b', expiresIn: 3600, crypto }),
    );
  });

  it('SIGV4_INVALID_HEADER_NAME for non-ASCII, spaces, separators and empty names', () => {
    for (const name of ['naïve', 'x-amz-meta-ü', 'has space', 'colon:', '', 'a\r\nb', '(x)']) {
      expectCode('SIGV4_INVALID_HEADER_NAME', (crypto) => signRequest({ ...req, headers: { [name]: 'v' } }, { ...base, crypto }), JSON.stringify(name));
      expectCode('SIGV4_INVALID_HEADER_NAME', (crypto) => presignUrl({ ...req, headers: { [name]: 'v' } }, { ...base, crypto }), JSON.stringify(name));
    }
  });

  it('SIGV4_INVALID_HEADER_VALUE for header injection, NUL and non-Latin-1, without echoing the value', () => {
    const secretish = 'c2VjcmV0LXNzZS1jLWtleQ==';
    for (const value of [`${secretish}\r\nX-Evil: 1`, `${secretish}\n`, `${secretish}\0`, `${secretish}€`]) {
      const err = expectCode('SIGV4_INVALID_HEADER_VALUE', (crypto) =>
        signRequest({ ...req, headers: { 'x-amz-server-side-encryption-customer-key': value } }, { ...base, crypto }),
      'x-amz-server-side-encryption-customer-key');
      expect(err.message).not.toContain(secretish);
    }
    // Folded (obs-fold) values are legal and unfolded.
    expect(signRequest({ ...req, headers: { 'x-a': 'one\r\n two' } }, base).headers['x-a']).toBe('one two');
  });

  it('SIGV4_INVALID_METHOD', () => {
    for (const method of ['', 'GE T', 'GET\n', 'ГЕТ', undefined as unknown as string]) {
      expectCode('SIGV4_INVALID_METHOD', (crypto) => signRequest({ ...req, method }, { ...base, payloadHash: 'UNSIGNED-PAYLOAD', crypto }), 'method');
    }
  });

  it('SIGV4_INVALID_URL, without echoing query strings (they may hold presigned credentials)', () => {
    for (const url of ['/relative/path', 'ftp://host/x', 'https:///nohost', 'https://bad host/x', 'not a url']) {
      expectCode('SIGV4_INVALID_URL', (crypto) => signRequest({ ...req, url }, { ...base, payloadHash: 'UNSIGNED-PAYLOAD', crypto }));
    }
    const err = expectCode('SIGV4_INVALID_URL', (crypto) =>
      presignUrl({ ...req, url: `ftp://h/x?X-Amz-Security-Token=${encodeURIComponent(TOKEN)}` }, { ...base, crypto }),
    );
    expect(err.message).not.toContain('X-Amz-Security-Token');
  });

  it('SIGV4_INVALID_DATE', () => {
    expectCode('SIGV4_INVALID_DATE', (crypto) => signRequest(req, { ...base, date: new Date(Number.NaN), crypto }), 'Invalid Date');
    expectCode('SIGV4_INVALID_DATE', (crypto) => signRequest(req, { ...base, date: '2015-08-30' as unknown as Date, crypto }));
  });

  it('SIGV4_INVALID_PAYLOAD_HASH', () => {
    expectCode('SIGV4_INVALID_PAYLOAD_HASH', (crypto) => signRequest(req, { ...base, payloadHash: 'E3B0C442', crypto }), '"E3B0C442"');
    expectCode('SIGV4_INVALID_PAYLOAD_HASH', (crypto) => signRequest({ ...req, headers: { 'x-amz-content-sha256': 'nope' } }, { ...base, crypto }), '"nope"');
    expectCode('SIGV4_INVALID_PAYLOAD_HASH', (crypto) =>
      signRequest({ ...req, body: { pipe() {} } as unknown as string }, { ...base, service: 'sts', crypto }), 'payloadHash');
  });

  it('SIGV4_INVALID_POLICY', () => {
    const p = { ...base, bucket: 'b' };
    expectCode('SIGV4_INVALID_POLICY', (crypto) => signPostPolicy({ ...p, bucket: '', crypto }), 'bucket');
    expectCode('SIGV4_INVALID_POLICY', (crypto) => signPostPolicy({ ...p, conditions: [['content-length-range', 10, 1]], crypto }), '#0');
    expectCode('SIGV4_INVALID_POLICY', (crypto) => signPostPolicy({ ...p, conditions: [['starts-with', 'key', 'x']], crypto }), '$field');
    expectCode('SIGV4_INVALID_POLICY', (crypto) => signPostPolicy({ ...p, conditions: [['matches', '$key', 'x'] as never], crypto }), 'operator');
    expectCode('SIGV4_INVALID_POLICY', (crypto) => signPostPolicy({ ...p, conditions: [{ a: '1', b: '2' }], crypto }), 'exactly one');
    expectCode('SIGV4_INVALID_EXPIRY', (crypto) => signPostPolicy({ ...p, expiresIn: 0, crypto }), 'expiresIn 0');
  });

  it('SIGV4_INVALID_CRYPTO when Web Crypto is unavailable', () => {
    expectCode('SIGV4_INVALID_CRYPTO', () => webCrypto({}), 'crypto.subtle');
  });

  it('isSigV4Error recognises errors across copies by the Symbol.for marker, and nothing else', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('rawaws.sigv4.error')]: true, code: 'SIGV4_INVALID_URL' });
    expect(isSigV4Error(foreign)).toBe(true);
    expect(isSigV4Error(new Error('x'))).toBe(false);
    expect(isSigV4Error(null)).toBe(false);
    expect(isSigV4Error('SIGV4_INVALID_URL')).toBe(false);
    const cause = new Error('root');
    expect(new SigV4Error('SIGV4_INVALID_URL', 'm', { cause }).cause).toBe(cause);
  });
});
