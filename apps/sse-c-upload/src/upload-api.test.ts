import { describe, expect, it } from 'vitest';
import { corsXml } from './bucket-cors.js';
import { BadUploadRequest, parseUploadRequest, safeFileName } from './upload-api.js';

describe('upload API input', () => {
  it('keeps object key names boring', () => {
    expect(safeFileName('Mon report (v2).pdf')).toBe('Mon_report__v2_.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('..')).toBe('_');
    expect(safeFileName('')).toBe('file');
    expect(safeFileName('x'.repeat(300))).toHaveLength(100);
  });

  it('accepts a file description and defaults odd content types', () => {
    expect(parseUploadRequest({ name: 'a.png', size: 10, type: 'image/png' })).toEqual({ name: 'a.png', size: 10, type: 'image/png' });
    expect(parseUploadRequest({ name: 'a', size: 0, type: '' }).type).toBe('application/octet-stream');
    expect(parseUploadRequest({ name: 'a', size: 0, type: 'text/plain\r\nx-evil: 1' }).type).toBe('application/octet-stream');
  });

  it('refuses bad input with a message saying what to send', () => {
    expect(() => parseUploadRequest(null)).toThrow(BadUploadRequest);
    expect(() => parseUploadRequest({ name: '', size: 1 })).toThrow(/name must be a non-empty string/);
    expect(() => parseUploadRequest({ name: 'a', size: 1.5 })).toThrow(/whole number of bytes/);
    expect(() => parseUploadRequest({ name: 'a', size: 6 * 2 ** 30 })).toThrow(/one presigned PUT/);
  });
});

describe('corsXml', () => {
  it('writes a CORSConfiguration with escaped values', () => {
    expect(corsXml([{ allowedOrigins: ['http://a&b'], allowedMethods: ['PUT', 'GET'], allowedHeaders: ['content-type'], exposeHeaders: ['etag'], maxAgeSeconds: 60 }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule>' +
        '<AllowedOrigin>http://a&amp;b</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>' +
        '<AllowedHeader>content-type</AllowedHeader><ExposeHeader>etag</ExposeHeader><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule></CORSConfiguration>',
    );
  });
});
