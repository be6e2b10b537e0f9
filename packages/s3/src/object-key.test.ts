import { describe, expect, it } from 'vitest';
import { isS3Error } from './errors.js';
import { validateObjectKey } from './object-key.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isS3Error(e) ? e.code : 'other';
  }
  return undefined;
}

describe('validateObjectKey', () => {
  it('accepts unicode keys up to 1,024 UTF-8 bytes', () => {
    expect(validateObjectKey('a')).toBe('a');
    expect(validateObjectKey('é'.repeat(512))).toHaveLength(512); // 1,024 bytes
    expect(validateObjectKey('🐱/../a b+c%?#')).toBe('🐱/../a b+c%?#');
    expect(validateObjectKey('x'.repeat(1024))).toHaveLength(1024);
  });

  it('rejects empty, too long, unpaired surrogates and dot-only keys', () => {
    expect(codeOf(() => validateObjectKey(''))).toBe('S3_INVALID_KEY');
    expect(codeOf(() => validateObjectKey('x'.repeat(1025)))).toBe('S3_INVALID_KEY');
    expect(codeOf(() => validateObjectKey('é'.repeat(513)))).toBe('S3_INVALID_KEY');
    expect(codeOf(() => validateObjectKey('a\uD800b'))).toBe('S3_INVALID_KEY');
    expect(codeOf(() => validateObjectKey('.'))).toBe('S3_INVALID_KEY');
    expect(codeOf(() => validateObjectKey('..'))).toBe('S3_INVALID_KEY');
    expect(codeOf(() => validateObjectKey('...'))).toBeUndefined();
  });

  it('says how long the key is and what the limit is', () => {
    try {
      validateObjectKey('é'.repeat(600));
    } catch (e) {
      expect((e as Error).message).toMatch(/1200 UTF-8 bytes long, the limit is 1024/);
      return;
    }
    expect.unreachable();
  });
});
