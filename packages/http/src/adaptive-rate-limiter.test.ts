import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter } from './adaptive-rate-limiter.js';

describe('AdaptiveRateLimiter', () => {
  it('does not limit before the first throttle', () => {
    let t = 1_000_000;
    const rl = new AdaptiveRateLimiter(() => t);
    for (let i = 0; i < 50; i++) {
      expect(rl.acquire()).toBe(0);
      rl.update(false);
      t += 10;
    }
    expect(rl.enabled).toBe(false);
  });

  it('cuts the rate by beta on throttling, then makes callers wait, then grows back', () => {
    let t = 1_000_000;
    const rl = new AdaptiveRateLimiter(() => t);
    // 10 requests/s for 3 s to build a measured rate.
    for (let i = 0; i < 30; i++) {
      rl.acquire();
      rl.update(false);
      t += 100;
    }
    expect(rl.measuredTxRate).toBeGreaterThan(8);
    expect(rl.measuredTxRate).toBeLessThan(12);
    rl.update(true);
    expect(rl.enabled).toBe(true);
    const throttledRate = rl.fillRate;
    expect(throttledRate).toBeCloseTo(rl.measuredTxRate * AdaptiveRateLimiter.beta, 5);
    // The bucket holds at most ~fillRate tokens; once drained, back-to-back acquisitions wait 1/fillRate each.
    let free = 0;
    let d1 = rl.acquire();
    while (d1 === 0) {
      free++;
      d1 = rl.acquire();
    }
    expect(free).toBeLessThanOrEqual(Math.ceil(throttledRate));
    const d2 = rl.acquire();
    expect(d2 - d1).toBeGreaterThanOrEqual(Math.floor(1000 / throttledRate) - 1);
    expect(d2 - d1).toBeLessThanOrEqual(Math.ceil(1000 / throttledRate) + 1);
    // Successes over the next seconds raise the rate again (cubic growth).
    for (let i = 0; i < 40; i++) {
      t += 100;
      rl.update(false);
    }
    expect(rl.fillRate).toBeGreaterThan(throttledRate);
  });
});
