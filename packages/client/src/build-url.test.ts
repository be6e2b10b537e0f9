import { describe, expect, it } from 'vitest';
import { buildUrl } from './build-url.js';

const ep = new URL('http://127.0.0.1:7480');

describe('buildUrl', () => {
  it('joins an encoded path below the endpoint path and keeps dot segments (S3 keys like a/../b)', () => {
    expect(buildUrl(ep, { path: '/bucket/a/../b/./c' })).toBe('http://127.0.0.1:7480/bucket/a/../b/./c');
    expect(buildUrl(new URL('https://h.example/proxy/'), { path: '/x%20y' })).toBe('https://h.example/proxy/x%20y');
    expect(buildUrl(ep, {})).toBe('http://127.0.0.1:7480/');
  });

  it('encodes query parameters RFC 3986 style, repeats arrays, keeps empty values, drops undefined', () => {
    expect(buildUrl(ep, { path: '/b', query: { 'list-type': '2', prefix: 'a b+c/é', uploads: '', skip: undefined, tag: ['x', 'y'] } })).toBe(
      'http://127.0.0.1:7480/b?list-type=2&prefix=a%20b%2Bc%2F%C3%A9&uploads=&tag=x&tag=y',
    );
    expect(buildUrl(ep, { url: '/b?x=1', query: { y: '2' } })).toBe('http://127.0.0.1:7480/b?x=1&y=2');
  });

  it('takes absolute URLs as they are', () => {
    expect(buildUrl(ep, { url: 'https://other.example/a/../b?q=1' })).toBe('https://other.example/a/../b?q=1');
    expect(buildUrl(ep, { url: new URL('https://other.example/p') })).toBe('https://other.example/p');
  });

  it.each(['no-slash', '/has space', '/has#hash', '/ctl\u0001'])('refuses path %j with a typed error', (path) => {
    expect(() => buildUrl(ep, { path })).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_OPTION' }));
  });
});
