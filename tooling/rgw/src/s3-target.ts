import { RgwError } from './errors.js';

/** Where integration tests send their S3 (and STS/IAM) requests, as provided to tests by the global setup. */
export interface S3TestTarget {
  /** `rgw`: a throw-away RGW started for this run; `env`: a server named by `S3_ENDPOINT` (could be real AWS). */
  source: 'rgw' | 'env';
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** Only for `source: 'rgw'`: the extras every launched cluster has. */
  rgw?:
    | {
        /** Second user (uid `alt`, no admin caps). */
        alt: { accessKeyId: string; secretAccessKey: string; arn: string };
        /** Gateway that accepts STS session credentials (bad signatures get AccessDenied there). */
        stsEndpoint: string;
        /** Role both users may assume (STS AssumeRole); allows `s3:*`. */
        roleArn: string;
        /** The LocationConstraint RGW accepts in CreateBucket (`default`). */
        locationConstraint: string;
        /** Cluster dir with `log/client.rgw.a.log` for debugging. */
        dir: string;
      }
    | undefined;
}

const first = (env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined =>
  names.map((n) => env[n]).find((v): v is string => v !== undefined && v !== '');

/**
 * Reads an external S3 target from the environment: `S3_ENDPOINT` plus `S3_ACCESS_KEY_ID` / `S3_SECRET_ACCESS_KEY` /
 * `S3_REGION` / `S3_SESSION_TOKEN`, each falling back to the AWS name (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_SESSION_TOKEN`). Returns undefined when `S3_ENDPOINT` is unset.
 *
 * @example
 * s3TargetFromEnv({ S3_ENDPOINT: 'http://127.0.0.1:7480', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' });
 */
export function s3TargetFromEnv(env: NodeJS.ProcessEnv = process.env): S3TestTarget | undefined {
  const endpoint = first(env, ['S3_ENDPOINT']);
  if (endpoint === undefined) return undefined;
  try {
    new URL(endpoint);
  } catch (e) {
    throw new RgwError('RGW_INVALID_OPTION', `S3_ENDPOINT is not a URL: ${JSON.stringify(endpoint)}; use e.g. http://127.0.0.1:7480`, {
      cause: e,
    });
  }
  const accessKeyId = first(env, ['S3_ACCESS_KEY_ID', 'AWS_ACCESS_KEY_ID']);
  const secretAccessKey = first(env, ['S3_SECRET_ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY']);
  const missing = [
    accessKeyId === undefined ? 'S3_ACCESS_KEY_ID (or AWS_ACCESS_KEY_ID)' : '',
    secretAccessKey === undefined ? 'S3_SECRET_ACCESS_KEY (or AWS_SECRET_ACCESS_KEY)' : '',
  ].filter((m) => m !== '');
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new RgwError('RGW_INVALID_OPTION', `S3_ENDPOINT=${endpoint} is set but ${missing.join(' and ')} is not; set it or unset S3_ENDPOINT to start a local RGW`);
  }
  return {
    source: 'env',
    endpoint,
    region: first(env, ['S3_REGION', 'AWS_REGION', 'AWS_DEFAULT_REGION']) ?? 'us-east-1',
    accessKeyId,
    secretAccessKey,
    sessionToken: first(env, ['S3_SESSION_TOKEN', 'AWS_SESSION_TOKEN']),
  };
}
