// Runs the error paths and log lines reachable across the packages with known secrets, captures everything a
// program could print (errors and their causes, util.inspect, JSON, console output, transport events) and checks
// that no secret key, session token, signature or SSE-C key shows up.
import { inspect } from 'node:util';
import { createClient } from '@rawaws/client';
import { createCredentials, defaultCredentials, fromIni, fromStatic } from '@rawaws/credentials';
import { startFaultProxy } from '@rawaws/fault-proxy';
import { createTransport, redactUrl, type TransportEvent } from '@rawaws/http';
import { startImdsEmulator } from '@rawaws/imds-emulator';
import type { S3TestTarget } from '@rawaws/rgw/global-setup';
import { createS3Client, generateSseCKey, sseCKeyBytes, type S3Client } from '@rawaws/s3';
import { presignUrl, signRequest } from '@rawaws/sigv4';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { findSecrets } from '../src/find-secrets.js';
import { formatFigures } from '../src/format-figures.js';
import { tempHome } from './temp-home.js';

const target: S3TestTarget = inject('s3');
const WRONG_SECRET = 'wrongSecretKeyForTheChaosSuite0123456789';
const FAKE_TOKEN = 'IQoJb3JpZ2luX2VjEChaosSuiteSessionToken/0123456789+abcdefghij==';
const PROCESS_SECRET = 'processSecretPrintedByAHelper0123456789';
const sseKey = generateSseCKey();
const otherSseKey = generateSseCKey();
const sseForms = (k: typeof sseKey): string[] => {
  const raw = Buffer.from(sseCKeyBytes(k));
  return [raw.toString('base64'), raw.toString('hex'), raw.toString('base64url')];
};

/** Everything captured: errors, console lines, transport events, inspected objects. */
const captured: unknown[] = [];
const paths: Record<string, number> = {};
const capture = (path: string, ...values: unknown[]): void => {
  paths[path] = (paths[path] ?? 0) + values.length;
  captured.push(...values);
};
const events: TransportEvent[] = [];
const failure = async (fn: () => unknown): Promise<unknown> => {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

const consoleLines: unknown[][] = [];
let bucket: string;
let admin: S3Client;
beforeAll(async () => {
  // console output of the packages (default loggers) is captured for the scan; restored before the figures print
  for (const m of ['log', 'warn', 'error', 'info', 'debug'] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void consoleLines.push(args));
  }
  admin = createS3Client({ endpoint: target.endpoint, region: target.region, credentials: target, forcePathStyle: true, allowInsecureSseC: true });
  bucket = `secrets-${Date.now().toString(36)}`;
  await admin.createBucket({ bucket });
});
afterAll(async () => {
  const keys: string[] = [];
  for await (const o of admin.listObjects({ bucket })) keys.push(o.key);
  if (keys.length > 0) await admin.deleteObjects({ bucket, objects: keys });
  await admin.deleteBucket({ bucket });
  await admin.close();
});

