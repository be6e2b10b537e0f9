import { S3Error } from './errors.js';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const ALLOWED = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets)
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Why `name` is not a valid S3 general purpose bucket name, or `undefined` when it is.
 *
 * @example
 * ```ts
 * bucketNameProblem('My_Bucket'); // 'only lowercase letters, digits, dots and hyphens are allowed'
 * ```
 */
export function bucketNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length < 3 || name.length > 63) return 'it must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'only lowercase letters, digits, dots and hyphens are allowed';
  if (!ALLOWED.test(name)) return 'it must begin and end with a lowercase letter or a digit';
  if (name.includes('..')) return 'it must not contain two adjacent dots';
  if (name.includes('.-') || name.includes('-.')) return 'a dot must not be next to a hyphen';
  if (IPV4.test(name)) return 'it must not look like an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix !== undefined) return `the prefix "${prefix}" is reserved`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix !== undefined) return `the suffix "${suffix}" is reserved`;
  return undefined;
}

/**
 * Throws `S3_INVALID_BUCKET_NAME` when `name` breaks the S3 bucket naming rules; returns it otherwise.
 *
 * @example
 * ```ts
 * validateBucketName('my-bucket'); // 'my-bucket'
 * ```
 */
export function validateBucketName(name: string): string {
  const problem = bucketNameProblem(name);
  if (problem !== undefined) {
    throw new S3Error(
      'S3_INVALID_BUCKET_NAME',
      `Invalid bucket name ${JSON.stringify(name)}: ${problem}. Use 3-63 lowercase letters, digits, hyphens and single dots, starting and ending with a letter or digit.`,
      { value: name },
    );
  }
  return name;
}
