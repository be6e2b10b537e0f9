import { INITIAL_RETRY_TOKENS } from './retry-policy.js';

/**
 * The retry quota (a token bucket shared by all requests of one transport) that stops retry storms:
 * each retry takes its cost, each success refunds what its retries took (or 1 when it needed none), up to the
 * initial capacity.
 */
export class RetryQuota {
  readonly capacity: number;
  #tokens: number;

  constructor(capacity: number = INITIAL_RETRY_TOKENS) {
    this.capacity = capacity;
    this.#tokens = capacity;
  }

  /** Tokens currently available. */
  get available(): number {
    return this.#tokens;
  }

  /** Take `cost` tokens; false (and nothing taken) when too few are left. */
  acquire(cost: number): boolean {
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** Give back `amount` tokens, never above capacity. */
  release(amount: number): void {
    this.#tokens = Math.min(this.capacity, this.#tokens + amount);
  }
}