describe('secrets never leak', () => {
  it('bad credentials against RGW (wrong secret, unknown session token)', async () => {
    const transport = createTransport({ onEvent: (e) => events.push(e) });
    const wrong = createS3Client({ endpoint: target.endpoint, region: target.region, credentials: { accessKeyId: target.accessKeyId, secretAccessKey: WRONG_SECRET }, forcePathStyle: true, transport });
    const e1 = await failure(() => wrong.putObject({ bucket, key: 'k', body: 'x' }));
    expect((e1 as { code?: string }).code).toBe('SignatureDoesNotMatch');
    const withToken = createS3Client({ endpoint: target.endpoint, region: target.region, credentials: { ...target, sessionToken: FAKE_TOKEN }, forcePathStyle: true, transport });
    const e2 = await failure(() => withToken.getObject({ bucket, key: 'k' }));
    const client = createClient({ service: 's3', region: target.region, endpoint: target.endpoint, credentials: { accessKeyId: target.accessKeyId, secretAccessKey: WRONG_SECRET, sessionToken: FAKE_TOKEN }, transport });
    const e3 = await failure(() => client.send({ method: 'GET', path: `/${bucket}` }));
    capture('bad credentials', e1, e2, e3, wrong, withToken, client, transport);
    await wrong.close();
    await withToken.close();
    await transport.close();
  });

  it('expired and tampered presigned URLs', async () => {
    const transport = createTransport({ onEvent: (e) => events.push(e) });
    const old = await admin.presignGetObject({ bucket, key: 'k', expiresIn: 1, date: new Date(Date.now() - 3600_000) });
    const res = await transport.send({ method: 'GET', url: old.url });
    expect(res.status).toBe(403);
    const body = await res.text();
    const { parseAwsError } = await import('@rawaws/client');
    // callers name the operation with a redacted URL (the presigned URL itself is a bearer credential)
    const e = parseAwsError({ status: res.status, headers: res.headers, body }, { operation: `GET ${redactUrl(old.url)}` });
    const tampered = old.url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000');
    const res2 = await transport.send({ method: 'GET', url: tampered });
    const e2 = parseAwsError({ status: res2.status, headers: res2.headers, body: await res2.text() }, { operation: 'GET presigned' });
    capture('presigned', e, e2, res.headers);
    // a sigv4 presign with expired credentials: typed error, no secret
    const e3 = await failure(() =>
      presignUrl({ method: 'GET', url: `${target.endpoint}/${bucket}/k` }, { credentials: { accessKeyId: 'AKID', secretAccessKey: WRONG_SECRET, sessionToken: FAKE_TOKEN, expiration: new Date(Date.now() - 1000) }, region: 'us-east-1', service: 's3' }),
    );
    capture('presign with expired credentials', e3);
    await transport.close();
  });

  it('network errors through the fault proxy (resets, truncation, 503s until retries run out)', async () => {
    const proxy = await startFaultProxy({ target: target.endpoint, seed: 3, rules: [
      { method: 'PUT', action: { type: 'reset' } },
      { method: 'GET', path: /truncate/, action: { type: 'truncate' } },
      { method: 'GET', action: { type: 'slowdown' } },
    ] });
    await admin.putObject({ bucket, key: 'truncate-me', body: new Uint8Array(4096) });
    const transport = createTransport({ onEvent: (e) => events.push(e), baseDelayMs: 1, throttlingBaseDelayMs: 1 });
    const s3 = createS3Client({ endpoint: proxy.url, region: target.region, credentials: { ...target, sessionToken: undefined }, forcePathStyle: true, transport });
    const e1 = await failure(() => s3.putObject({ bucket, key: 'k', body: 'x' }));
    const e2 = await failure(async () => (await s3.getObject({ bucket, key: 'truncate-me' })).bytes());
    const e3 = await failure(() => s3.getObject({ bucket, key: 'slow' }));
    const url = (await s3.presignGetObject({ bucket, key: 'k' })).url;
    const e4 = await failure(() => transport.send({ method: 'PUT', url, body: 'x' }));
    capture('network', e1, e2, e3, e4);
    await s3.close();
    await transport.close();
    await proxy.close();
  });

  it('credential_process failures, malformed output and a helper that prints the secret to stderr', async () => {
    const home = tempHome();
    try {
      const script = (body: string): string => home.write(`helper-${Object.keys(paths).length}-${body.length}.cjs`, body);
      const profiles = [
        // stdout (the credentials channel) is never echoed; the tail of stderr is, as botocore and the JS SDK do
        ['fails', script(`process.stdout.write('{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"${PROCESS_SECRET}"}'); process.stderr.write('token endpoint unreachable\\n'); process.exit(3)`)],
        ['badjson', script(`process.stdout.write('{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"${PROCESS_SECRET}"')`)],
        ['badversion', script(`process.stdout.write(JSON.stringify({Version:2,AccessKeyId:'AKID',SecretAccessKey:'${PROCESS_SECRET}',SessionToken:'${FAKE_TOKEN}'}))`)],
        ['nosecret', script(`process.stdout.write(JSON.stringify({Version:1,AccessKeyId:'AKID',SessionToken:'${FAKE_TOKEN}'}))`)],
        ['expired', script(`process.stdout.write(JSON.stringify({Version:1,AccessKeyId:'AKID',SecretAccessKey:'${PROCESS_SECRET}',SessionToken:'${FAKE_TOKEN}',Expiration:'2000-01-01T00:00:00Z'}))`)],
      ];
      home.write('config', profiles.map(([name, path]) => `[profile ${name}]\ncredential_process = "${process.execPath}" "${path}"\n`).join(''));
      const env = home.env();
      for (const [profile] of profiles) {
        const e = await failure(() => fromIni({ env, profile: profile! })());
        if (profile === 'fails') expect((e as Error).message).toContain('token endpoint unreachable');
        capture('credential_process', e);
      }
      // through an S3 call: the client wraps the credentials error
      const s3 = createS3Client({ endpoint: target.endpoint, region: target.region, forcePathStyle: true, env: { ...env, AWS_PROFILE: 'badjson' } });
      capture('credential_process via s3', await failure(() => s3.headBucket({ bucket })));
      await s3.close();
    } finally {
      home.cleanup();
    }
  });

  it('IMDS outage warnings through the default console logger', async () => {
    const imds = await startImdsEmulator();
    try {
      let now = Date.now();
      const provider = defaultCredentials({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, memoize: { now: () => now }, imds: { now: () => now } });
      const first = await provider();
      imds.setOutage(true);
      now = first.expiration!.getTime() + 1000;
      const during = await provider();
      imds.setOutage('error');
      now = during.expiration!.getTime() + 1000;
      await provider();
      expect(consoleLines.some((l) => String(l[0]).includes('CREDENTIALS_IMDS'))).toBe(true);
      capture('imds', first, during, provider);
      secrets.push(first.secretAccessKey, first.sessionToken!);
    } finally {
      await imds.close();
    }
  });

  it('SSE-C errors: wrong key, missing key, insecure transport, bad header values', async () => {
    const s3 = createS3Client({ endpoint: target.endpoint, region: target.region, credentials: target, forcePathStyle: true, allowInsecureSseC: true });
    await s3.putObject({ bucket, key: 'enc', body: 'secret data', sseC: sseKey });
    capture('sse-c wrong key', await failure(() => s3.getObject({ bucket, key: 'enc', sseC: otherSseKey })));
    capture('sse-c missing key', await failure(() => s3.getObject({ bucket, key: 'enc' })));
    const remote = createS3Client({ endpoint: 'http://s3.example.com', region: 'us-east-1', credentials: target, forcePathStyle: true });
    capture('sse-c insecure', await failure(() => remote.putObject({ bucket, key: 'enc', body: 'x', sseC: sseKey })));
    const b64 = sseForms(sseKey)[0]!;
    capture('header injection', await failure(() =>
      signRequest({ method: 'PUT', url: 'https://s3.amazonaws.com/b/k', headers: { 'x-amz-server-side-encryption-customer-key': `${b64}\r\nx: y` } }, { credentials: target, region: 'us-east-1', service: 's3' })));
    const transport = createTransport();
    capture('transport header value', await failure(() => transport.send({ method: 'PUT', url: 'http://127.0.0.1:9/', headers: { 'x-amz-server-side-encryption-customer-key': `${b64}\n` } })));
    capture('sse-c key objects', sseKey, otherSseKey, { key: sseKey }, [sseKey]);
    await s3.close();
    await remote.close();
    await transport.close();
  });

  it('util.inspect / JSON / String of credentials, clients and transports', () => {
    const c1 = fromStatic({ accessKeyId: 'AKIDSTATIC', secretAccessKey: WRONG_SECRET, sessionToken: FAKE_TOKEN });
    const c2 = createCredentials({ accessKeyId: 'AKIDCREATED', secretAccessKey: WRONG_SECRET, sessionToken: FAKE_TOKEN, expiration: new Date() });
    const transport = createTransport();
    const client = createClient({ service: 'sts', region: 'us-east-1', credentials: c2, transport });
    const s3 = createS3Client({ endpoint: target.endpoint, region: 'us-east-1', credentials: c2, forcePathStyle: true });
    capture('inspect', c1, c2, client, s3, transport, { nested: { deeper: { creds: c2 } } }, inspect(c2, { showHidden: true, depth: 10 }), `${c2}`);
    void transport.close();
    void s3.close();
  });

  it('nothing captured contains a secret', () => {
    consoleLines.forEach((l) => capture('console', ...l));
    capture('transport events', ...events);
    const findings = findSecrets(captured, secrets);
    const printable = findings.map((f) => ({ ...f, secret: typeof f.secret === 'number' ? `secret #${f.secret}` : f.secret, value: inspect(captured[f.index], { depth: 1 }).slice(0, 200) }));
    vi.restoreAllMocks();
    expect(printable).toEqual([]);
    expect(consoleLines.length).toBeGreaterThan(0);
    console.info(formatFigures('Secret scan', {
      'values scanned': captured.length,
      'secrets planted': secrets.length,
      'error paths and log sources': Object.entries(paths).map(([k, n]) => `${k} ${n}`).join(', '),
      'views per value': 'util.inspect(showHidden), String, JSON.stringify, stack and message of every cause',
      findings: findings.length,
    }));
  });
});

const secrets: string[] = [target.secretAccessKey, WRONG_SECRET, FAKE_TOKEN, PROCESS_SECRET, ...sseForms(sseKey), ...sseForms(otherSseKey), ...(target.sessionToken ? [target.sessionToken] : [])];
