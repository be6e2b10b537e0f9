import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { explainSignatureMismatch } from './explain-signature-mismatch.js';
import { presignUrl } from './presign.js';
import { signRequest } from './sign.js';
import type { SignOptions } from './types.js';
import { verifyRequest, type VerifiableRequest, type VerifyOptions, type VerifyResult } from './verify-request.js';
import { timingSafeEqualString } from './verify-timing-safe-equal.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const secrets = new Map([[credentials.accessKeyId, credentials.secretAccessKey]]);
const date = new Date('2024-03-01T10:00:00Z');
const base: SignOptions = { credentials, region: 'us-east-1', service: 's3', date };
const verifyOpts: VerifyOptions = { lookupSecret: (id) => secrets.get(id), now: new Date(date.getTime() + 60_000) };

const reasonOf = (r: VerifyResult): string => (r.valid ? 'VALID' : r.reason);
const signed = (req: { method: string; url: string; headers?: Record<string, string>; body?: string }, opts: Partial<SignOptions> = {}): VerifiableRequest => {
  const result = signRequest(req, { ...base, ...opts });
  return { method: req.method, url: req.url, headers: result.headers, ...(req.body !== undefined ? { body: req.body } : {}) };
};

interface Example {
  id: string; auth: string;
  input: { host: string; path: string; rawQuery?: string; method: string; amzDate: string; headers: Record<string, string>; body?: string;
    credentials: { accessKeyId: string; secretAccessKey: string } };
  expected: { authorization?: string; url?: string };
}
const examples = (JSON.parse(readFileSync(new URL('../test/fixtures/s3-examples.json', import.meta.url), 'utf8')) as { examples: Example[] }).examples;

describe('verifyRequest: published S3 examples', () => {
  for (const ex of examples.filter((e) => e.auth === 'header' || e.auth === 'query')) {
    it(`accepts ${ex.id}`, async () => {
      const { input } = ex;
      const when = new Date(`${input.amzDate.slice(0, 4)}-${input.amzDate.slice(4, 6)}-${input.amzDate.slice(6, 8)}T00:01:00Z`);
      const request: VerifiableRequest = ex.auth === 'query'
        ? { method: input.method, url: ex.expected.url as string, headers: input.headers }
        : {
            method: input.method,
            url: `https://${input.host}${input.path}${input.rawQuery !== undefined ? `?${input.rawQuery}` : ''}`,
            headers: { ...input.headers, Authorization: ex.expected.authorization as string },
            ...(input.body !== undefined ? { body: input.body } : {}),
          };
      const result = await verifyRequest(request, { lookupSecret: () => input.credentials.secretAccessKey, now: when, region: 'us-east-1', service: 's3' });
      expect(result).toMatchObject({ valid: true, accessKeyId: input.credentials.accessKeyId, kind: ex.auth === 'query' ? 'presigned' : 'header' });
    });
  }
});

