import { createServer, type Server } from 'node:http';
import { startContainerEmulator, type ContainerEmulator } from '@rawaws/imds-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromContainer } from '../src/from-container.js';
import { rejection, tempHome, type TempHome } from './helpers.js';

let c: ContainerEmulator;
let home: TempHome;
beforeEach(async () => {
  c = await startContainerEmulator({ accountId: '123456789012' });
  home = tempHome();
});
afterEach(async () => {
  await c.close();
  home.cleanup();
});

describe('fromContainer', () => {
  it('reads credentials from AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN', async () => {
    const creds = await fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: c.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: c.authorizationToken! } })();
    const served = c.currentCredentials();
    expect(creds).toMatchObject({ accessKeyId: served.accessKeyId, secretAccessKey: served.secretAccessKey, sessionToken: served.sessionToken, source: 'container', accountId: '123456789012' });
    expect(c.stats()).toMatchObject({ requests: 1, unauthorized: 0 });
  });

  it('prefers AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read every call, trimmed) over the env token', async () => {
    const file = home.write('eks-token', `${c.authorizationToken}\n`);
    const p = fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: c.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file } });
    await expect(p()).resolves.toMatchObject({ source: 'container' });
    home.write('eks-token', 'rotated-wrong');
    const e = await rejection(p());
    expect(e).toMatchObject({ code: 'CREDENTIALS_CONTAINER_ERROR', status: 401 });
    expect(e.message).toContain('AccessDeniedException');
  });

  it('a wrong or missing token is refused by the endpoint, without retries', async () => {
    const e = await rejection(fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: c.url }, retryDelayMs: 0 })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_CONTAINER_ERROR', status: 401 });
    expect(c.stats().unauthorized).toBe(1);
  });

  it('retries 5xx then reports the last status', async () => {
    c.setOutage(true);
    const e = await rejection(fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: c.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: c.authorizationToken! }, retryDelayMs: 0, maxRetries: 2 })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_CONTAINER_ERROR', status: 500 });
    expect(c.stats().total).toBe(3);
  });

  it('a token with a line break is refused before any request', async () => {
    const e = await rejection(fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: c.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\r\nX-Evil: 1' } })());
    expect(e['code']).toBe('CREDENTIALS_INVALID_CONFIG');
    expect(c.stats().total).toBe(0);
  });

  it('is "not found" without the env vars', async () => {
    expect((await rejection(fromContainer({ env: {} })()))['code']).toBe('CREDENTIALS_NOT_FOUND');
  });

  it('hostile URIs are refused before any request leaves the process', async () => {
    let hits = 0;
    const trap: Server = createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', () => r()));
    try {
      for (const uri of ['http://169.254.169.254/latest/meta-data/iam/security-credentials/role', 'http://evil.example.com/creds', 'http://10.1.2.3/', 'gopher://127.0.0.1/']) {
        const e = await rejection(fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'secret-token-value' } })());
        expect(e['code']).toBe('CREDENTIALS_CONTAINER_URI_REFUSED');
        expect(e.message).not.toContain('secret-token-value');
      }
      expect(hits).toBe(0);
    } finally {
      await new Promise<void>((r) => trap.close(() => r()));
    }
  });

  it('bad JSON from the endpoint is a typed error that does not echo the body', async () => {
    const srv = createServer((_req, res) => res.end('{"AccessKeyId":"A","SecretAccessKey":'));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = srv.address() as { port: number };
      const e = await rejection(fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/creds` } })());
      expect(e['code']).toBe('CREDENTIALS_CONTAINER_ERROR');
      expect(e.message).toContain('not JSON');
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it('a connection failure after retries is CREDENTIALS_NETWORK', async () => {
    const e = await rejection(fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' }, retryDelayMs: 0, maxRetries: 1 })());
    expect(e['code']).toBe('CREDENTIALS_NETWORK');
  });
});
