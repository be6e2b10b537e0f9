import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotSafeUrl, encodeKey, uriEncode } from './encode-key.js';

describe('encodeKey', () => {
  it.each([
    ['plain.txt', 'plain.txt'],
    ['a b', 'a%20b'],
    ['a+b', 'a%2Bb'],
    ['100%', '100%25'],
    ['what?', 'what%3F'],
    ['#tag', '%23tag'],
    ["it's (1)*!", 'it%27s%20%281%29%2A%21'],
    ['dir//file', 'dir//file'],
    ['~user/-_.', '~user/-_.'],
    ['🐱', '%F0%9F%90%B1'],
    ['a/../b', 'a/../b'],
  ])('%s -> %s', (key, want) => {
    expect(encodeKey(key)).toBe(want);
  });

  it('survives a WHATWG URL parse and decodes back to the key (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (key) => {
        fc.pre(key !== '.' && key !== '..');
        const url = new URL(dotSafeUrl(`http://h.example/bucket/${encodeKey(key)}`));
        const path = url.pathname.slice('/bucket/'.length);
        expect(decodeURIComponent(path)).toBe(key);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it.each([
    ['http://h/b/a/../c?x=/../', 'http://h/b/a/..%2Fc?x=/../'],
    ['http://h/b/../escape', 'http://h/b/..%2Fescape'],
    ['http://h/b/x/..', 'http://h/b/x%2F..'],
    ['http://h/b/x/./y', 'http://h/b/x/.%2Fy'],
    ['http://h/b/a/./../c', 'http://h/b/a/.%2F..%2Fc'],
    ['http://h/../x', 'http://h/..%2Fx'],
    ['http://h/b/./', 'http://h/b/.%2F'],
    ['http://h/b/plain/key', 'http://h/b/plain/key'],
  ])('dotSafeUrl(%s) = %s', (url, want) => {
    expect(dotSafeUrl(url)).toBe(want);
    expect(new URL(want).href).toBe(want);
  });

  it('uriEncode encodes everything but the unreserved set', () => {
    expect(uriEncode("AZaz09-._~!*'() /")).toBe('AZaz09-._~%21%2A%27%28%29%20%2F');
  });
});