/** Parses a raw HTTP request of the v4 suite: request line, headers (with continuation lines), blank line, body. */
function parseRawRequest(text: string, host: string): VerifiableRequest {
  const [head = '', ...rest] = text.split('\n\n');
  const [requestLine = '', ...headerLines] = head.split('\n');
  const [method = '', target = ''] = requestLine.replace(/ HTTP\/1\.1$/, '').split(/ (.*)/s);
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of headerLines) {
    if (/^\s/.test(line) && last !== undefined) {
      last[last.length - 1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    last = headers[line.slice(0, colon)] ??= [];
    last.push(line.slice(colon + 1));
  }
  const body = rest.join('\n\n');
  return { method, url: `https://${host}${target}`, headers, ...(body !== '' ? { body } : {}) };
}

describe('verifyRequest: the signed requests of the AWS v4 suite', () => {
  const dir = new URL('../test/fixtures/v4/', import.meta.url);
  for (const name of readdirSync(dir)) {
    const context = JSON.parse(readFileSync(new URL(`${name}/context.json`, dir), 'utf8')) as {
      credentials: { access_key_id: string; secret_access_key: string; token?: string }; timestamp: string; normalize: boolean;
    };
    const opts: VerifyOptions = {
      lookupSecret: (id) => (id === context.credentials.access_key_id ? context.credentials.secret_access_key : undefined),
      now: new Date(Date.parse(context.timestamp) + 60_000),
      s3: !context.normalize,
      region: 'us-east-1',
      service: 'service',
    };
    for (const kind of ['header', 'query'] as const) {
      it(`${name} (${kind})`, async () => {
        const request = parseRawRequest(readFileSync(new URL(`${name}/${kind}-signed-request.txt`, dir), 'utf8'), 'example.amazonaws.com');
        const result = await verifyRequest(request, opts);
        // post-sts-header-after attaches the token after signing: in a URL that is an unsigned query parameter.
        expect(reasonOf(result)).toBe(name === 'post-sts-header-after' && kind === 'query' ? 'SIGNATURE_MISMATCH' : 'VALID');
      });
    }
  }
});

describe('verifyRequest: what our signer produces verifies'
, () => {
  const cases: Array<[string, Parameters<typeof signed>[0], Partial<SignOptions>]> = [
    ['GET object', { method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/photos/cat.jpg' }, {}],
    ['unicode and reserved characters in the key', { method: 'GET', url: "https://b.s3.amazonaws.com/ünï/cödé +*~'()!$&=; x.txt" }, {}],
    ['repeated and empty query values', { method: 'GET', url: 'https://b.s3.amazonaws.com/?list-type=2&prefix=&a=2&a=1&delimiter=%2F' }, {}],
    ['PUT with body and metadata', { method: 'PUT', url: 'https://b.s3.amazonaws.com/k', headers: { 'x-amz-meta-Tag': '  a   b ', 'content-type': 'text/plain' }, body: 'hello' }, {}],
    ['session token', { method: 'GET', url: 'https://b.s3.amazonaws.com/k' }, { credentials: { ...credentials, sessionToken: 'FwoGZXIvYXdzEXAMPLE//token' } }],
    ['non-S3 service with dot segments', { method: 'POST', url: 'https://sts.amazonaws.com/a/./b/../c', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' }, { service: 'sts' }],
    ['UNSIGNED-PAYLOAD', { method: 'PUT', url: 'https://b.s3.amazonaws.com/big' }, { payloadHash: 'UNSIGNED-PAYLOAD' }],
  ];
  for (const [name, req, opts] of cases) {
    it(`header: ${name}`, async () => {
      const result = await verifyRequest(signed(req, opts), verifyOpts);
      expect(reasonOf(result)).toBe('VALID');
    });
    it(`presigned: ${name}`, async () => {
      const p = presignUrl(req, { ...base, ...opts, expiresIn: 900 });
      const result = await verifyRequest({ method: req.method, url: p.url, headers: p.headers, ...(req.body !== undefined ? { body: req.body } : {}) }, verifyOpts);
      expect(result).toMatchObject({ valid: true, kind: 'presigned', expiresAt: new Date(date.getTime() + 900_000) });
    });
  }
});

describe('verifyRequest: each tampering yields its reason', () => {
  const url = 'https://examplebucket.s3.amazonaws.com/photos/cat.jpg';
  const good = (): VerifiableRequest => signed({ method: 'PUT', url, headers: { 'x-amz-meta-owner': 'alice' }, body: 'data' });
  const withHeaders = (r: VerifiableRequest, change: (h: Record<string, string>) => void): VerifiableRequest => {
    const headers = { ...(r.headers as Record<string, string>) };
    change(headers);
    return { ...r, headers };
  };

  it('SIGNATURE_MISMATCH for a changed header value, and the result feeds explain', async () => {
    const r = await verifyRequest(withHeaders(good(), (h) => { h['x-amz-meta-owner'] = 'mallory'; }), verifyOpts);
    expect(reasonOf(r)).toBe('SIGNATURE_MISMATCH');
    if (r.valid || r.canonicalRequest === undefined) throw new Error('expected a mismatch with a canonical request');
    expect(r.detail).not.toContain(credentials.secretAccessKey);
    // Our verifier's canonical request, wrapped as S3 would, explains the client's view.
    const client = signRequest({ method: 'PUT', url, headers: { 'x-amz-meta-owner': 'alice' }, body: 'data' }, base);
    const body = `<Error><Code>SignatureDoesNotMatch</Code><StringToSign>${r.stringToSign}</StringToSign><CanonicalRequest>${r.canonicalRequest}</CanonicalRequest></Error>`;
    expect(explainSignatureMismatch(body, client).causes.map((c) => c.kind)).toEqual(['HEADER_VALUE_CHANGED']);
  });

  it('SIGNATURE_MISMATCH for a changed path, query, method or signature', async () => {
    expect(reasonOf(await verifyRequest({ ...good(), url: `${url}x` }, verifyOpts))).toBe('SIGNATURE_MISMATCH');
    expect(reasonOf(await verifyRequest({ ...good(), url: `${url}?acl` }, verifyOpts))).toBe('SIGNATURE_MISMATCH');
    expect(reasonOf(await verifyRequest({ ...good(), method: 'POST' }, verifyOpts))).toBe('SIGNATURE_MISMATCH');
    const flipped = withHeaders(good(), (h) => {
      const auth = h['authorization'] as string;
      h['authorization'] = auth.slice(0, -1) + (auth.endsWith('0') ? '1' : '0');
    });
    expect(reasonOf(await verifyRequest(flipped, verifyOpts))).toBe('SIGNATURE_MISMATCH');
  });

  it('PAYLOAD_HASH_MISMATCH for a changed body', async () => {
    expect(reasonOf(await verifyRequest({ ...good(), body: 'DATA' }, verifyOpts))).toBe('PAYLOAD_HASH_MISMATCH');
  });

  it('MISSING_SIGNED_HEADER when a signed header is dropped', async () => {
    const r = await verifyRequest(withHeaders(good(), (h) => { delete h['x-amz-meta-owner']; }), verifyOpts);
    expect(r).toMatchObject({ valid: false, reason: 'MISSING_SIGNED_HEADER' });
    expect(r.valid === false && r.detail).toContain('x-amz-meta-owner');
  });

  it('UNKNOWN_ACCESS_KEY, also through an async lookup', async () => {
    const r = await verifyRequest(good(), { ...verifyOpts, lookupSecret: async () => undefined });
    expect(r).toMatchObject({ valid: false, reason: 'UNKNOWN_ACCESS_KEY', accessKeyId: credentials.accessKeyId });
  });

  it('EXPIRED and NOT_YET_VALID around the clock-skew window (header auth)', async () => {
    const at = (ms: number): VerifyOptions => ({ ...verifyOpts, now: new Date(date.getTime() + ms) });
    expect(reasonOf(await verifyRequest(good(), at(15 * 60_000)))).toBe('VALID');
    expect(reasonOf(await verifyRequest(good(), at(15 * 60_000 + 1)))).toBe('EXPIRED');
    expect(reasonOf(await verifyRequest(good(), at(-15 * 60_000 - 1)))).toBe('NOT_YET_VALID');
    expect(reasonOf(await verifyRequest(good(), { ...at(20 * 60_000), clockSkewMs: 30 * 60_000 }))).toBe('VALID');
  });

  it('EXPIRED and NOT_YET_VALID for presigned URLs', async () => {
    const p = presignUrl({ method: 'GET', url }, { ...base, expiresIn: 60 });
    const req = { method: 'GET', url: p.url, headers: p.headers };
    const at = (ms: number): VerifyOptions => ({ ...verifyOpts, now: new Date(date.getTime() + ms) });
    expect(reasonOf(await verifyRequest(req, at(60_000)))).toBe('VALID');
    expect(reasonOf(await verifyRequest(req, at(60_001)))).toBe('EXPIRED');
    expect(reasonOf(await verifyRequest(req, at(-16 * 60_000)))).toBe('NOT_YET_VALID');
  });

  it('SCOPE_MISMATCH for an unexpected region or service', async () => {
    expect(reasonOf(await verifyRequest(good(), { ...verifyOpts, region: ['eu-west-1', 'eu-central-1'] }))).toBe('SCOPE_MISMATCH');
    expect(reasonOf(await verifyRequest(good(), { ...verifyOpts, region: 'us-east-1', service: 'sqs' }))).toBe('SCOPE_MISMATCH');
    const otherDay = withHeaders(good(), (h) => { h['x-amz-date'] = '20240302T100000Z'; });
    expect(reasonOf(await verifyRequest(otherDay, { ...verifyOpts, now: new Date('2024-03-02T10:00:00Z') }))).toBe('SCOPE_MISMATCH');
  });

  it('INVALID_SECURITY_TOKEN when the token does not belong to the key', async () => {
    const r = signed({ method: 'GET', url }, { credentials: { ...credentials, sessionToken: 'token-A' } });
    const lookup = (token: string): VerifyOptions => ({ ...verifyOpts, lookupSecret: () => ({ secretAccessKey: credentials.secretAccessKey, sessionToken: token }) });
    expect(reasonOf(await verifyRequest(r, lookup('token-A')))).toBe('VALID');
    expect(reasonOf(await verifyRequest(r, lookup('token-B')))).toBe('INVALID_SECURITY_TOKEN');
  });

  it('keeps the session token and the secret out of a mismatch result', async () => {
    const token = 'FwoGZXIvYXdzEXAMPLEsessionTOKEN/+=';
    const r = signed({ method: 'GET', url, headers: { 'x-amz-meta-a': '1' } }, { credentials: { ...credentials, sessionToken: token } });
    const result = await verifyRequest(withHeaders(r, (h) => { h['x-amz-meta-a'] = '2'; }), verifyOpts);
    expect(reasonOf(result)).toBe('SIGNATURE_MISMATCH');
    const shown = `${inspect(result, { depth: 5 })}${JSON.stringify(result)}`;
    expect(shown).not.toContain(token);
    expect(shown).not.toContain(credentials.secretAccessKey);
    expect(shown).toContain('x-amz-security-token:<redacted #');
  });

  it('MALFORMED_AUTHORIZATION, UNSUPPORTED_ALGORITHM, MISSING_AUTHORIZATION, INVALID_DATE', async () => {
    const auth = (value: string): VerifiableRequest => withHeaders(good(), (h) => { h['authorization'] = value; });
    expect(reasonOf(await verifyRequest(auth('AWS4-HMAC-SHA256 Credential=AKID/20240301/us-east-1/s3/aws4_request'), verifyOpts))).toBe('MALFORMED_AUTHORIZATION');
    expect(reasonOf(await verifyRequest(auth('AWS4-HMAC-SHA256 Credential=AKID/20240301/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date;host, Signature=' + 'a'.repeat(64)), verifyOpts))).toBe('MALFORMED_AUTHORIZATION');
    expect(reasonOf(await verifyRequest(auth('AWS4-HMAC-SHA256 Credential=AKID/20240301/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=xyz'), verifyOpts))).toBe('MALFORMED_AUTHORIZATION');
    expect(reasonOf(await verifyRequest(auth('AWS AKID:c2lnbmF0dXJl'), verifyOpts))).toBe('UNSUPPORTED_ALGORITHM');
    expect(reasonOf(await verifyRequest({ method: 'GET', url }, verifyOpts))).toBe('MISSING_AUTHORIZATION');
    expect(reasonOf(await verifyRequest(withHeaders(good(), (h) => { h['x-amz-date'] = '2024-03-01T10:00:00Z'; }), verifyOpts))).toBe('INVALID_DATE');
    const p = presignUrl({ method: 'GET', url }, base);
    expect(reasonOf(await verifyRequest({ method: 'GET', url: p.url.replace('X-Amz-Expires=900', 'X-Amz-Expires=604801') }, verifyOpts))).toBe('MALFORMED_AUTHORIZATION');
  });
});

describe('verifyRequest over real HTTP', () => {
  it('verifies what fetch sent to a loopback server, and rejects a tampered copy', async () => {
    const seen: Array<VerifyResult> = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string | string[]] => e[1] !== undefined));
        verifyRequest({ method: req.method ?? 'GET', url: `http://${req.headers.host}${req.url}`, headers, body: Buffer.concat(chunks) },
          { lookupSecret: (id) => secrets.get(id), region: 'us-east-1', service: 's3' })
          .then((result) => {
            seen.push(result);
            res.writeHead(result.valid ? 200 : 403).end(result.valid ? 'ok' : result.reason);
          }, (e: unknown) => res.writeHead(500).end(String(e)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const target = `http://127.0.0.1:${port}/bucket/some key.txt?tagging=`;
      const now = new Date();
      const s = signRequest({ method: 'PUT', url: target, headers: { 'content-type': 'text/plain' }, body: 'payload' }, { ...base, date: now });
      const ok = await fetch(target, { method: 'PUT', headers: s.headers, body: 'payload' });
      expect(await ok.text()).toBe('ok');
      const bad = await fetch(target, { method: 'PUT', headers: { ...s.headers, 'content-type': 'text/html' }, body: 'payload' });
      expect(bad.status).toBe(403);
      expect(await bad.text()).toBe('SIGNATURE_MISMATCH');
      const p = presignUrl({ method: 'GET', url: target }, { ...base, date: now, expiresIn: 60 });
      expect((await fetch(p.url)).status).toBe(200);
      expect(seen.map(reasonOf)).toEqual(['VALID', 'SIGNATURE_MISMATCH', 'VALID']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('timingSafeEqualString', () => {
  it('compares whole strings', () => {
    expect(timingSafeEqualString('abc', 'abc')).toBe(true);
    expect(timingSafeEqualString('abc', 'abd')).toBe(false);
    expect(timingSafeEqualString('abc', 'ab')).toBe(false);
    expect(timingSafeEqualString('', '')).toBe(true);
  });
});
