// Bad input gets a typed error with a stable code before any network call: every case runs against a loopback
// server that counts TCP connections, and the count must stay 0.
import { createClient, isClientError } from '@rawaws/client';
import { fromContainer, fromIni, isAllowedContainerUrl, isCredentialsError, loadProfileSettings } from '@rawaws/credentials';
import { createTransport, isHttpError } from '@rawaws/http';
import { createS3Client, isS3Error, sseCKey, type SseCKey } from '@rawaws/s3';
import { isSigV4Error, presignUrl, signRequest } from '@rawaws/sigv4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../src/counting-server.js';
import { formatFigures } from '../src/format-figures.js';
import { tempHome } from './temp-home.js';

const creds = { accessKeyId: 'AKIDBADINPUT', secretAccessKey: 'bad-input-secret-key-0123456789' };
let server: CountingServer;
beforeAll(async () => {
  server = await startCountingServer();
});
afterAll(async () => {
  await server.close();
});

type Guard = (e: unknown) => e is Error & { code: string };
const tally: Record<string, number> = {};
let connectionsDuringRefusals = 0;

/** Runs `fn`, expects a typed error with `code` and no connection to the counting server. */
async function refused(label: string, guard: Guard, code: string, fn: () => unknown, mention?: string): Promise<Error & { code: string }> {
  const before = server.connections();
  let err: unknown;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  expect(err, `${label}: expected an error`).toBeDefined();
  expect(guard(err), `${label}: typed error, got ${String(err)}`).toBe(true);
  const e = err as Error & { code: string };
  expect(e.code, `${label}: ${e.message}`).toBe(code);
  if (mention !== undefined) expect(e.message, label).toContain(mention);
  connectionsDuringRefusals += server.connections() - before;
  expect(server.connections(), `${label}: no connection`).toBe(before);
  tally[code] = (tally[code] ?? 0) + 1;
  return e;
}

const s3 = () => createS3Client({ endpoint: server.url, region: 'us-east-1', credentials: creds, forcePathStyle: true, allowInsecureSseC: true });

describe('S3 input', () => {
  let client: ReturnType<typeof s3>;
  beforeAll(() => {
    client = s3();
  });
  afterAll(() => client.close());

  it('invalid bucket names, for every kind of call', async () => {
    const names = ['ab', 'a'.repeat(64), 'Upper', 'under_score', '-start', 'end-', 'a..b', '192.168.1.10', 'xn--punycode', 'sthree-x', 'b-s3alias', 'b--ol-s3', 'spa ce', 'dot.-dash', ''];
    for (const bucket of names) {
      await refused(`putObject ${bucket}`, isS3Error, 'S3_INVALID_BUCKET_NAME', () => client.putObject({ bucket, key: 'k', body: 'x' }));
      await refused(`getObject ${bucket}`, isS3Error, 'S3_INVALID_BUCKET_NAME', () => client.getObject({ bucket, key: 'k' }));
      await refused(`createBucket ${bucket}`, isS3Error, 'S3_INVALID_BUCKET_NAME', () => client.createBucket({ bucket }));
      await refused(`presign ${bucket}`, isS3Error, 'S3_INVALID_BUCKET_NAME', () => client.presignGetObject({ bucket, key: 'k' }));
    }
  });

  it('empty keys, keys over 1,024 bytes, lone surrogates', async () => {
    const bad = ['', 'é'.repeat(513), 'k'.repeat(1025), 'a\ud800b'];
    for (const key of bad) {
      const e = await refused(`putObject key length ${key.length}`, isS3Error, 'S3_INVALID_KEY', () => client.putObject({ bucket: 'bucket', key, body: 'x' }));
      expect(e.message.length).toBeLessThan(600); // names the problem, does not echo a 1 KiB key
      await refused('upload', isS3Error, 'S3_INVALID_KEY', () => client.upload({ bucket: 'bucket', key, body: 'x' }));
      await refused('deleteObject', isS3Error, 'S3_INVALID_KEY', () => client.deleteObject({ bucket: 'bucket', key }));
      await refused('presignPut', isS3Error, 'S3_INVALID_KEY', () => client.presignPutObject({ bucket: 'bucket', key }));
    }
    // the boundary is exact: 1,024 bytes do go out
    const before = server.requests();
    await client.putObject({ bucket: 'bucket', key: 'é'.repeat(512), body: 'x' });
    expect(server.requests()).toBe(before + 1);
  });

  it('SSE-C keys of the wrong length, including a hand-made key object', async () => {
    for (const bytes of [new Uint8Array(16), new Uint8Array(31), new Uint8Array(33), new Uint8Array(0)]) {
      await refused(`sseCKey(${bytes.length} bytes)`, isS3Error, 'S3_INVALID_SSE_C_KEY', () => sseCKey(bytes));
    }
    await refused('sseCKey(base64 of 24 bytes)', isS3Error, 'S3_INVALID_SSE_C_KEY', () => sseCKey(Buffer.alloc(24).toString('base64')));
    // e.g. a key object rebuilt from JSON: it has no key bytes behind it
    const forged = { algorithm: 'AES256', keyMd5: 'AAAAAAAAAAAAAAAAAAAAAA==' } as SseCKey;
    await refused('putObject with a forged key object', isS3Error, 'S3_INVALID_SSE_C_KEY', () => client.putObject({ bucket: 'bucket', key: 'k', body: 'x', sseC: forged }));
    await refused('presignPut with a forged key object', isS3Error, 'S3_INVALID_SSE_C_KEY', () => client.presignPutObject({ bucket: 'bucket', key: 'k', sseC: forged }));
  });

  it('presign expiry over 7 days, not whole seconds, or beyond the credentials', async () => {
    for (const expiresIn of [604_801, 0, -1, 1.5, Number.NaN]) {
      await refused(`expiresIn ${expiresIn}`, isS3Error, 'S3_INVALID_EXPIRY', () => client.presignGetObject({ bucket: 'bucket', key: 'k', expiresIn }));
    }
    const now = new Date('2026-11-23T00:00:00Z');
    const shortLived = createS3Client({
      endpoint: server.url, region: 'us-east-1', forcePathStyle: true,
      credentials: { ...creds, sessionToken: 'bad-input-session-token-0123456789', expiration: new Date(now.getTime() + 600_000) },
    });
    const e = await refused('beyond the credentials', isS3Error, 'S3_INVALID_EXPIRY', () => shortLived.presignPutObject({ bucket: 'bucket', key: 'k', expiresIn: 3600, date: now }), '600 s');
    expect(e.message).not.toContain('bad-input-session-token');
    await refused('sigv4 presignUrl over 7 days', isSigV4Error, 'SIGV4_INVALID_EXPIRY', () =>
      presignUrl({ method: 'GET', url: `${server.url}/b/k` }, { credentials: creds, region: 'us-east-1', service: 's3', expiresIn: 604_801 }));
    await shortLived.close();
  });
});

