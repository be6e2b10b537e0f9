import { CliError } from '../cli-error.js';

/** A parsed `s3://bucket/key` argument; `key` may be '' (a bucket or a prefix). */
export interface S3Uri {
  readonly bucket: string;
  readonly key: string;
}

/** True when the argument names S3 (`s3://…`), false for a local path. */
export const isS3Uri = (arg: string): boolean => arg.startsWith('s3://');

/**
 * Parses `s3://bucket[/key]`; the key is everything after the first slash, kept byte for byte.
 *
 * @example
 * parseS3Uri('s3://photos/cats/tom.jpg'); // { bucket: 'photos', key: 'cats/tom.jpg' }
 */
export function parseS3Uri(arg: string): S3Uri {
  if (!isS3Uri(arg)) throw new CliError('CLI_USAGE', `Expected an s3://bucket/key URI, got ${JSON.stringify(arg)}.`);
  const rest = arg.slice(5);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (bucket === '') throw new CliError('CLI_USAGE', `No bucket in ${JSON.stringify(arg)}: use s3://bucket/key.`);
  return { bucket, key: slash === -1 ? '' : rest.slice(slash + 1) };
}
