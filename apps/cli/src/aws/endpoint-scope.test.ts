import { describe, expect, it } from 'vitest';
import { scopeFromHost } from './endpoint-scope.js';
import { parseS3Uri } from './s3-uri.js';

describe('scopeFromHost', () => {
  it.each([
    ['sts.eu-west-1.amazonaws.com', { service: 'sts', region: 'eu-west-1' }],
    ['iam.amazonaws.com', { service: 'iam', region: 'us-east-1' }],
    ['ec2-fips.us-gov-west-1.amazonaws.com', { service: 'ec2', region: 'us-gov-west-1' }],
    ['my.bucket.s3.us-west-2.amazonaws.com', { service: 's3', region: 'us-west-2' }],
    ['bucket.s3-eu-central-1.amazonaws.com', { service: 's3', region: 'eu-central-1' }],
    ['s3.amazonaws.com', { service: 's3', region: 'us-east-1' }],
    ['sqs.cn-north-1.amazonaws.com.cn', { service: 'sqs', region: 'cn-north-1' }],
    ['127.0.0.1', {}],
    ['example.com', {}],
  ])('%s', (host, expected) => {
    expect(scopeFromHost(host)).toEqual(expected);
  });
});

describe('parseS3Uri', () => {
  it('splits bucket and key at the first slash and keeps the key as is', () => {
    expect(parseS3Uri('s3://b')).toEqual({ bucket: 'b', key: '' });
    expect(parseS3Uri('s3://b/')).toEqual({ bucket: 'b', key: '' });
    expect(parseS3Uri('s3://b//a b/%2F')).toEqual({ bucket: 'b', key: '/a b/%2F' });
  });

  it('refuses non-S3 arguments with a usage error', () => {
    expect(() => parseS3Uri('/tmp/x')).toThrow(/Expected an s3:\/\/bucket\/key URI/);
    expect(() => parseS3Uri('s3:///key')).toThrow(/No bucket/);
  });
});
