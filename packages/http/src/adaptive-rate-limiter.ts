/**
 * Client-side rate limiter of the SDKs' `adaptive` retry mode: a token bucket whose fill rate follows CUBIC
 * (multiplicative decrease by `beta` on throttling, cubic growth back towards the last maximum rate otherwise).
 * Inactive until the first throttling response. Time comes from the injected `now` (ms); nothing sleeps here:
 * {@link AdaptiveRateLimiter.acquire} returns how long the caller must wait.
 */
export class AdaptiveRateLimiter {
  // Constants of the SDK algorithm.
  static readonly beta = 0.7;
  static readonly minCapacity = 1;
  static readonly minFillRate = 0.5;
  static readonly scaleConstant = 0.4;
  static readonly smooth = 0.8;

  readonly #now: () => number;
  #enabled = false;
  #fillRate = 0;
  #maxCapacity = 0;
  #currentCapacity = 0;
  #lastTimestamp: number | undefined;
  #lastMaxRate = 0;
  #lastThrottleTime: number;
  #timeWindow = 0;
  #measuredTxRate = 0;
  #requestCount = 0;
  #lastTxRateBucket: number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    const t = this.#seconds();
    this.#lastThrottleTime = t;
    this.#lastTxRateBucket = Math.floor(t);
  }

  /** Whether throttling has switched the bucket on. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Current send rate in requests per second (the bucket's fill rate). */
  get fillRate(): number {
    return this.#fillRate;
  }

  /** Measured send rate (smoothed), requests per second. */
  get measuredTxRate(): number {
    return this.#measuredTxRate;
  }

  /** Reserve one send token; returns the ms to wait before sending (0 when a token is ready). */
  acquire(): number {
    if (!this.#enabled) return 0;
    this.#refill();
    let delayMs = 0;
    if (this.#currentCapacity < 1) delayMs = ((1 - this.#currentCapacity) / this.#fillRate) * 1000;
    this.#currentCapacity -= 1;
    return Math.ceil(delayMs);
  }

  /** Feed back the outcome of one attempt. */
  update(throttled: boolean): void {
    this.#updateMeasuredRate();
    let calculatedRate: number;
    const t = this.#seconds();
    if (throttled) {
      const rateToUse = this.#enabled ? Math.min(this.#measuredTxRate, this.#fillRate) : this.#measuredTxRate;
      this.#lastMaxRate = rateToUse;
      this.#calculateTimeWindow();
      this.#lastThrottleTime = t;
      calculatedRate = rateToUse * AdaptiveRateLimiter.beta; // cubic throttle
      this.#enabled = true;
    } else {
      this.#calculateTimeWindow();
      // cubic success: W(t) = C * (t - T_last - K)^3 + W_max
      calculatedRate =
        AdaptiveRateLimiter.scaleConstant * (t - this.#lastThrottleTime - this.#timeWindow) ** 3 + this.#lastMaxRate;
    }
    this.#updateTokenBucketRate(Math.min(calculatedRate, 2 * this.#measuredTxRate));
  }

  #seconds(): number {
    return this.#now() / 1000;
  }

  // K = cbrt(W_max * (1 - beta) / C)
  #calculateTimeWindow(): void {
    this.#timeWindow = Math.cbrt((this.#lastMaxRate * (1 - AdaptiveRateLimiter.beta)) / AdaptiveRateLimiter.scaleConstant);
  }

  #refill(): void {
    const t = this.#seconds();
    if (this.#lastTimestamp === undefined) {
      this.#lastTimestamp = t;
      return;
    }
    const fill = (t - this.#lastTimestamp) * this.#fillRate;
    this.#currentCapacity = Math.min(this.#maxCapacity, this.#currentCapacity + fill);
    this.#lastTimestamp = t;
  }

  #updateTokenBucketRate(newRate: number): void {
    this.#refill();
    this.#fillRate = Math.max(newRate, AdaptiveRateLimiter.minFillRate);
    this.#maxCapacity = Math.max(newRate, AdaptiveRateLimiter.minCapacity);
    this.#currentCapacity = Math.min(this.#currentCapacity, this.#maxCapacity);
  }

  #updateMeasuredRate(): void {
    const t = this.#seconds();
    const timeBucket = Math.floor(t * 2) / 2;
    this.#requestCount++;
    if (timeBucket > this.#lastTxRateBucket) {
      const currentRate = this.#requestCount / (timeBucket - this.#lastTxRateBucket);
      this.#measuredTxRate =
        currentRate * AdaptiveRateLimiter.smooth + this.#measuredTxRate * (1 - AdaptiveRateLimiter.smooth);
      this.#requestCount = 0;
      this.#lastTxRateBucket = timeBucket;
    }
  }
}
