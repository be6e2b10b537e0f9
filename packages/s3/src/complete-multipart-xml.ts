import { S3Error } from './errors.js';
import { xmlDocument, xmlElement } from './xml-escape.js';

/** One uploaded part, as CompleteMultipartUpload needs it. */
export interface CompletedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** Part checksums, base64, by algorithm (only when the upload was created with that algorithm). */
  readonly checksums?: Readonly<Partial<Record<'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256', string>>> | undefined;
}

/**
 * The CompleteMultipartUpload body. Parts are sorted by number; duplicates and numbers outside 1..10,000 are
 * refused with `S3_INVALID_ARGUMENT`.
 */
export function completeMultipartXml(parts: readonly CompletedPart[]): string {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (sorted.length === 0) {
    throw new S3Error('S3_INVALID_ARGUMENT', 'CompleteMultipartUpload needs at least one part: upload a part first.', { value: 0 });
  }
  sorted.forEach((p, i) => {
    if (!Number.isInteger(p.partNumber) || p.partNumber < 1 || p.partNumber > 10_000 || sorted[i - 1]?.partNumber === p.partNumber) {
      throw new S3Error('S3_INVALID_ARGUMENT', `Invalid or duplicate part number ${p.partNumber}: use unique whole numbers 1..10000.`, {
        value: p.partNumber,
      });
    }
  });
  const items = sorted
    .map((p) => {
      const sums = Object.entries(p.checksums ?? {})
        .map(([alg, v]) => xmlElement(`Checksum${alg}`, v))
        .join('');
      return `<Part>${xmlElement('PartNumber', p.partNumber)}${xmlElement('ETag', p.etag)}${sums}</Part>`;
    })
    .join('');
  return xmlDocument('CompleteMultipartUpload', items);
}
