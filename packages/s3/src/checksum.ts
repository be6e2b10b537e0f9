import { Crc32 } from '@aws-crypto/crc32';
import { Crc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { createHash } from 'node:crypto';
import { S3Error } from './errors.js';

/** The flexible-checksum algorithms S3 supports. */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

/** The algorithms, in the order S3 documents them. */
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** An incremental checksum. `digest()` returns the raw bytes (big-endian for CRCs). */
export interface Checksum {
  readonly algorithm: ChecksumAlgorithm;
  update(data: Uint8Array): void;
  digest(): Promise<Uint8Array>;
}

function crcChecksum(algorithm: 'CRC32' | 'CRC32C', impl: { update(d: Uint8Array): unknown; digest(): number }): Checksum {
  return {
    algorithm,
    update: (d) => void impl.update(d),
    digest: () => {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, impl.digest() >>> 0, false);
      return Promise.resolve(out);
    },
  };
}

/**
 * Creates an incremental checksum: CRC32 and CRC32C from `@aws-crypto`, CRC64NVME from `@aws-sdk/crc64-nvme`,
 * SHA-1 and SHA-256 from `node:crypto`. Throws `S3_INVALID_ARGUMENT` for an unknown algorithm.
 *
 * @example
 * ```ts
 * const c = createChecksum('CRC32C'); c.update(bytes); checksumToBase64(await c.digest());
 * ```
 */
export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case 'CRC32':
      return crcChecksum(algorithm, new Crc32());
    case 'CRC32C':
      return crcChecksum(algorithm, new Crc32c());
    case 'CRC64NVME': {
      const impl = new Crc64Nvme();
      return { algorithm, update: (d) => impl.update(d), digest: () => impl.digest() };
    }
    case 'SHA1':
    case 'SHA256': {
      const h = createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256');
      return { algorithm, update: (d) => void h.update(d), digest: () => Promise.resolve(new Uint8Array(h.digest())) };
    }
    default:
      throw new S3Error(
        'S3_INVALID_ARGUMENT',
        `Unknown checksum algorithm ${JSON.stringify(algorithm)}: use one of ${CHECKSUM_ALGORITHMS.join(', ')}.`,
        { value: algorithm },
      );
  }
}

/** The request/response header that carries `algorithm`'s value, e.g. `x-amz-checksum-crc32c`. */
export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** Base64 of a checksum digest, as S3 headers carry it. */
export function checksumToBase64(digest: Uint8Array): string {
  return Buffer.from(digest).toString('base64');
}

/**
 * The base64 checksum of `data` in one call.
 *
 * @example
 * ```ts
 * await computeChecksum('CRC32', new TextEncoder().encode('hello')); // 'NhCmhg=='
 * ```
 */
export async function computeChecksum(algorithm: ChecksumAlgorithm, data: Uint8Array | string): Promise<string> {
  const c = createChecksum(algorithm);
  c.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  return checksumToBase64(await c.digest());
}

/**
 * The `Content-MD5` header value (base64 MD5) of `data`. Required by DeleteObjects, PutBucketLifecycleConfiguration
 * and other bulk calls when no flexible checksum is sent.
 */
export function contentMd5(data: Uint8Array | string): string {
  return createHash('md5').update(data).digest('base64');
}
