import { describe, expect, it } from 'vitest';
import { completeMultipartXml } from './complete-multipart-xml.js';
import { deleteObjectsXml } from './delete-objects-xml.js';
import { lifecycleXml } from './lifecycle-xml.js';
import { taggingHeader, taggingXml } from './tagging-xml.js';

const NS = '<?xml version="1.0" encoding="UTF-8"?>';

describe('XML builders', () => {
  it('DeleteObjects in batches of 1000 with escaped keys', () => {
    const objs = Array.from({ length: 2001 }, (_, i) => ({ key: `k${i}` }));
    const bodies = deleteObjectsXml(objs, { quiet: true });
    expect(bodies).toHaveLength(3);
    expect(bodies[0]?.match(/<Object>/g)).toHaveLength(1000);
    expect(bodies[2]?.match(/<Object>/g)).toHaveLength(1);
    expect(deleteObjectsXml([{ key: 'a&b<c>"\'\r', versionId: 'v1' }])[0]).toBe(
      `${NS}<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;b&lt;c&gt;&quot;&apos;&#13;</Key><VersionId>v1</VersionId></Object></Delete>`,
    );
  });

  it('CompleteMultipartUpload sorts parts and carries checksums', () => {
    const xml = completeMultipartXml([
      { partNumber: 2, etag: '"b"' },
      { partNumber: 1, etag: '"a"', checksums: { CRC32: 'AAAAAA==' } },
    ]);
    expect(xml).toContain('<Part><PartNumber>1</PartNumber><ETag>&quot;a&quot;</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Part><PartNumber>2</PartNumber>');
    expect(() => completeMultipartXml([])).toThrow(/at least one part/);
    expect(() => completeMultipartXml([{ partNumber: 1, etag: 'a' }, { partNumber: 1, etag: 'b' }])).toThrow(/duplicate/);
    expect(() => completeMultipartXml([{ partNumber: 10001, etag: 'a' }])).toThrow(/1..10000/);
  });

  it('lifecycle rules', () => {
    const xml = lifecycleXml([
      { id: 'tmp', prefix: 'tmp/', expirationDays: 1 },
      { id: 'mpu', abortIncompleteMultipartUploadDays: 2, enabled: false },
      { id: 'tagged', tags: { a: '1', b: '2' }, prefix: 'p/', noncurrentVersionExpirationDays: 3 },
    ]);
    expect(xml).toContain('<Rule><ID>tmp</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>');
    expect(xml).toContain('<Status>Disabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation>');
    expect(xml).toContain('<Filter><And><Prefix>p/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key>');
    expect(xml).toContain('<NoncurrentVersionExpiration><NoncurrentDays>3</NoncurrentDays></NoncurrentVersionExpiration>');
    expect(() => lifecycleXml([{ id: 'x' }])).toThrow(/no action/);
    expect(() => lifecycleXml([{ expirationDays: 0 }])).toThrow(/days >= 1/);
    expect(() => lifecycleXml([])).toThrow(/1 to 1,000 rules/);
  });

  it('tagging body and header', () => {
    expect(taggingXml({ 'a b': 'c&d' })).toBe(`${NS}<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a b</Key><Value>c&amp;d</Value></Tag></TagSet></Tagging>`);
    expect(taggingHeader({ 'a b': 'c&d', x: '' })).toBe('a%20b=c%26d&x=');
    expect(() => taggingHeader({ ['k'.repeat(129)]: 'v' })).toThrow(/1-128/);
  });
});
