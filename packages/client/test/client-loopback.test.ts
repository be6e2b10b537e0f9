import { afterEach, describe, expect, it } from 'vitest';
import { createTransport } from '@rawaws/http';
import { verifyRequest } from '@rawaws/sigv4';
import { createClient, isAwsServiceError, isClientError, type AwsClient } from '../src/index.js';
import { isolatedEnv, reply, startLoopback, type LoopbackServer } from './loopback-server.js';

const creds = { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback/secret/key/never/in/messages00' };
const stsOk = (action: string, inner: string) =>
  `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`;

let server: LoopbackServer | undefined;

/** Checks the signature of a request as the server received it, with the verifier of @rawaws/sigv4. */
const verified = async (seen: LoopbackServer['seen'][number], endpoint: string) => {
  const headers = Object.fromEntries(Object.entries(seen.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const r = await verifyRequest({ method: seen.method, url: endpoint + seen.url, headers, body: seen.body }, { lookupSecret: () => creds.secretAccessKey });
  return r.valid ? `valid ${r.service}/${r.region}` : `invalid: ${r.reason} ${r.detail}`;
};
let client: AwsClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

const fastTransport = () => createTransport({ env: isolatedEnv(), sleep: () => Promise.resolve() });

describe('createClient against a loopback server', () => {
  it('Query POST: form body, content type, signature scope, parsed <ActionResult> and $metadata', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, stsOk('GetCallerIdentity', '<Arn>arn:aws:iam::123:user/a</Arn><Account>123</Account>')));
    client = createClient({ service: 'sts', region: 'eu-west-3', endpoint: server.endpoint, credentials: creds, env: isolatedEnv() });
    const r = await client.query('GetCallerIdentity', {}, { version: '2011-06-15' });
    expect(r).toMatchObject({ Arn: 'arn:aws:iam::123:user/a', Account: '123' });
    expect(r.$metadata).toEqual({ httpStatusCode: 200, requestId: 'req-GetCallerIdentity', attempts: 1 });
    const seen = server.seen[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/');
    expect(seen.body).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(seen.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDLOOPBACK\/\d{8}\/eu-west-3\/sts\/aws4_request, SignedHeaders=[a-z0-9;-]*content-type;host;x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    expect(seen.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    await expect(verified(seen, server.endpoint)).resolves.toBe('valid sts/eu-west-3');
    await expect(verified({ ...seen, body: `${seen.body}&x=1` }, server.endpoint)).resolves.toMatch(/^invalid/);
  });

  it('Query GET: parameters in the signed query string, flattened lists', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, stsOk('ListThings', '<Things><member>a</member></Things>')));
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv() });
    const r = await client.query('ListThings', { Names: ['x y', 'z'] }, { version: '2011-06-15', method: 'GET', arrays: ['member'] });
    expect(r.Things).toEqual({ member: ['a'] });
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/?Action=ListThings&Version=2011-06-15&Names.member.1=x%20y&Names.member.2=z', body: '' });
    expect(server.seen[0]!.headers.authorization).toContain('/us-east-1/sts/aws4_request');
    await expect(verified(server.seen[0]!, server.endpoint)).resolves.toBe('valid sts/us-east-1');
  });

  it('JSON 1.1: X-Amz-Target, content type, body and parsed result', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, '{"KeyId":"k1","Enabled":true}', { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'J-1' }));
    client = createClient({ service: 'kms', region: 'us-west-2', endpoint: server.endpoint, credentials: creds, env: isolatedEnv() });
    const r = await client.json('DescribeKey', { KeyId: 'alias/x', At: new Date(Date.UTC(2020, 0, 1)) }, { jsonVersion: '1.1', targetPrefix: 'TrentService' });
    expect(r).toMatchObject({ KeyId: 'k1', Enabled: true, $metadata: { requestId: 'J-1', httpStatusCode: 200 } });
    const seen = server.seen[0]!;
    expect(seen.headers['x-amz-target']).toBe('TrentService.DescribeKey');
    expect(seen.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(seen.body).toBe('{"KeyId":"alias/x","At":1577836800}');
    expect(seen.headers.authorization).toContain('x-amz-target');
    await expect(verified(seen, server.endpoint)).resolves.toBe('valid kms/us-west-2');
  });

  it('REST-XML: serialised body, bindings from the caller, parsed response', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, '<R><Item><Id>1</Id></Item></R>'));
    client = createClient({ service: 'route53', region: 'us-east-1', endpoint: `${server.endpoint}/base`, credentials: creds, env: isolatedEnv() });
    const r = await client.rest({ protocol: 'rest-xml', method: 'POST', path: '/2013-04-01/hostedzone', query: { marker: 'a b' }, headers: { 'x-custom': '1' }, xmlRoot: 'CreateHostedZoneRequest', xmlns: 'https://route53.amazonaws.com/doc/2013-04-01/', body: { Name: 'example.com', CallerReference: 'r&1' }, arrays: ['Item'] });
    expect(r.body).toEqual({ R: { Item: [{ Id: '1' }] } });
    const seen = server.seen[0]!;
    expect(seen.url).toBe('/base/2013-04-01/hostedzone?marker=a%20b');
    expect(seen.headers['content-type']).toBe('application/xml');
    expect(seen.headers['x-custom']).toBe('1');
    await expect(verified(seen, server.endpoint)).resolves.toBe('valid route53/us-east-1');
    expect(seen.body).toBe('<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>example.com</Name><CallerReference>r&amp;1</CallerReference></CreateHostedZoneRequest>');
  });

  it('REST-JSON: JSON body with content type; empty response body is undefined', async () => {
    server = await startLoopback((_req, res) => { res.writeHead(204); res.end(); });
    client = createClient({ service: 'lambda', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv() });
    const r = await client.rest({ protocol: 'rest-json', method: 'PUT', path: '/2015-03-31/functions/f/concurrency', body: { ReservedConcurrentExecutions: 5 } });
    expect(r).toMatchObject({ status: 204, body: undefined });
    expect(server.seen[0]!.body).toBe('{"ReservedConcurrentExecutions":5}');
    expect(server.seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('every attempt is re-signed with fresh credentials from the provider', async () => {
    server = await startLoopback((_req, res, i) =>
      i === 0 ? reply(res, 503, '<Error><Code>SlowDown</Code><Message>busy</Message></Error>') : reply(res, 200, stsOk('GetSessionToken', '<Credentials/>')),
    );
    let calls = 0;
    const provider = () => Promise.resolve({ accessKeyId: `AKIDATTEMPT${++calls}`, secretAccessKey: creds.secretAccessKey });
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: provider, env: isolatedEnv(), transport: fastTransport() });
    const r = await client.query('GetSessionToken', {}, { version: '2011-06-15' });
    expect(r.$metadata.attempts).toBe(2);
    expect(calls).toBe(2);
    expect(server.seen.map((s) => /Credential=(\w+)\//.exec(String(s.headers.authorization))?.[1])).toEqual(['AKIDATTEMPT1', 'AKIDATTEMPT2']);
    expect(server.seen[0]!.headers.authorization).not.toBe(server.seen[1]!.headers.authorization);
  });

  it("signs with the transport's skew-corrected clock after a RequestTimeTooSkewed answer", async () => {
    const serverAhead = 2 * 3600_000;
    server = await startLoopback((_req, res, i) => {
      const date = new Date(Date.now() + serverAhead).toUTCString();
      if (i === 0) reply(res, 403, '<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error>', { date });
      else reply(res, 200, stsOk('GetSessionToken', ''), { date });
    });
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv(), transport: fastTransport() });
    const r = await client.query('GetSessionToken', {}, { version: '2011-06-15' });
    expect(r.$metadata.attempts).toBe(2);
    const dates = server.seen.map((s) => Date.parse(String(s.headers['x-amz-date']).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')));
    expect(Math.abs(dates[1]! - dates[0]! - serverAhead)).toBeLessThan(5_000);
  });

  it('a caller-supplied transport is not closed by client.close()', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, stsOk('GetCallerIdentity', '')));
    const transport = fastTransport();
    const c = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv(), transport });
    await c.close();
    const again = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv(), transport });
    await expect(again.query('GetCallerIdentity', {}, { version: '2011-06-15' })).resolves.toBeDefined();
    await transport.close();
  });

  it('non-2xx after retries: AwsServiceError with code, request id, operation, attempts; no secret in it', async () => {
    server = await startLoopback((_req, res) =>
      reply(res, 403, '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message></Message><RequestId>tx-1</RequestId><HostId>h-1</HostId></Error>', { 'x-amz-request-id': 'tx-1' }),
    );
    client = createClient({ service: 'iam', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv() });
    const err = await client.query('ListRoles', {}, { version: '2010-05-08' }).catch((e: unknown) => e);
    expect(isAwsServiceError(err)).toBe(true);
    expect(err).toMatchObject({ status: 403, code: 'AccessDenied', requestId: 'tx-1', hostId: 'h-1', operation: 'iam:ListRoles', attempts: 1 });
    expect(String((err as Error).message)).toBe('iam:ListRoles failed: AccessDenied (HTTP 403 Forbidden): access denied: check the credentials and their permissions for this operation (the server sent no error message) [request id tx-1]');
    expect(JSON.stringify(err) + String(err)).not.toContain(creds.secretAccessKey);
    expect(server.seen).toHaveLength(1);
  });

  it('HTML from a proxy becomes a typed error with a short excerpt', async () => {
    server = await startLoopback((_req, res) => reply(res, 502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', { 'content-type': 'text/html' }));
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv(), transport: fastTransport() });
    const err = await client.query('GetCallerIdentity', {}, { version: '2011-06-15' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BadGateway', status: 502, bodyKind: 'unparsed', retryable: true, attempts: 3 });
    expect((err as Error).message).toContain('"502 Bad Gateway"');
  });

  it('expectedStatus lets 304/404 through send() untouched', async () => {
    server = await startLoopback((_req, res) => { res.writeHead(404); res.end(); });
    client = createClient({ service: 's3', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env: isolatedEnv() });
    const res = await client.send({ method: 'HEAD', path: '/b/k', expectedStatus: [200, 404] });
    expect(res.status).toBe(404);
    await res.text();
    expect(server.seen[0]!.headers['x-amz-content-sha256']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('without a credentials option: the default chain of @rawaws/credentials (env keys here)', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, stsOk('GetCallerIdentity', '')));
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, env: isolatedEnv({ AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: 'SESSIONFROMENV' }) });
    await client.query('GetCallerIdentity', {}, { version: '2011-06-15' });
    expect(server.seen[0]!.headers.authorization).toContain('Credential=AKIDFROMENV/');
    expect(server.seen[0]!.headers['x-amz-security-token']).toBe('SESSIONFROMENV');
  });

  it('without credentials anywhere: CLIENT_CREDENTIALS explaining the chain, before any request', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, ''));
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, env: isolatedEnv() });
    const err = await client.query('GetCallerIdentity', {}, { version: '2011-06-15' }).catch((e: unknown) => e);
    expect(isClientError(err) && err.code).toBe('CLIENT_CREDENTIALS');
    expect((err as Error).message).toMatch(/CREDENTIALS_NOT_FOUND/);
    expect(server.seen).toHaveLength(0);
  });

  it('null credentials send unsigned requests', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, stsOk('AssumeRoleWithWebIdentity', '<X>1</X>')));
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: null, env: isolatedEnv() });
    await client.query('AssumeRoleWithWebIdentity', { WebIdentityToken: 't' }, { version: '2011-06-15' });
    expect(server.seen[0]!.headers.authorization).toBeUndefined();
  });

  it('resolves the endpoint from AWS_ENDPOINT_URL_<SERVICE> and the region from AWS_REGION', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, stsOk('GetCallerIdentity', '')));
    client = createClient({ service: 'sts', credentials: creds, env: isolatedEnv({ AWS_ENDPOINT_URL_STS: server.endpoint, AWS_REGION: 'ap-southeast-2' }) });
    const cfg = await client.resolveConfig();
    expect(cfg).toMatchObject({ region: 'ap-southeast-2', regionSource: 'env:AWS_REGION', endpointSource: 'env:AWS_ENDPOINT_URL_STS', signingRegion: 'ap-southeast-2' });
    const r = await client.query('GetCallerIdentity', {}, { version: '2011-06-15' });
    expect(r).toEqual({ $metadata: { httpStatusCode: 200, requestId: 'req-GetCallerIdentity', attempts: 1 } });
  });
});

