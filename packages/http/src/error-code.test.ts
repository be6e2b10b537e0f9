import { describe, expect, it } from 'vitest';
import { classifyNetworkError, classifyResponse } from './classify.js';
import { extractErrorCode } from './error-code.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('extractErrorCode', () => {
  it('reads S3/Query XML <Code>', () => {
    expect(extractErrorCode({}, enc('<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce</Message></Error>'))).toBe('SlowDown');
    expect(extractErrorCode({}, enc('<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code></Error></ErrorResponse>'))).toBe('Throttling');
    expect(extractErrorCode({}, enc('<Response><Errors><Error><Code>RequestLimitExceeded</Code></Error></Errors></Response>'))).toBe('RequestLimitExceeded');
  });
  it('reads JSON __type / code with namespace and suffix stripped', () => {
    expect(extractErrorCode({}, enc('{"__type":"com.amazon.coral.service#ThrottlingException","message":"x"}'))).toBe('ThrottlingException');
    expect(extractErrorCode({}, enc('{"code":"ProvisionedThroughputExceededException"}'))).toBe('ProvisionedThroughputExceededException');
  });
  it('prefers the x-amzn-errortype header', () => {
    expect(extractErrorCode({ 'x-amzn-errortype': 'TooManyRequestsException:http://internal.amazon.com/' }, enc('{}'))).toBe('TooManyRequestsException');
  });
  it('returns undefined for empty, HTML or malformed bodies', () => {
    expect(extractErrorCode({}, new Uint8Array())).toBeUndefined();
    expect(extractErrorCode({}, enc('<html><body>Bad gateway</body></html>'))).toBeUndefined();
    expect(extractErrorCode({}, enc('{"__type":'))).toBeUndefined();
  });
});

describe('classify', () => {
  it('maps codes and statuses to retry classes', () => {
    expect(classifyResponse(503, 'SlowDown')).toBe('throttling');
    expect(classifyResponse(400, 'ThrottlingException')).toBe('throttling');
    expect(classifyResponse(429, undefined)).toBe('throttling');
    expect(classifyResponse(403, 'RequestTimeTooSkewed')).toBe('clock-skew');
    expect(classifyResponse(400, 'RequestExpired')).toBe('clock-skew');
    expect(classifyResponse(502, undefined)).toBe('transient');
    expect(classifyResponse(500, 'InternalError')).toBe('transient');
    expect(classifyResponse(404, 'NoSuchKey')).toBe('non-retryable');
    expect(classifyResponse(403, 'AccessDenied')).toBe('non-retryable');
  });
  it('maps network error codes', () => {
    expect(classifyNetworkError('ECONNRESET')).toBe('transient');
    expect(classifyNetworkError('UND_ERR_SOCKET')).toBe('transient');
    expect(classifyNetworkError('UND_ERR_HEADERS_TIMEOUT')).toBe('timeout');
    expect(classifyNetworkError('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('non-retryable');
    expect(classifyNetworkError(undefined)).toBe('non-retryable');
  });
});
