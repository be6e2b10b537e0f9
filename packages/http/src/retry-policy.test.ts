import { describe, expect, it } from 'vitest';
import { backoffDelay, nextDelay, type BackoffOptions, type RetryInput } from './retry-policy.js';

const opts: BackoffOptions = { baseDelayMs: 100, throttlingBaseDelayMs: 500, maxBackoffMs: 20_000, maxRetryAfterMs: 25_000 };
const input = (over: Partial<RetryInput> = {}): RetryInput => ({
  attempt: 1,
  maxAttempts: 3,
  errorClass: 'transient',
  availableTokens: 500,
  idempotent: true,
  replayable: true,
  ...over,
});
const fixed = (r: number) => () => r;

describe('backoffDelay', () => {
  it('is random() * min(cap, base * 2^i)', () => {
    expect(backoffDelay(0, 100, 20_000, fixed(0.5))).toBe(50);
    expect(backoffDelay(1, 100, 20_000, fixed(0.5))).toBe(100);
    expect(backoffDelay(3, 100, 20_000, fixed(0.999))).toBe(799);
    expect(backoffDelay(20, 100, 20_000, fixed(1))).toBe(20_000);
    expect(backoffDelay(20, 100, 20_000, fixed(0))).toBe(0);
  });
});

describe('nextDelay (standard)', () => {
  it('uses the 100 ms base for transient errors and 500 ms for throttling', () => {
    expect(nextDelay(input(), opts, fixed(0.5))).toEqual({ retry: true, delayMs: 50, cost: 5 });
    expect(nextDelay(input({ attempt: 2 }), opts, fixed(0.5))).toEqual({ retry: true, delayMs: 100, cost: 5 });
    expect(nextDelay(input({ errorClass: 'throttling' }), opts, fixed(0.5))).toEqual({ retry: true, delayMs: 250, cost: 5 });
    expect(nextDelay(input({ errorClass: 'throttling', attempt: 2, maxAttempts: 5 }), opts, fixed(1))).toEqual({ retry: true, delayMs: 1000, cost: 5 });
  });

  it('charges 10 tokens for a timeout retry', () => {
    expect(nextDelay(input({ errorClass: 'timeout' }), opts, fixed(0))).toEqual({ retry: true, delayMs: 0, cost: 10 });
  });

  it('caps the backoff at 20 s', () => {
    expect(nextDelay(input({ attempt: 30, maxAttempts: 50, errorClass: 'throttling' }), opts, fixed(1))).toEqual({ retry: true, delayMs: 20_000, cost: 5 });
  });

  it('stops at max attempts, on non-retryable and clock-skew classes', () => {
    expect(nextDelay(input({ attempt: 3 }), opts, fixed(0.5))).toEqual({ retry: false, reason: 'max-attempts' });
    expect(nextDelay(input({ errorClass: 'non-retryable' }), opts, fixed(0.5))).toEqual({ retry: false, reason: 'not-retryable' });
    expect(nextDelay(input({ errorClass: 'clock-skew' }), opts, fixed(0.5))).toEqual({ retry: false, reason: 'not-retryable' });
  });

  it('refuses non-idempotent requests and one-shot bodies, before touching the quota', () => {
    expect(nextDelay(input({ idempotent: false }), opts, fixed(0.5))).toEqual({ retry: false, reason: 'not-idempotent' });
    expect(nextDelay(input({ replayable: false }), opts, fixed(0.5))).toEqual({ retry: false, reason: 'body-not-replayable' });
  });

  it('stops when the quota cannot pay the cost', () => {
    expect(nextDelay(input({ availableTokens: 4 }), opts, fixed(0.5))).toEqual({ retry: false, reason: 'retry-quota' });
    expect(nextDelay(input({ availableTokens: 9, errorClass: 'timeout' }), opts, fixed(0.5))).toEqual({ retry: false, reason: 'retry-quota' });
    expect(nextDelay(input({ availableTokens: 5 }), opts, fixed(0.5))).toEqual({ retry: true, delayMs: 50, cost: 5 });
  });

  it('honours Retry-After when longer than the backoff, bounded by maxRetryAfterMs', () => {
    expect(nextDelay(input({ retryAfterMs: 3000 }), opts, fixed(0.5))).toEqual({ retry: true, delayMs: 3000, cost: 5 });
    expect(nextDelay(input({ retryAfterMs: 10 }), opts, fixed(0.5))).toEqual({ retry: true, delayMs: 50, cost: 5 });
    expect(nextDelay(input({ retryAfterMs: 3_600_000 }), opts, fixed(0.5))).toEqual({ retry: true, delayMs: 25_000, cost: 5 });
  });
});

describe('nextDelay properties', () => {
  it('keeps every delay within [0, max(cap-bounded backoff, bounded Retry-After)]', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('transient', 'throttling', 'timeout' as const),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        (attempt, errorClass, r, retryAfterMs) => {
          const d = nextDelay(input({ attempt, maxAttempts: 50, errorClass, retryAfterMs }), opts, () => r);
          if (attempt >= 50) return d.retry === false;
          if (!d.retry) return false;
          const base = errorClass === 'throttling' ? 500 : 100;
          const bound = Math.max(Math.min(20_000, base * 2 ** (attempt - 1)), Math.min(retryAfterMs ?? 0, 25_000));
          return d.delayMs >= 0 && d.delayMs <= bound && d.cost === (errorClass === 'timeout' ? 10 : 5);
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });
});
