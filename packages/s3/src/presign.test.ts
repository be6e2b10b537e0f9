import { describe, expect, it } from 'vitest';
import { isS3Error } from './errors.js';
import { checkPresignExpiry } from './presign.js';

const now = new Date('2026-01-01T00:00:00Z');
const creds = { accessKeyId: 'AKID', secretAccessKey: 'secret-never-shown' };

function codeOf(f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    expect((e as Error).message).not.toContain('secret-never-shown');
    return isS3Error(e) ? e.code : 'other';
  }
  return undefined;
}

describe('checkPresignExpiry', () => {
  it('accepts 1..604800 whole seconds', () => {
    expect(codeOf(() => checkPresignExpiry(1, creds, now))).toBeUndefined();
    expect(codeOf(() => checkPresignExpiry(604_800, creds, now))).toBeUndefined();
  });

  it('rejects out-of-range or fractional values', () => {
    for (const v of [0, -1, 604_801, 1.5, Number.NaN]) expect(codeOf(() => checkPresignExpiry(v, creds, now))).toBe('S3_INVALID_EXPIRY');
  });

  it('never outlives the credentials, and says how long they have left', () => {
    const expiring = { ...creds, expiration: new Date(now.getTime() + 600_000) };
    expect(codeOf(() => checkPresignExpiry(600, expiring, now))).toBeUndefined();
    expect(codeOf(() => checkPresignExpiry(601, expiring, now))).toBe('S3_INVALID_EXPIRY');
    expect(() => checkPresignExpiry(900, expiring, now)).toThrow(/expire at 2026-01-01T00:10:00.000Z \(600 s from now\)/);
  });
});
