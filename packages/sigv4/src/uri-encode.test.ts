import { describe, expect, it } from 'vitest';
import { canonicalComponent, uriEncode, uriEncodePath } from './uri-encode.js';

describe('uriEncode (SigV4 rules)', () => {
  it('keeps only A-Z a-z 0-9 - _ . ~ and encodes everything else as upper-case %XX of UTF-8', () => {
    expect(uriEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(uriEncode(`+*~'()!$&=; /`)).toBe('%2B%2A~%27%28%29%21%24%26%3D%3B%20%2F');
    expect(uriEncode('ሴ')).toBe('%E1%88%B4');
    expect(uriEncode('😀')).toBe('%F0%9F%98%80');
    expect(uriEncode('%')).toBe('%25');
  });

  it('replaces lone surrogates with U+FFFD instead of throwing', () => {
    expect(uriEncode('a\uD800b')).toBe('a%EF%BF%BDb');
    expect(uriEncode('\uDC00')).toBe('%EF%BF%BD');
  });

  it('uriEncodePath keeps the slashes', () => {
    expect(uriEncodePath('/a b//c$/')).toBe('/a%20b//c%24/');
    expect(uriEncodePath('/plain/path')).toBe('/plain/path');
  });
});

describe('canonicalComponent (decode, then re-encode)', () => {
  it('normalises every spelling of the same value', () => {
    for (const raw of ['~', '%7e', '%7E']) expect(canonicalComponent(raw, true)).toBe('~');
    for (const raw of ['$', '%24']) expect(canonicalComponent(raw, false)).toBe('%24');
    expect(canonicalComponent('%e1%88%b4', true)).toBe('%E1%88%B4');
  });

  it("reads '+' as a space in queries and as '+' in paths", () => {
    expect(canonicalComponent('a+b', true)).toBe('a%20b');
    expect(canonicalComponent('a+b', false)).toBe('a%2Bb');
    expect(canonicalComponent('a%2Bb', true)).toBe('a%2Bb');
  });

  it('is byte-exact for invalid UTF-8 and stray percent signs', () => {
    expect(canonicalComponent('%FF%fe', true)).toBe('%FF%FE');
    expect(canonicalComponent('100%', true)).toBe('100%25');
    expect(canonicalComponent('%zz%4', false)).toBe('%25zz%254');
  });
});
