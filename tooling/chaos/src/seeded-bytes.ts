import { mulberry32 } from '@rawaws/fault-proxy';

/** What a write put into an object: regenerated on demand instead of keeping every body in memory. */
export interface ContentSpec {
  /** PRNG seed of the bytes. */
  readonly seed: number;
  /** Length in bytes. */
  readonly size: number;
}

/**
 * Deterministic bytes for a {@link ContentSpec}: the same spec always gives the same bytes.
 *
 * @example
 * ```ts
 * const body = seededBytes({ seed: 7, size: 1024 }); // 1 KiB, identical on every call
 * ```
 */
export function seededBytes(spec: ContentSpec): Uint8Array {
  const random = mulberry32(spec.seed);
  const words = new Uint32Array(Math.ceil(spec.size / 4));
  for (let i = 0; i < words.length; i++) words[i] = Math.floor(random() * 0x1_0000_0000);
  return new Uint8Array(words.buffer, 0, spec.size);
}

/** Whether two byte arrays are identical. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
