import { describe, expect, it } from 'vitest';
import { isS3Error } from './errors.js';
import { MAX_OBJECT_SIZE, MAX_PARTS, MIN_PART_SIZE, planMultipart } from './multipart-plan.js';

const MiB = 2 ** 20;
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isS3Error(e) ? e.code : 'other';
  }
  return 'none';
};

describe('planMultipart', () => {
  it('defaults: 8 MiB parts, 4 in flight', () => {
    expect(planMultipart({ size: 100 * MiB })).toEqual({
      partSize: 8 * MiB,
      partCount: 13,
      queueSize: 4,
      memoryBudget: 32 * MiB,
      maxObjectSize: 8 * MiB * MAX_PARTS,
    });
  });

  it('grows the part size to stay within 10,000 parts', () => {
    const p = planMultipart({ size: 100 * 2 ** 30 });
    expect(p.partSize).toBe(11 * MiB);
    expect(p.partCount).toBeLessThanOrEqual(MAX_PARTS);
    const max = planMultipart({ size: MAX_OBJECT_SIZE });
    expect(max.partCount).toBeLessThanOrEqual(MAX_PARTS);
    expect(max.partSize * MAX_PARTS).toBeGreaterThanOrEqual(MAX_OBJECT_SIZE);
  });

  it('bounds parallelism by the memory budget', () => {
    const p = planMultipart({ size: 1e9, partSize: 16 * MiB, queueSize: 8, maxMemory: 40 * MiB });
    expect(p.queueSize).toBe(2);
    expect(p.memoryBudget).toBe(32 * MiB);
    expect(code(() => planMultipart({ partSize: 16 * MiB, maxMemory: 8 * MiB }))).toBe('S3_INVALID_ARGUMENT');
  });

  it('unknown size', () => {
    const p = planMultipart({});
    expect(p.partCount).toBeUndefined();
    expect(p.maxObjectSize).toBe(8 * MiB * MAX_PARTS);
    expect(planMultipart({ size: 0 }).partCount).toBe(1);
  });

  it('rejects bad sizes with typed errors', () => {
    expect(code(() => planMultipart({ partSize: MIN_PART_SIZE - 1 }))).toBe('S3_INVALID_ARGUMENT');
    expect(code(() => planMultipart({ partSize: 5 * 1024 * MiB + 1 }))).toBe('S3_INVALID_ARGUMENT');
    expect(code(() => planMultipart({ size: MAX_OBJECT_SIZE + 1 }))).toBe('S3_OBJECT_TOO_LARGE');
    expect(code(() => planMultipart({ size: -1 }))).toBe('S3_INVALID_ARGUMENT');
    expect(code(() => planMultipart({ queueSize: 0 }))).toBe('S3_INVALID_ARGUMENT');
  });
});