describe('createClient: bad input fails before any network call', () => {
  it('missing region', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, ''));
    client = createClient({ service: 'sts', endpoint: server.endpoint, credentials: creds, env: isolatedEnv() });
    const err = await client.query('GetCallerIdentity', {}, { version: '2011-06-15' }).catch((e: unknown) => e);
    expect(isClientError(err) && err.code).toBe('CLIENT_MISSING_REGION');
    expect(server.seen).toHaveLength(0);
  });

  it('invalid region, endpoint, service, credentials, params, stream without hash', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, ''));
    const env = isolatedEnv();
    const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (isClientError(e) ? e.code : String(e)));
    await expect(codeOf(createClient({ service: 'sts', region: 'us east', endpoint: server.endpoint, credentials: creds, env }).resolveConfig())).resolves.toBe('CLIENT_INVALID_REGION');
    await expect(codeOf(createClient({ service: 'sts', region: 'us-east-1', endpoint: 'localhost:1', credentials: creds, env }).resolveConfig())).resolves.toBe('CLIENT_INVALID_ENDPOINT');
    expect(() => createClient({ service: 'Not A Service', env })).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_SERVICE' }));
    expect(() => createClient({ service: 'sts', credentials: { accessKeyId: 'a', secretAccessKey: '' }, env })).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_OPTION' }));
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: creds, env });
    await expect(codeOf(client.query('Bad Action', {}, { version: '2011-06-15' }))).resolves.toBe('CLIENT_INVALID_PARAMS');
    await expect(codeOf(client.send({ method: 'PUT', path: '/x', body: (async function* () { yield new Uint8Array(1); })() }))).resolves.toBe('CLIENT_INVALID_OPTION');
    await expect(codeOf(client.send({ method: 'GET', path: 'no-slash' }))).resolves.toBe('CLIENT_INVALID_OPTION');
    await expect(codeOf(client.json('X', {}, { jsonVersion: '2.0' as '1.0', targetPrefix: 'P' }))).resolves.toBe('CLIENT_INVALID_OPTION');
    expect(server.seen).toHaveLength(0);
  });

  it('a failing credential provider gives CLIENT_CREDENTIALS with the cause', async () => {
    server = await startLoopback((_req, res) => reply(res, 200, ''));
    const boom = Object.assign(new Error('no credentials here'), { code: 'CREDENTIALS_NOT_FOUND' });
    client = createClient({ service: 'sts', region: 'us-east-1', endpoint: server.endpoint, credentials: () => Promise.reject(boom), env: isolatedEnv() });
    const err = await client.query('GetCallerIdentity', {}, { version: '2011-06-15' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CLIENT_CREDENTIALS', cause: boom });
    expect((err as Error).message).toContain('CREDENTIALS_NOT_FOUND');
    expect(server.seen).toHaveLength(0);
  });
});
