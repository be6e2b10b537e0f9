/** What to do to a matched request. */
export type FaultAction =
  /** Close the client connection abruptly (TCP RST) before answering; with `afterRequestBytes`, in the middle of the upload. */
  | { type: 'reset'; afterRequestBytes?: number }
  /** Answer with an S3-style XML error instead of forwarding. `code` defaults by status (500 InternalError, 503 ServiceUnavailable). */
  | { type: 'status'; status: number; code?: string; message?: string; retryAfter?: string; headers?: Record<string, string> }
  /** 503 SlowDown, as S3 throttles. */
  | { type: 'slowdown'; retryAfter?: string }
  /** Wait `ms`, then forward normally. */
  | { type: 'latency'; ms: number }
  /** Forward, but cut the response body after `bytes` (default: half of it) and reset the connection. */
  | { type: 'truncate'; bytes?: number }
  /** Forward, rewriting the response `Date` header by `offsetMs`. */
  | { type: 'date'; offsetMs: number }
  /**
   * Act as a server whose clock is `offsetMs` ahead: requests whose `x-amz-date` is more than `toleranceMs`
   * (default 15 min, as S3) away get 403 RequestTimeTooSkewed; every response carries the skewed `Date`.
   */
  | { type: 'skew'; offsetMs: number; toleranceMs?: number };

/** A fault rule: the first rule that matches a request decides its fate. */
export interface FaultRule {
  /** Optional name used in stats. */
  name?: string;
  /** Method(s) to match, case-insensitive. Default: any. */
  method?: string | readonly string[];
  /** Exact pathname, or a RegExp tested against path + query. Default: any. */
  path?: string | RegExp;
  /**
   * Which occurrences of the same `METHOD pathname` to hit (1-based), e.g. `1` or `[1, 2]`, or a predicate.
   * Default: every one.
   */
  attempt?: number | readonly number[] | ((n: number) => boolean);
  /** Chance to fire when otherwise matched, drawn from the seeded PRNG. @default 1 */
  probability?: number;
  /** Stop firing after this many injections. Default: unlimited. */
  times?: number;
  action: FaultAction;
}

/** Facts about a request that rules match on. */
export interface RequestFacts {
  method: string;
  pathname: string;
  pathAndQuery: string;
  /** 1-based occurrence of this `METHOD pathname`. */
  occurrence: number;
}

/** Whether `rule` matches, ignoring probability and `times` (the proxy applies those). */
export function ruleMatches(rule: FaultRule, req: RequestFacts): boolean {
  if (rule.method !== undefined) {
    const methods = typeof rule.method === 'string' ? [rule.method] : rule.method;
    if (!methods.some((m) => m.toUpperCase() === req.method.toUpperCase())) return false;
  }
  if (rule.path !== undefined) {
    if (typeof rule.path === 'string' ? rule.path !== req.pathname : !rule.path.test(req.pathAndQuery)) return false;
  }
  if (rule.attempt !== undefined) {
    const a = rule.attempt;
    const ok = typeof a === 'number' ? a === req.occurrence : typeof a === 'function' ? a(req.occurrence) : a.includes(req.occurrence);
    if (!ok) return false;
  }
  return true;
}

/** Rates for {@link chaosRules}, each a probability per request. */
export interface ChaosRates {
  reset?: number;
  error500?: number;
  error503?: number;
  slowDown?: number;
  truncate?: number;
  latency?: number;
  /** @default 200 */
  latencyMs?: number;
}

/** Seeded random faults for soak tests: one probability rule per fault kind, in a fixed order. */
export function chaosRules(rates: ChaosRates): FaultRule[] {
  const rules: FaultRule[] = [];
  const add = (name: string, probability: number | undefined, action: FaultAction): void => {
    if (probability) rules.push({ name, probability, action });
  };
  add('reset', rates.reset, { type: 'reset' });
  add('error500', rates.error500, { type: 'status', status: 500 });
  add('error503', rates.error503, { type: 'status', status: 503 });
  add('slowDown', rates.slowDown, { type: 'slowdown' });
  add('truncate', rates.truncate, { type: 'truncate' });
  add('latency', rates.latency, { type: 'latency', ms: rates.latencyMs ?? 200 });
  return rules;
}
