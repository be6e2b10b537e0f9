import { inspect } from 'node:util';

/** A secret found where it must not be. */
export interface SecretFinding {
  /** Index of the scanned value. */
  readonly index: number;
  /** How it was rendered when found (`inspect`, `String`, `JSON`, `stack`). */
  readonly view: string;
  /** Which secret (by position in `secrets`), or `signature` for a SigV4 signature. */
  readonly secret: number | 'signature';
}

// A SigV4 signature is 64 hex digits (after `Signature=`, `X-Amz-Signature=`, in `<SignatureProvided>`...). Any
// free-standing run of 64 hex digits counts, so a leaked signing key or payload hash is reported too.
const SIGNATURE = /signature=[0-9a-f]{64}|(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i;

function views(value: unknown): [string, string][] {
  const out: [string, string][] = [];
  const add = (view: string, f: () => unknown): void => {
    try {
      const s = f();
      if (typeof s === 'string') out.push([view, s]);
    } catch {
      // a value that cannot be rendered this way cannot leak this way either
    }
  };
  add('inspect', () => inspect(value, { depth: 20, showHidden: true, getters: true }));
  add('String', () => String(value));
  add('JSON', () => JSON.stringify(value));
  for (let e = value, i = 0; e instanceof Error && i < 10; e = e.cause, i++) {
    const err = e;
    add(`stack#${i}`, () => err.stack);
    add(`message#${i}`, () => err.message);
  }
  return out;
}

/**
 * Renders every value the ways a program could print it (`util.inspect` with hidden properties, `String`,
 * `JSON.stringify`, error stacks and messages along the `cause` chain) and reports each secret (and anything
 * shaped like a SigV4 signature: 64 hex digits) that shows up.
 *
 * @example
 * ```ts
 * expect(findSecrets([error, console.lines], [secretAccessKey, sessionToken])).toEqual([]);
 * ```
 */
export function findSecrets(values: readonly unknown[], secrets: readonly string[], opts: { signatures?: boolean } = {}): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const [index, value] of values.entries()) {
    for (const [view, text] of views(value)) {
      for (const [i, s] of secrets.entries()) if (s.length >= 8 && text.includes(s)) findings.push({ index, view, secret: i });
      if (opts.signatures !== false && SIGNATURE.test(text)) findings.push({ index, view, secret: 'signature' });
    }
  }
  return findings;
}
