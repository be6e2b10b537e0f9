import { S3Error } from './errors.js';

const MiB = 1024 * 1024;
/** Smallest part S3 accepts (except the last). */
export const MIN_PART_SIZE = 5 * MiB;
/** Largest part S3 accepts. */
export const MAX_PART_SIZE = 5 * 1024 * MiB;
/** Most parts in one upload. */
export const MAX_PARTS = 10_000;
/** Largest object S3 stores. */
export const MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MiB;
/** Largest single PUT. */
export const MAX_PUT_SIZE = MAX_PART_SIZE;

/** Inputs of {@link planMultipart}. */
export interface MultipartPlanOptions {
  /** Total size in bytes, or `undefined` when unknown (a stream). */
  readonly size?: number | undefined;
  /** Wanted part size; grown when the object would need more than 10,000 parts. @default 8 MiB */
  readonly partSize?: number | undefined;
  /** Parts uploaded in parallel. @default 4 */
  readonly queueSize?: number | undefined;
  /** Upper bound of buffered part bytes (`queueSize × partSize`); lowers `queueSize` to fit. @default unbounded */
  readonly maxMemory?: number | undefined;
}

/** The resolved layout of an upload. */
export interface MultipartPlan {
  readonly partSize: number;
  /** Number of parts, `undefined` for an unknown size. */
  readonly partCount: number | undefined;
  readonly queueSize: number;
  /** Bytes buffered at most: `queueSize × partSize`. */
  readonly memoryBudget: number;
  /** The largest object this plan can carry (`partSize × 10,000`, capped at 5 TiB). */
  readonly maxObjectSize: number;
}

function invalid(what: string, value: unknown, hint: string): S3Error {
  return new S3Error('S3_INVALID_ARGUMENT', `Invalid ${what} ${String(value)}: ${hint}`, { value });
}

/**
 * Plans a multipart upload: part size at least 5 MiB, grown (to a whole MiB) so that the object fits in 10,000
 * parts, at most 5 GiB; parallelism bounded by the memory budget.
 *
 * @example
 * ```ts
 * planMultipart({ size: 100 * 2 ** 30 }).partSize; // 11 MiB: 100 GiB / 10,000 parts, rounded up to a MiB
 * ```
 */
export function planMultipart(opts: MultipartPlanOptions = {}): MultipartPlan {
  const { size } = opts;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) {
    throw invalid('object size', size, 'pass a whole number of bytes >= 0, or leave it out for a stream of unknown length.');
  }
  if (size !== undefined && size > MAX_OBJECT_SIZE) {
    throw new S3Error('S3_OBJECT_TOO_LARGE', `Object of ${size} bytes is larger than S3's 5 TiB limit: split it into several objects.`, {
      value: size,
    });
  }
  let partSize = opts.partSize ?? 8 * MiB;
  if (!Number.isSafeInteger(partSize) || partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
    throw invalid('part size', partSize, `use ${MIN_PART_SIZE} (5 MiB) to ${MAX_PART_SIZE} (5 GiB) bytes.`);
  }
  if (size !== undefined && Math.ceil(size / partSize) > MAX_PARTS) {
    partSize = Math.ceil(size / MAX_PARTS / MiB) * MiB;
  }
  let queueSize = opts.queueSize ?? 4;
  if (!Number.isSafeInteger(queueSize) || queueSize < 1) throw invalid('queue size', queueSize, 'use a whole number >= 1.');
  if (opts.maxMemory !== undefined) {
    if (opts.maxMemory < partSize) {
      throw invalid('memory budget', opts.maxMemory, `it is below one part of ${partSize} bytes; raise it or lower partSize (min 5 MiB).`);
    }
    queueSize = Math.min(queueSize, Math.floor(opts.maxMemory / partSize));
  }
  const partCount = size === undefined ? undefined : Math.max(1, Math.ceil(size / partSize));
  return {
    partSize,
    partCount,
    queueSize,
    memoryBudget: queueSize * partSize,
    maxObjectSize: Math.min(MAX_OBJECT_SIZE, partSize * MAX_PARTS),
  };
}