describe('headers, config files and container URIs', () => {
  it('non-ASCII header names at every layer', async () => {
    for (const name of ['x-amz-meta-ü', 'naïve', 'has space', 'a\r\nb', '']) {
      await refused(`signRequest ${name}`, isSigV4Error, 'SIGV4_INVALID_HEADER_NAME', () =>
        signRequest({ method: 'GET', url: `${server.url}/b/k`, headers: { [name]: 'v' } }, { credentials: creds, region: 'us-east-1', service: 's3' }));
      const transport = createTransport();
      await refused(`transport ${name}`, isHttpError, 'ERR_INVALID_REQUEST', () => transport.send({ method: 'GET', url: server.url, headers: { [name]: 'v' } }));
      const client = createClient({ service: 's3', region: 'us-east-1', endpoint: server.url, credentials: creds, transport });
      // the client validates through its transport before signing or connecting
      await refused(`client.send ${name}`, isHttpError, 'ERR_INVALID_REQUEST', () => client.send({ method: 'GET', path: '/b/k', headers: { [name]: 'v' } }), 'Invalid header name');
      await transport.close();
    }
  });

  it('malformed config files: file and line, before any request', async () => {
    const cases: [string, string, number][] = [
      ['[profile dev\nregion = us-east-1\n', 'config', 1],
      ['[profile dev]\nregion us-east-1\n', 'config', 2],
      ['aws_access_key_id = AKID\n[default]\n', 'credentials', 1],
      ['[default]\naws_access_key_id = AKID\naws_secret_access_key\n', 'credentials', 3],
    ];
    for (const [text, which, line] of cases) {
      const home = tempHome(which === 'config' ? { config: text } : { credentials: text });
      try {
        const env = home.env({ AWS_PROFILE: 'dev' });
        const e = await refused(`fromIni ${JSON.stringify(text)}`, isCredentialsError, 'CREDENTIALS_CONFIG_PARSE', () => fromIni({ env })());
        expect((e as unknown as { line?: number }).line).toBe(line);
        expect(e.message).toContain(which);
        await refused('loadProfileSettings', isCredentialsError, 'CREDENTIALS_CONFIG_PARSE', () => loadProfileSettings({ env }));
        const client = createS3Client({ endpoint: server.url, region: 'us-east-1', forcePathStyle: true, env });
        const wrapped = await refused('s3 call with the default chain', isClientError, 'CLIENT_CREDENTIALS', () => client.headBucket({ bucket: 'bucket' }));
        expect(isCredentialsError(wrapped.cause) && wrapped.cause.code).toBe('CREDENTIALS_CONFIG_PARSE');
        await client.close();
      } finally {
        home.cleanup();
      }
    }
  });

  it('hostile container-credential URIs are refused', async () => {
    const p = server.port;
    const full = [
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/role',
      `http://user:pass@127.0.0.1:${p}/creds`,
      'http://evil.example.com/creds',
      `http://127.0.0.1.nip.io:${p}/creds`,
      `http://0.0.0.0:${p}/creds`,
      'http://[::ffff:169.254.169.254]/creds',
      'http://169.254.170.2.evil.example/creds',
      `file:///etc/passwd`,
      `ftp://127.0.0.1:${p}/creds`,
      'not a url',
    ];
    for (const uri of full) {
      const e = await refused(`FULL_URI ${uri}`, isCredentialsError, 'CREDENTIALS_CONTAINER_URI_REFUSED', () =>
        fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-token-secret-0123' } })());
      expect(e.message).not.toContain('pass');
      expect(e.message).not.toContain('container-token-secret');
    }
    // A relative URI always goes to 169.254.170.2 (no request is made here: that would leave loopback).
    expect(isAllowedContainerUrl(new URL('http://169.254.169.254/'))).toBe(false);
    expect(isAllowedContainerUrl(new URL(`http://127.0.0.1:${p}/`))).toBe(true);
  });
});

afterAll(() => {
  console.log(formatFigures('Bad input refused before any network call (typed error, stable code, 0 connections)', { ...tally, 'refused calls': Object.values(tally).reduce((a, b) => a + b, 0), 'connections they made': connectionsDuringRefusals, 'connections of the one valid control call': server.connections() }));
});
