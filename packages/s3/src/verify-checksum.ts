import { checksumToBase64, createChecksum, type ChecksumAlgorithm } from './checksum.js';
import { S3Error } from './errors.js';

/**
 * Passes `body` through and checks, when it ends, that its checksum equals `expected` (base64). Throws
 * `S3_CHECKSUM_MISMATCH` naming both values. Composite multipart checksums (`…-N`) cannot be checked from the bytes
 * alone; the caller skips those.
 */
export async function* verifyChecksum(
  body: AsyncIterable<Uint8Array>,
  algorithm: ChecksumAlgorithm,
  expected: string,
  what: string,
): AsyncIterable<Uint8Array> {
  const c = createChecksum(algorithm);
  for await (const chunk of body) {
    c.update(chunk);
    yield chunk;
  }
  const actual = checksumToBase64(await c.digest());
  if (actual !== expected) {
    throw new S3Error(
      'S3_CHECKSUM_MISMATCH',
      `${what}: the body's ${algorithm} is ${actual} but the server sent ${expected}; the download is corrupt, retry it.`,
      { value: { algorithm, expected, actual } },
    );
  }
}
