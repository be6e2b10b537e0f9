import { describe, expect, it } from 'vitest';
import { bucketNameProblem, validateBucketName } from './bucket-name.js';
import { isS3Error } from './errors.js';

describe('validateBucketName', () => {
  it.each(['abc', 'my-bucket', 'my.bucket.name', 'a1b2c3', 'x'.repeat(63), '123bucket'])('accepts %s', (n) => {
    expect(validateBucketName(n)).toBe(n);
    expect(bucketNameProblem(n)).toBeUndefined();
  });

  it.each([
    ['ab', '3 to 63'],
    ['x'.repeat(64), '3 to 63'],
    ['My-Bucket', 'lowercase'],
    ['my_bucket', 'lowercase'],
    ['-bucket', 'begin and end'],
    ['bucket.', 'begin and end'],
    ['my..bucket', 'adjacent dots'],
    ['my.-bucket', 'next to a hyphen'],
    ['192.168.5.4', 'IP address'],
    ['xn--bucket', 'xn--'],
    ['sthree-bucket', 'sthree-'],
    ['bucket-s3alias', '-s3alias'],
    ['bucket--ol-s3', '--ol-s3'],
    ['my-bucket--use1-az4--x-s3', '--x-s3'],
  ])('rejects %s (%s)', (n, why) => {
    try {
      validateBucketName(n);
      expect.unreachable();
    } catch (e) {
      expect(isS3Error(e)).toBe(true);
      if (!isS3Error(e)) return;
      expect(e.code).toBe('S3_INVALID_BUCKET_NAME');
      expect(e.value).toBe(n);
      expect(e.message).toContain(JSON.stringify(n));
      expect(e.message).toContain(why);
      expect(e.message).toMatch(/Use 3-63 lowercase/);
    }
  });
});
