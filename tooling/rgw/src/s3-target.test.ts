import { describe, expect, it } from 'vitest';
import { isRgwError } from './errors.js';
import { s3TargetFromEnv } from './s3-target.js';

describe('s3TargetFromEnv', () => {
  it('is undefined without S3_ENDPOINT (the global setup then starts RGW)', () => {
    expect(s3TargetFromEnv({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toBeUndefined();
    expect(s3TargetFromEnv({ S3_ENDPOINT: '' })).toBeUndefined();
  });

  it('prefers the S3_* names and falls back to the AWS_* names', () => {
    expect(
      s3TargetFromEnv({
        S3_ENDPOINT: 'http://127.0.0.1:7480',
        S3_ACCESS_KEY_ID: 's3ak',
        AWS_ACCESS_KEY_ID: 'awsak',
        AWS_SECRET_ACCESS_KEY: 'awssk',
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'us-west-2',
        AWS_SESSION_TOKEN: 'tok',
      }),
    ).toEqual({
      source: 'env',
      endpoint: 'http://127.0.0.1:7480',
      region: 'eu-west-1',
      accessKeyId: 's3ak',
      secretAccessKey: 'awssk',
      sessionToken: 'tok',
    });
    expect(s3TargetFromEnv({ S3_ENDPOINT: 'https://s3.amazonaws.com', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' })?.region).toBe('us-east-1');
  });

  it('rejects a missing key or a non-URL endpoint with RGW_INVALID_OPTION, never echoing the secret', () => {
    let error: unknown;
    try {
      s3TargetFromEnv({ S3_ENDPOINT: 'http://127.0.0.1:7480', S3_SECRET_ACCESS_KEY: 'super-secret-value' });
    } catch (e) {
      error = e;
    }
    expect(isRgwError(error) && error.code).toBe('RGW_INVALID_OPTION');
    expect((error as Error).message).toContain('S3_ACCESS_KEY_ID (or AWS_ACCESS_KEY_ID)');
    expect((error as Error).message).not.toContain('super-secret-value');
    expect(() => s3TargetFromEnv({ S3_ENDPOINT: '127.0.0.1:7480', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' })).toThrow(
      /S3_ENDPOINT is not a URL/,
    );
  });
});
