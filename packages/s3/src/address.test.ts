import { describe, expect, it } from 'vitest';
import { canUseVirtualHost, renderQuery, resolveAddress } from './address.js';

const aws = new URL('https://s3.eu-west-1.amazonaws.com');

describe('resolveAddress', () => {
  it('uses virtual-hosted style on AWS', () => {
    const a = resolveAddress({ endpoint: aws }, 'my-bucket', 'a b/c+d');
    expect(a.url).toBe('https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd');
    expect(a.host).toBe('my-bucket.s3.eu-west-1.amazonaws.com');
    expect(a.pathStyle).toBe(false);
    expect(a.connectHostname).toBe('my-bucket.s3.eu-west-1.amazonaws.com');
  });

  it('falls back to path style for dotted buckets over https and for IP endpoints', () => {
    expect(resolveAddress({ endpoint: aws }, 'my.bucket', 'k').url).toBe('https://s3.eu-west-1.amazonaws.com/my.bucket/k');
    const rgw = resolveAddress({ endpoint: new URL('http://127.0.0.1:7480') }, 'bkt', 'k');
    expect(rgw.url).toBe('http://127.0.0.1:7480/bkt/k');
    expect(rgw.host).toBe('127.0.0.1:7480');
    expect(canUseVirtualHost('my.bucket', new URL('http://localhost:1'))).toBe(true);
  });

  it('honours forcePathStyle and keeps an endpoint base path (MinIO behind a proxy)', () => {
    const a = resolveAddress({ endpoint: new URL('https://minio.example.com/s3/'), forcePathStyle: true }, 'b', 'x/y', { uploads: '' });
    expect(a.url).toBe('https://minio.example.com/s3/b/x/y?uploads');
  });

  it('R2-style custom endpoint gets the bucket as a subdomain', () => {
    const a = resolveAddress({ endpoint: new URL('https://acc123.r2.cloudflarestorage.com') }, 'photos', 'k');
    expect(a.host).toBe('photos.acc123.r2.cloudflarestorage.com');
  });

  it('connects to a connect address while signing for bucket.localhost', () => {
    const a = resolveAddress({ endpoint: new URL('http://localhost:7480'), connectAddress: '127.0.0.1' }, 'bkt', 'k', { versionId: 'v 1' });
    expect(a.url).toBe('http://bkt.localhost:7480/k?versionId=v%201');
    expect(a.connectHostname).toBe('127.0.0.1');
    expect(a.host).toBe('bkt.localhost:7480');
  });

  it('service root and bucket root', () => {
    expect(resolveAddress({ endpoint: aws }).url).toBe('https://s3.eu-west-1.amazonaws.com/');
    expect(resolveAddress({ endpoint: aws }, 'bkt').url).toBe('https://bkt.s3.eu-west-1.amazonaws.com/');
    expect(resolveAddress({ endpoint: new URL('http://127.0.0.1:1') }, 'b', undefined, { 'list-type': 2 }).url).toBe(
      'http://127.0.0.1:1/b?list-type=2',
    );
  });

  it('keeps dot segments of keys in the URL string (the transport sends string paths verbatim)', () => {
    const a = resolveAddress({ endpoint: aws }, 'bkt', '../../etc/passwd');
    expect(a.url).toBe('https://bkt.s3.eu-west-1.amazonaws.com/../../etc/passwd');
    expect(resolveAddress({ endpoint: aws }, 'bkt', '//x').url).toBe('https://bkt.s3.eu-west-1.amazonaws.com///x');
  });

  it('renderQuery drops undefined and encodes values', () => {
    expect(renderQuery({ a: undefined, prefix: 'a b/€', delete: '' })).toBe('?prefix=a%20b%2F%E2%82%AC&delete');
    expect(renderQuery({})).toBe('');
  });

  it('rejects endpoints with a query', () => {
    expect(() => resolveAddress({ endpoint: new URL('https://x.example/?a=1') }, 'b')).toThrow(/must not have a query/);
  });
});
