import { ClientError } from './errors.js';

/**
 * Serialises a JSON-protocol request body the way awsJson1_0/1_1 and restJson1 expect: `Date` as epoch seconds
 * (fractions kept), `Uint8Array` as base64, `Map` as an object, `undefined` members left out,
 * non-finite numbers as the strings `"NaN"`,
 * `"Infinity"`, `"-Infinity"`. `bigint` is refused (JSON.stringify cannot write it); pass a number or string.
 *
 * @throws ClientError `CLIENT_INVALID_PARAMS` for cycles, bigints or invalid dates.
 * @example
 * ```ts
 * toAwsJson({ TableName: 't', Limit: 10 }); // '{"TableName":"t","Limit":10}'
 * ```
 */
export function toAwsJson(value: unknown): string {
  if (value === undefined) return '{}';
  const replacer = function (this: Record<string, unknown>, key: string, v: unknown): unknown {
    const original = this[key];
    if (original instanceof Date) {
      const t = original.getTime();
      if (Number.isNaN(t)) throw new ClientError('CLIENT_INVALID_PARAMS', `JSON member ${key} is an invalid Date`, { value: key });
      return t / 1000;
    }
    if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
    if (original instanceof Map) return Object.fromEntries(original);
    if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    return v;
  };
  let text: string;
  try {
    text = JSON.stringify(value, replacer) ?? '{}';
  } catch (cause) {
    if (cause instanceof ClientError) throw cause;
    throw new ClientError('CLIENT_INVALID_PARAMS', `JSON request body cannot be serialised: ${(cause as Error).message}`, { cause });
  }
  return text;
}
