import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText, redactUrl } from './redact.js';

describe('redaction', () => {
  it('removes presign secrets and user info from URLs', () => {
    const u = redactUrl('https://user:pw@b.s3.amazonaws.com/k?X-Amz-Signature=abc123&X-Amz-Credential=AKIA%2F1&X-Amz-Security-Token=tok&x-id=GetObject');
    expect(u).not.toMatch(/abc123|AKIA|tok|pw|user/);
    expect(u).toContain('x-id=GetObject');
    expect(redactUrl('not a url with X-Amz-Signature=s')).toBe('<invalid url>');
  });
  it('scrubs Authorization parts and query secrets from text', () => {
    const text = 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261123/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=deadbeef and ?X-Amz-Security-Token=SECRET';
    const out = redactText(text);
    expect(out).not.toMatch(/AKIAEXAMPLE|deadbeef|SECRET/);
    expect(out).toContain('SignedHeaders=host');
  });
  it('hides secret headers', () => {
    expect(redactHeaders({ Authorization: 'x', 'x-amz-security-token': 't', host: 'h' })).toEqual({
      Authorization: 'REDACTED',
      'x-amz-security-token': 'REDACTED',
      host: 'h',
    });
  });
});
