import { describe, expect, it } from 'vitest';
import { isS3Error } from './errors.js';
import { serverSideEncryptionHeaders } from './server-side-encryption.js';
import { writeHeaders } from './write-headers.js';

describe('SSE-S3 / SSE-KMS headers', () => {
  it('SSE-S3', () => {
    expect(serverSideEncryptionHeaders({ type: 'AES256' })).toEqual({ 'x-amz-server-side-encryption': 'AES256' });
  });

  it('SSE-KMS with key, context and bucket key; DSSE-KMS', () => {
    expect(serverSideEncryptionHeaders({ type: 'aws:kms', keyId: 'alias/k', context: { dept: 'a' }, bucketKeyEnabled: true })).toEqual({
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': 'alias/k',
      'x-amz-server-side-encryption-context': Buffer.from('{"dept":"a"}').toString('base64'),
      'x-amz-server-side-encryption-bucket-key-enabled': 'true',
    });
    expect(serverSideEncryptionHeaders({ type: 'aws:kms:dsse' })).toEqual({ 'x-amz-server-side-encryption': 'aws:kms:dsse' });
  });

  it('unknown type is a typed error', () => {
    try {
      serverSideEncryptionHeaders({ type: 'rot13' } as never);
      expect.unreachable();
    } catch (e) {
      expect(isS3Error(e) && e.code).toBe('S3_INVALID_ARGUMENT');
    }
  });

  it('write headers combine content, metadata, tags, storage class, encryption and conditions', () => {
    expect(
      writeHeaders({
        contentType: 'text/plain', cacheControl: 'no-cache', metadata: { a: 'b' }, tags: { t: 'v w' }, storageClass: 'STANDARD_IA',
        acl: 'private', sse: { type: 'AES256' }, ifNoneMatch: '*', checksumAlgorithm: 'CRC32', expires: new Date(0),
      }),
    ).toEqual({
      'content-type': 'text/plain',
      'cache-control': 'no-cache',
      expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
      'x-amz-meta-a': 'b',
      'x-amz-tagging': 't=v%20w',
      'x-amz-storage-class': 'STANDARD_IA',
      'x-amz-acl': 'private',
      'x-amz-server-side-encryption': 'AES256',
      'if-none-match': '*',
      'x-amz-sdk-checksum-algorithm': 'CRC32',
    });
    expect(writeHeaders({ checksumAlgorithm: 'SHA256' }, { forMultipart: true })).toEqual({ 'x-amz-checksum-algorithm': 'SHA256' });
  });
});
