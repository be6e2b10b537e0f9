import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumHeaderName, computeChecksum, contentMd5, createChecksum } from './checksum.js';
import { isS3Error } from './errors.js';

const check = new TextEncoder().encode('123456789');
const hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');

describe('checksums', () => {
  // The "check" values of the CRC catalogue (reveng.sourceforge.io) for the input "123456789".
  it('CRC check values', async () => {
    expect(hex(await computeChecksum('CRC32', check))).toBe('cbf43926');
    expect(hex(await computeChecksum('CRC32C', check))).toBe('e3069283');
    expect(hex(await computeChecksum('CRC64NVME', check))).toBe('ae8b14860a799888');
  });

  it('SHA-1 / SHA-256 match node:crypto, base64', async () => {
    expect(await computeChecksum('SHA1', 'abc')).toBe(createHash('sha1').update('abc').digest('base64'));
    expect(await computeChecksum('SHA256', 'abc')).toBe(createHash('sha256').update('abc').digest('base64'));
  });

  it('is incremental', async () => {
    for (const alg of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const c = createChecksum(alg);
      c.update(check.subarray(0, 4));
      c.update(check.subarray(4));
      expect(Buffer.from(await c.digest()).toString('base64')).toBe(await computeChecksum(alg, check));
    }
  });

  it('header names and Content-MD5', () => {
    expect(checksumHeaderName('CRC64NVME')).toBe('x-amz-checksum-crc64nvme');
    expect(contentMd5('')).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
  });

  it('unknown algorithm is a typed error', () => {
    try {
      createChecksum('MD5' as never);
      expect.unreachable();
    } catch (e) {
      expect(isS3Error(e) && e.code).toBe('S3_INVALID_ARGUMENT');
    }
  });
});
