import { describe, expect, it } from 'vitest';
import { RetryQuota } from './retry-quota.js';

describe('RetryQuota', () => {
  it('starts at 500, pays retries and refunds up to capacity', () => {
    const q = new RetryQuota();
    expect(q.available).toBe(500);
    expect(q.acquire(5)).toBe(true);
    expect(q.acquire(10)).toBe(true);
    expect(q.available).toBe(485);
    q.release(10);
    expect(q.available).toBe(495);
    q.release(100);
    expect(q.available).toBe(500);
  });

  it('refuses when empty and takes nothing', () => {
    const q = new RetryQuota(12);
    expect(q.acquire(10)).toBe(true);
    expect(q.acquire(5)).toBe(false);
    expect(q.available).toBe(2);
    q.release(1);
    expect(q.available).toBe(3);
  });
});
