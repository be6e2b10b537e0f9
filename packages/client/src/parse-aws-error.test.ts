import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAwsServiceError } from './aws-service-error.js';
import { parseAwsError, sanitizeErrorCode } from './parse-aws-error.js';

const xml = (s: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${s}`;
const SIG = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENvalueAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('parseAwsError corpus', () => {
  it('S3 <Error> with RequestId/HostId, details kept', () => {
    const e = parseAwsError(
      {
        status: 404,
        headers: { 'x-amz-request-id': 'REQ1', 'x-amz-id-2': 'HOST2' },
        body: xml('<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>nope</BucketName><RequestId>REQ1</RequestId><HostId>HOST2</HostId></Error>'),
      },
      { operation: 's3:ListObjectsV2' },
    );
    expect(isAwsServiceError(e)).toBe(true);
    expect(e).toMatchObject({ status: 404, code: 'NoSuchBucket', serviceMessage: 'The specified bucket does not exist', requestId: 'REQ1', hostId: 'HOST2', fault: 'client', retryable: false, bodyKind: 'xml' });
    expect(e.details).toEqual({ BucketName: 'nope' });
    expect(e.message).toBe('s3:ListObjectsV2 failed: NoSuchBucket (HTTP 404 Not Found): The specified bucket does not exist [request id REQ1]');
  });

  it('RGW empty <Message></Message> gets a useful message from status and code', () => {
    const e = parseAwsError({
      status: 403,
      headers: { 'x-amz-request-id': 'tx00000a-default' },
      body: xml('<Error><Code>AccessDenied</Code><Message></Message><RequestId>tx00000a-default</RequestId><HostId>1026-default-default</HostId></Error>'),
    });
    expect(e.code).toBe('AccessDenied');
    expect(e.serviceMessage).toBe('');
    expect(e.hostId).toBe('1026-default-default');
    expect(e.message).toContain('AccessDenied (HTTP 403 Forbidden)');
    expect(e.message).toContain('check the credentials');
    expect(e.message).toContain('the server sent no error message');
    expect(e.message).not.toContain('UnknownError');
  });

  it('Query <ErrorResponse> with Type Sender/Receiver', () => {
    const body = xml('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>4c1a-uuid</RequestId></ErrorResponse>');
    const e = parseAwsError({ status: 403, headers: {}, body }, { operation: 'sts:GetCallerIdentity', attempts: 1 });
    expect(e).toMatchObject({ code: 'InvalidClientTokenId', requestId: '4c1a-uuid', fault: 'client', serviceMessage: 'The security token included in the request is invalid.' });
    const r = parseAwsError({ status: 500, headers: {}, body: body.replace('Sender', 'Receiver').replace('InvalidClientTokenId', 'InternalFailure') });
    expect(r).toMatchObject({ fault: 'server', retryable: true, code: 'InternalFailure' });
  });

  it('EC2 <Response><Errors><Error>', () => {
    const e = parseAwsError({
      status: 400,
      headers: {},
      body: '<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID \'i-1\' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa</RequestID></Response>',
    });
    expect(e).toMatchObject({ code: 'InvalidInstanceID.NotFound', requestId: 'ea966190-f9aa', serviceMessage: "The instance ID 'i-1' does not exist" });
  });

  it('JSON __type with namespace prefix and x-amzn-requestid', () => {
    const e = parseAwsError({
      status: 400,
      headers: { 'x-amzn-requestid': 'J1', 'content-type': 'application/x-amz-json-1.0' },
      body: new TextEncoder().encode('{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}'),
    });
    expect(e).toMatchObject({ code: 'ResourceNotFoundException', serviceMessage: 'Requested resource not found', requestId: 'J1', bodyKind: 'json' });
  });

  it('JSON Message/Code spellings and the x-amzn-errortype header (which wins)', () => {
    expect(parseAwsError({ status: 400, headers: {}, body: '{"__type":"ValidationException:http://internal.amazon.com/coral/","Message":"bad"}' })).toMatchObject({ code: 'ValidationException', serviceMessage: 'bad' });
    expect(parseAwsError({ status: 400, headers: {}, body: '{"code":"BadRequest","message":"m"}' })).toMatchObject({ code: 'BadRequest', serviceMessage: 'm' });
    expect(parseAwsError({ status: 400, headers: {}, body: '{"Code":"C2","Message":"m2"}' })).toMatchObject({ code: 'C2', serviceMessage: 'm2' });
    const h = parseAwsError({ status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException:http://internal.amazon.com/' }, body: '{"message":"slow down"}' });
    expect(h).toMatchObject({ code: 'TooManyRequestsException', throttling: true, retryable: true });
  });

  it('awsQueryCompatible: x-amzn-query-error gives the Query-era code and fault', () => {
    const e = parseAwsError({
      status: 400,
      headers: { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' },
      body: '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}',
    });
    expect(e).toMatchObject({ code: 'AWS.SimpleQueueService.NonExistentQueue', fault: 'client', serviceMessage: 'The specified queue does not exist.' });
  });

  it('HEAD 404 with no body: code from the status', () => {
    const e = parseAwsError({ status: 404, headers: { 'x-amz-request-id': 'H' }, body: new Uint8Array() }, { operation: 'HEAD /b/k' });
    expect(e).toMatchObject({ code: 'NotFound', bodyKind: 'empty', requestId: 'H' });
    expect(e.message).toBe('HEAD /b/k failed: NotFound (HTTP 404 Not Found): HTTP 404 not found (the server sent no error message) [request id H]');
  });

  it('HTML from a proxy: status code, retryable, short excerpt', () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>${'x'.repeat(5000)}</body></html>`;
    const e = parseAwsError({ status: 502, headers: { 'content-type': 'text/html' }, body: html }, { operation: 'sts:GetCallerIdentity', attempts: 3 });
    expect(e).toMatchObject({ code: 'BadGateway', bodyKind: 'unparsed', retryable: true, fault: 'server', attempts: 3 });
    expect(e.message).toBe('sts:GetCallerIdentity failed: BadGateway (HTTP 502 Bad Gateway, after 3 attempts): the server sent an unexpected text/html body: "502 Bad Gateway"');
  });

  it('throttling, transient and clock-skew classification', () => {
    expect(parseAwsError({ status: 503, headers: {}, body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>' })).toMatchObject({ throttling: true, retryable: true });
    expect(parseAwsError({ status: 403, headers: {}, body: '<Error><Code>RequestTimeTooSkewed</Code><Message>m</Message></Error>' })).toMatchObject({ clockSkew: true, retryable: true });
    expect(parseAwsError({ status: 400, headers: {}, body: '<Error><Code>RequestTimeout</Code><Message>m</Message></Error>' })).toMatchObject({ retryable: true, throttling: false });
    expect(parseAwsError({ status: 409, headers: {}, body: '<Error><Code>BucketNotEmpty</Code><Message>m</Message></Error>' })).toMatchObject({ retryable: false });
  });

  it('SignatureDoesNotMatch: signature and token never in message, details or inspect; raw body kept apart', () => {
    const body = xml(`<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><AWSAccessKeyId>AKIDEXAMPLE</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/s3/aws4_request\nabc</StringToSign><SignatureProvided>${SIG}</SignatureProvided><CanonicalRequest>GET\n/\n\nhost:x\nx-amz-security-token:${TOKEN}\n</CanonicalRequest><StringToSignBytes>41 57</StringToSignBytes></Error>`);
    const e = parseAwsError({ status: 403, headers: {}, body });
    const visible = `${e.message}\n${JSON.stringify(e)}\n${inspect(e, { depth: 5 })}\n${String(e)}`;
    expect(visible).not.toContain(SIG);
    expect(visible).not.toContain(TOKEN);
    expect(Object.keys(e.details).sort()).toEqual(['AWSAccessKeyId', 'StringToSign']);
    expect(e.rawBody()).toContain(SIG);
  });

  it('redacts signatures and tokens that a server or proxy echoes', () => {
    const e = parseAwsError({ status: 400, headers: {}, body: `<html><body>bad url ?X-Amz-Signature=${SIG}&X-Amz-Security-Token=${TOKEN}</body></html>` });
    expect(e.message).not.toContain(SIG);
    expect(e.message).not.toContain(TOKEN.slice(0, 30));
    expect(e.message).toContain('[redacted]');
    const m = parseAwsError({ status: 400, headers: {}, body: `<Error><Code>X</Code><Message>sig ${SIG} token ${TOKEN}</Message></Error>` });
    expect(`${m.message}${m.serviceMessage}`).not.toMatch(new RegExp(`${SIG}|${TOKEN}`));
  });

  it('broken XML, binary garbage, odd codes and odd statuses', () => {
    expect(parseAwsError({ status: 500, headers: {}, body: '<Error><Code>Acc' })).toMatchObject({ code: 'InternalServerError', bodyKind: 'unparsed' });
    const bin = parseAwsError({ status: 400, headers: {}, body: Uint8Array.from([0, 1, 2, 0xff, 0xfe, 0x3c, 0x80]) });
    expect(bin).toMatchObject({ code: 'BadRequest', bodyKind: 'unparsed' });
    expect([...bin.message].some((ch) => ch.charCodeAt(0) < 0x09)).toBe(false);
    expect(parseAwsError({ status: 400, headers: {}, body: '<Error><Code>bad code!</Code><Message>m</Message></Error>' }).code).toBe('BadRequest');
    expect(parseAwsError({ status: 599, headers: {}, body: '' }).code).toBe('Http599');
    expect(parseAwsError({ status: 400, headers: {}, body: '<Other><Code>X</Code></Other>' })).toMatchObject({ code: 'BadRequest', bodyKind: 'unparsed' });
  });

  it('sanitizeErrorCode strips namespace and URL suffix', () => {
    expect(sanitizeErrorCode('aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/')).toBe('FooError');
    expect(sanitizeErrorCode(' FooError ')).toBe('FooError');
    expect(sanitizeErrorCode('a#b#C')).toBe('C');
  });
});

describe('parseAwsError fuzz (seeded)', () => {
  const corpus = [
    '<Error><Code>AccessDenied</Code><Message></Message></Error>',
    '<ErrorResponse><Error><Type>Sender</Type><Code>X</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    '<Response><Errors><Error><Code>Y</Code></Error></Errors><RequestID>r</RequestID></Response>',
    '{"__type":"a#B:c","message":"m"}',
    '<html><title>t</title></html>',
  ];
  const check = (status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void => {
    const e = parseAwsError({ status, headers, body });
    expect(isAwsServiceError(e)).toBe(true);
    expect(e.code).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
    expect(e.message.length).toBeLessThan(3000);
    expect(`${e.message} ${inspect(e, { depth: 6 })} ${JSON.stringify(e)}`).not.toContain(SIG);
  };

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 100, max: 599 }), fc.uint8Array({ maxLength: 512 }), (s, b) => check(s, b)), { seed: 20261123, numRuns: 400 });
  });

  it('never throws on random strings and header values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 80 }), (s, b, h) =>
        check(s, b, { 'x-amzn-errortype': h, 'x-amz-request-id': h }),
      ),
      { seed: 7, numRuns: 400 },
    );
  });

  it('never throws on mutated AWS error documents, and never leaks a planted signature', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), (doc, at, cut, junk) => {
        const i = at % (doc.length + 1);
        const mutated = doc.slice(0, i) + junk + SIG + doc.slice(i, doc.length - (cut % 5));
        check(403, mutated);
      }),
      { seed: 99, numRuns: 400 },
    );
  });
});
