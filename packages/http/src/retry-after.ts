/**
 * Parse a `Retry-After` value (delta-seconds or an HTTP date, RFC 9110 §10.2.3) into milliseconds from `nowMs`.
 * Returns `undefined` for a missing or unparseable value; past dates yield 0.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', Date.now()); // 3000
 * ```
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/^[A-Za-z]{3},/.test(v)) return undefined; // IMF-fixdate starts with the day name
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
