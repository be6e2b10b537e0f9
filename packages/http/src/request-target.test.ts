import { describe, expect, it } from 'vitest';
import { requestTarget } from './request-target.js';

const t = (raw: string) => requestTarget(raw, new URL(raw));

describe('requestTarget', () => {
  it('keeps dot segments and double slashes that URL parsing would remove', () => {
    expect(t('http://127.0.0.1:9000/bucket/a/../b/./c')).toBe('/bucket/a/../b/./c');
    expect(t('http://h/bucket//x/..')).toBe('/bucket//x/..');
    expect(new URL('http://h/bucket/a/../b').pathname).toBe('/bucket/b');
  });

  it('keeps percent-encoding as written, including %2F', () => {
    expect(t('https://h/b/a%2F..%2Fc?x=%20y&z')).toBe('/b/a%2F..%2Fc?x=%20y&z');
  });

  it('adds the root path and drops the fragment', () => {
    expect(t('http://h')).toBe('/');
    expect(t('http://h?list-type=2')).toBe('/?list-type=2');
    expect(t('http://h/k#frag')).toBe('/k');
  });

  it('percent-encodes bytes that cannot go on a request line', () => {
    expect(t('http://h/a b/é')).toBe('/a%20b/%C3%A9');
  });

  it('uses the parsed URL for URL objects', () => {
    const u = new URL('http://h/a/../b?q=1');
    expect(requestTarget(u, u)).toBe('/b?q=1');
  });
});
