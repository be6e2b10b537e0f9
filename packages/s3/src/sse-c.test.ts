import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isS3Error } from './errors.js';
import { assertSseCTransport, generateSseCKey, isLoopbackHost, sseCCopySourceHeaders, sseCHeaders, sseCKey, sseCKeyBytes } from './sse-c.js';

const raw = new Uint8Array(32).map((_, i) => i);
const b64 = Buffer.from(raw).toString('base64');

describe('SSE-C', () => {
  it('builds the three headers with base64 key and key MD5', () => {
    const key = sseCKey(raw);
    const md5 = createHash('md5').update(raw).digest('base64');
    expect(sseCHeaders(key)).toEqual({
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': b64,
      'x-amz-server-side-encryption-customer-key-md5': md5,
    });
    expect(sseCCopySourceHeaders(key)['x-amz-copy-source-server-side-encryption-customer-key']).toBe(b64);
    expect(sseCCopySourceHeaders(key)['x-amz-copy-source-server-side-encryption-customer-key-md5']).toBe(md5);
    expect(sseCKey(b64).keyMd5).toBe(md5);
  });

  it('generates distinct 32-byte keys', () => {
    const a = generateSseCKey();
    const b = generateSseCKey();
    expect(sseCKeyBytes(a)).toHaveLength(32);
    expect(a.keyMd5).not.toBe(b.keyMd5);
  });

  it('never shows the key bytes in inspect or JSON', () => {
    const key = sseCKey(raw);
    expect(inspect(key, { showHidden: true, depth: 5 })).not.toContain(b64.slice(0, 10));
    expect(JSON.stringify(key)).not.toContain(b64.slice(0, 10));
    expect(JSON.stringify(key)).toContain(key.keyMd5);
  });

  it('refuses keys that are not 32 bytes, without echoing them', () => {
    for (const bad of [new Uint8Array(16), 'c2hvcnQ=', new Uint8Array(33)]) {
      try {
        sseCKey(bad);
        expect.unreachable();
      } catch (e) {
        expect(isS3Error(e) && e.code).toBe('S3_INVALID_SSE_C_KEY');
        expect((e as Error).message).toMatch(/needs exactly 32/);
        expect((e as Error).message).not.toContain('c2hvcnQ');
      }
    }
  });

  it('refuses plain http unless loopback and opted in', () => {
    const https = new URL('https://b.s3.amazonaws.com/k');
    const http = new URL('http://b.s3.amazonaws.com/k');
    const local = new URL('http://127.0.0.1:7480/b/k');
    const vhost = new URL('http://b.localhost:7480/k');
    expect(() => assertSseCTransport(https, https.hostname, false)).not.toThrow();
    expect(() => assertSseCTransport(local, '127.0.0.1', true)).not.toThrow();
    expect(() => assertSseCTransport(vhost, '127.0.0.1', true)).not.toThrow();
    expect(() => assertSseCTransport(http, '127.0.0.1', true)).not.toThrow();
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return isS3Error(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => assertSseCTransport(http, http.hostname, true))).toBe('S3_INSECURE_SSE_C');
    expect(code(() => assertSseCTransport(local, '127.0.0.1', false))).toBe('S3_INSECURE_SSE_C');
    expect(() => assertSseCTransport(local, '127.0.0.1', false)).toThrow(/allowInsecureSseC/);
    expect(() => assertSseCTransport(http, http.hostname, false)).toThrow(/requires HTTPS/);
  });

  it('knows loopback hosts', () => {
    expect(['localhost', 'b.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'example.com', 'localhost.example.com', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});
