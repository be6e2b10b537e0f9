import { parseXml } from '@rawaws/client';
import { describe, expect, it } from 'vitest';
import { deleteObjectsResult } from './delete-objects-result.js';
import { lifecycleResult } from './lifecycle-result.js';
import { lifecycleXml } from './lifecycle-xml.js';
import { listBucketsResult } from './list-buckets-result.js';
import { listObjectsV2Result } from './list-objects-result.js';
import { listPartsResult } from './list-parts-result.js';
import { listUploadsResult } from './list-uploads-result.js';
import { parseResponseXml } from './s3-context.js';
import { taggingResult } from './tagging-result.js';
import { taggingXml } from './tagging-xml.js';

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

describe('response readers on parseXml', () => {
  it('ListObjectsV2 with url encoding, one and many Contents, numeric-looking keys stay strings', () => {
    const one = listObjectsV2Result(parseXml(`<ListBucketResult ${NS}><Name>b</Name><EncodingType>url</EncodingType><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>
      <Contents><Key>0123</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>"e"</ETag><Size>42</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>`));
    expect(one.objects).toEqual([
      { key: '0123', size: 42, etag: '"e"', lastModified: new Date('2024-01-02T03:04:05.000Z'), storageClass: 'STANDARD', checksumAlgorithm: undefined },
    ]);
    expect(one.isTruncated).toBe(false);
    const many = listObjectsV2Result(parseXml(`<ListBucketResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated><NextContinuationToken>tok+/=</NextContinuationToken>
      <Contents><Key>a+b%2Bc%0Ad</Key><Size>0</Size></Contents><Contents><Key>%F0%9F%90%B1</Key><Size>1</Size></Contents>
      <CommonPrefixes><Prefix>dir%20x/</Prefix></CommonPrefixes></ListBucketResult>`));
    expect(many.objects.map((o) => o.key)).toEqual(['a b+c\nd', '🐱']);
    expect(many.prefixes).toEqual(['dir x/']);
    expect(many.nextContinuationToken).toBe('tok+/=');
    expect(many.isTruncated).toBe(true);
    expect(listObjectsV2Result(parseXml('<ListBucketResult><KeyCount>0</KeyCount></ListBucketResult>')).objects).toEqual([]);
  });

  it('ListParts, ListMultipartUploads, ListBuckets, DeleteObjects', () => {
    const parts = listPartsResult(parseXml(`<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>2</NextPartNumberMarker>
      <Part><PartNumber>1</PartNumber><ETag>"a"</ETag><Size>5242880</Size></Part><Part><PartNumber>2</PartNumber><ETag>"b"</ETag><Size>10</Size></Part></ListPartsResult>`));
    expect(parts.parts.map((p) => [p.partNumber, p.etag, p.size])).toEqual([[1, '"a"', 5242880], [2, '"b"', 10]]);
    expect(parts.nextPartNumberMarker).toBe(2);
    const ups = listUploadsResult(parseXml(`<ListMultipartUploadsResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
      <Upload><Key>x%20y</Key><UploadId>id1</UploadId><Initiated>2024-01-01T00:00:00Z</Initiated></Upload></ListMultipartUploadsResult>`));
    expect(ups.uploads).toEqual([{ key: 'x y', uploadId: 'id1', initiated: new Date('2024-01-01T00:00:00Z') }]);
    const b = listBucketsResult(parseXml(`<ListAllMyBucketsResult><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>one</Name><CreationDate>2024-01-01T00:00:00Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`));
    expect(b.buckets.map((x) => x.name)).toEqual(['one']);
    expect(listBucketsResult(parseXml('<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>')).buckets).toEqual([]);
    const d = deleteObjectsResult(parseXml(`<DeleteResult><Deleted><Key>a</Key></Deleted><Error><Key>b</Key><Code>AccessDenied</Code><Message></Message></Error></DeleteResult>`));
    expect(d).toEqual({ deleted: [{ key: 'a', versionId: undefined }], errors: [{ key: 'b', code: 'AccessDenied', message: '' }] });
  });

  it('lifecycle and tagging documents round-trip through our builders', () => {
    const rules = [
      { id: 'tmp', enabled: true, prefix: 'tmp/', expirationDays: 1 },
      { id: 'tags', enabled: false, prefix: 'p/', tags: { a: '1', b: '2' }, noncurrentVersionExpirationDays: 4 },
      { id: 'mpu', enabled: true, prefix: '', abortIncompleteMultipartUploadDays: 2 },
    ];
    expect(lifecycleResult(parseXml(lifecycleXml(rules)))).toEqual(rules);
    expect(taggingResult(parseXml(taggingXml({ 'k 1': 'v&<>', k2: '' })))).toEqual({ 'k 1': 'v&<>', k2: '' });
  });

  it('a wrong document or a 200 carrying <Error> is a typed error', () => {
    expect(() => listPartsResult(parseXml('<Other/>'))).toThrow(/expected a <ListPartsResult>/);
    expect(() => parseResponseXml('<Error><Code>InternalError</Code></Error>', 'CompleteMultipartUpload')).toThrow(/CompleteMultipartUpload failed after a 200 response: InternalError/);
    expect(() => parseResponseXml('not xml <', 'ListObjectsV2')).toThrow(/not XML/);
  });
});
