import { describe, expect, it } from 'vitest';
import { canonicalHeaders } from './canonical-headers.js';

describe('canonicalHeaders', () => {
  it('lower-cases, trims, collapses SP/HTAB runs and sorts', () => {
    const r = canonicalHeaders({ Host: 'h', 'X-B': '  a \t  b  ', 'x-a': '"q   q"' });
    expect(r.canonicalHeaders).toBe('host:h\nx-a:"q q"\nx-b:a b\n');
    expect(r.signedHeaders).toBe('host;x-a;x-b');
    // The value sent is the caller's (servers canonicalise it the same way).
    expect(r.headers['x-b']).toBe('  a \t  b  ');
  });

  it('keeps non-breaking spaces (only SP and HTAB are whitespace for SigV4)', () => {
    expect(canonicalHeaders({ h: '\u00a0x\u00a0' }).canonicalHeaders).toBe('h:\u00a0x\u00a0\n');
  });

  it('joins repeated headers with "," in order, from arrays and from names differing in case', () => {
    const r = canonicalHeaders({ 'My-Header1': ['value2', ' value2 ', 'value1'], host: 'h' });
    expect(r.canonicalHeaders).toBe('host:h\nmy-header1:value2,value2,value1\n');
    expect(r.headers['my-header1']).toBe('value2,value2,value1');
    const cased = canonicalHeaders({ 'X-Dup': 'a', 'x-dup': 'b' });
    expect(cased.canonicalHeaders).toBe('x-dup:a,b\n');
  });

  it('unfolds obs-fold continuation lines to one space', () => {
    const r = canonicalHeaders({ 'My-Header1': 'value1\n  value2\r\n     value3' });
    expect(r.canonicalHeaders).toBe('my-header1:value1 value2 value3\n');
    expect(r.headers['my-header1']).toBe('value1 value2 value3');
  });

  it('never signs hop-by-hop and rewritten headers, proxy-*, sec-*, nor unsignedHeaders; host and x-amz-date stay signed', () => {
    const headers = {
      host: 'h',
      'x-amz-date': 'd',
      Authorization: 'a',
      'User-Agent': 'u',
      'X-Amzn-Trace-Id': 't',
      expect: '100-continue',
      connection: 'keep-alive',
      'transfer-encoding': 'chunked',
      'proxy-authorization': 'p',
      'sec-fetch-mode': 'cors',
      'x-custom': 'c',
      'content-type': 'text/plain',
    };
    const r = canonicalHeaders(headers, { unsignedHeaders: ['X-Custom', 'host', 'x-amz-date'] });
    expect(r.signedHeaders).toBe('content-type;host;x-amz-date');
    expect(Object.keys(r.headers)).toHaveLength(Object.keys(headers).length);
  });

  it('signs exactly an explicit signedHeaders list (verification)', () => {
    const r = canonicalHeaders({ host: 'h', 'user-agent': 'u', 'x-a': '1' }, { signedHeaders: ['host', 'user-agent'] });
    expect(r.signedHeaders).toBe('host;user-agent');
  });
});
