import { Crc32 } from '@aws-crypto/crc32';
import { Crc32c } from '@aws-crypto/crc32c';
import { createHash } from 'node:crypto';
import type { AwsChunkedChecksum } from '@rawaws/sigv4';
import { checksumHeaderName, type ChecksumAlgorithm } from './checksum.js';
import { S3Error } from './errors.js';

/** Algorithms that can go in an aws-chunked trailer (their digest is synchronous). */
export type TrailerChecksumAlgorithm = Exclude<ChecksumAlgorithm, 'CRC64NVME'>;

// Base64 length of each digest: 4-byte CRCs, 20-byte SHA-1, 32-byte SHA-256.
const VALUE_LENGTH: Record<TrailerChecksumAlgorithm, number> = { CRC32: 8, CRC32C: 8, SHA1: 28, SHA256: 44 };

/** The trailer header name and value length `awsChunkedHeaders` needs. */
export function trailerShape(algorithm: ChecksumAlgorithm): { name: string; valueLength: number } {
  if (algorithm === 'CRC64NVME' || !(algorithm in VALUE_LENGTH)) {
    throw new S3Error('S3_INVALID_ARGUMENT', `Checksum ${algorithm} cannot be sent as an aws-chunked trailer here: use CRC32, CRC32C, SHA1 or SHA256.`, {
      value: algorithm,
    });
  }
  return { name: checksumHeaderName(algorithm), valueLength: VALUE_LENGTH[algorithm] };
}

/** A fresh running checksum for the trailer of one attempt, in the shape `@rawaws/sigv4`'s encoder calls. */
export function trailerChecksum(algorithm: TrailerChecksumAlgorithm): AwsChunkedChecksum {
  if (algorithm === 'SHA1' || algorithm === 'SHA256') {
    const h = createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256');
    return { update: (d) => void h.update(d), digest: () => h.digest('base64') };
  }
  const crc = algorithm === 'CRC32' ? new Crc32() : new Crc32c();
  return {
    update: (d) => void crc.update(d),
    digest: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(crc.digest() >>> 0);
      return out.toString('base64');
    },
  };
}

/** The algorithm named by an `x-amz-trailer` header value, e.g. `x-amz-checksum-crc32c` → `CRC32C`. */
export function trailerAlgorithm(headerName: string): TrailerChecksumAlgorithm | undefined {
  const alg = headerName.replace(/^x-amz-checksum-/, '').toUpperCase();
  return alg in VALUE_LENGTH ? (alg as TrailerChecksumAlgorithm) : undefined;
}
