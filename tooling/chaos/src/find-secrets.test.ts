import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets.js';

describe('findSecrets', () => {
  const secret = 'topSecretValue123';
  it('finds a secret in a cause, a hidden property, a nested object, JSON and a SigV4 signature', () => {
    const hidden = {};
    Object.defineProperty(hidden, 'k', { value: secret, enumerable: false });
    const values = [
      new Error('outer', { cause: new Error(`inner ${secret}`) }),
      hidden,
      { a: { b: { c: [secret] } } },
      `Authorization: AWS4-HMAC-SHA256 Credential=A/1/r/s/aws4_request, SignedHeaders=host, Signature=${'ab'.repeat(32)}`,
      `https://x/?X-Amz-Signature=${'0f'.repeat(32)}`,
    ];
    const found = findSecrets(values, [secret]);
    expect(new Set(found.map((f) => f.index))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(found.filter((f) => f.secret === 'signature').map((f) => f.index)).toEqual(expect.arrayContaining([3, 4]));
  });

  it('reports nothing for clean values and a custom inspect that hides the secret', () => {
    const redacted = { [inspect.custom]: () => 'Redacted {}', toJSON: () => ({}), toString: () => 'Redacted' };
    Object.defineProperty(redacted, 'secret', { value: () => secret, enumerable: false });
    expect(findSecrets([new Error('fine'), 'plain text', { n: 1 }, redacted], [secret])).toEqual([]);
  });

  it('ignores secrets shorter than 8 characters (they would match by chance)', () => {
    expect(findSecrets(['abc'], ['abc'])).toEqual([]);
  });
});
