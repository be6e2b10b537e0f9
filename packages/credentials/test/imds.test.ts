import { createServer } from 'node:net';
import { startImdsEmulator, type ImdsEmulator } from '@rawaws/imds-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromImds, type FromImdsInit } from '../src/from-imds.js';
import { memoize } from '../src/memoize.js';
import { resetImdsVerdicts } from '../src/from-imds.js';
import { recordingLogger, rejection, tempHome, type TempHome } from './helpers.js';

let imds: ImdsEmulator;
let home: TempHome;
beforeEach(async () => {
  resetImdsVerdicts();
  imds = await startImdsEmulator();
  home = tempHome();
});
afterEach(async () => {
  await imds.close();
  home.cleanup();
});

const provider = (extra: Record<string, string> = {}, init: FromImdsInit = {}) =>
  fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint, ...extra }), logger: recordingLogger(), ...init });

/** A loopback port with nothing listening (connection refused). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('fromImds (IMDSv2)', () => {
  it('gets a token, discovers the role and reads the credentials', async () => {
    const creds = await provider()();
    const served = imds.currentCredentials();
    expect(creds.accessKeyId).toBe(served.accessKeyId);
    expect(creds.secretAccessKey).toBe(served.secretAccessKey);
    expect(creds.sessionToken).toBe(served.sessionToken);
    expect(creds.expiration?.toISOString()).toBe(new Date(Math.floor(served.expiration.getTime() / 1000) * 1000).toISOString());
    expect(creds.source).toBe('imds');
    expect(imds.stats()).toMatchObject({ tokenRequests: 1, roleRequests: 1, credentialRequests: 1, unauthorized: 0 });
  });

  it('reuses the session token across calls and works when v1 is disabled on the instance', async () => {
    imds.setTokenRequired(true);
    const p = provider();
    await p();
    await p();
    expect(imds.stats()).toMatchObject({ tokenRequests: 1, credentialRequests: 2, unauthorized: 0 });
  });

  it('skips role discovery when AWS_EC2_INSTANCE_PROFILE_NAME is set', async () => {
    const creds = await provider({ AWS_EC2_INSTANCE_PROFILE_NAME: 'rawaws-emulated-role' })();
    expect(creds.accessKeyId).toBe(imds.currentCredentials().accessKeyId);
    expect(imds.stats().roleRequests).toBe(0);
  });

  it('reads the endpoint from the config file (ec2_metadata_service_endpoint)', async () => {
    home.write('config', `[default]\nec2_metadata_service_endpoint = ${imds.endpoint}\n`);
    const creds = await fromImds({ env: home.env(), logger: recordingLogger() })();
    expect(creds.accessKeyId).toBe(imds.currentCredentials().accessKeyId);
  });

  it('an instance without a role is "not found"', async () => {
    imds.setRoleName(null);
    const e = await rejection(provider()());
    expect(e['code']).toBe('CREDENTIALS_NOT_FOUND');
  });
});

describe('fromImds v1 fallback rules', () => {
  for (const status of [403, 404, 405]) {
    it(`falls back to IMDSv1 when the token PUT answers ${status}`, async () => {
      imds.setTokenStatus(status);
      const creds = await provider()();
      expect(creds.accessKeyId).toBe(imds.currentCredentials().accessKeyId);
      expect(imds.stats().credentialRequests).toBe(1);
    });
    it(`refuses the fallback after ${status} when AWS_EC2_METADATA_V1_DISABLED=true`, async () => {
      imds.setTokenStatus(status);
      const e = await rejection(provider({ AWS_EC2_METADATA_V1_DISABLED: 'true' })());
      expect(e['code']).toBe('CREDENTIALS_IMDS_V1_DISABLED');
      expect(e.message).toContain('AWS_EC2_METADATA_V1_DISABLED');
      expect(imds.stats().credentialRequests).toBe(0);
    });
  }

  it('refuses the fallback when the config file says ec2_metadata_v1_disabled = true', async () => {
    imds.setTokenStatus(403);
    home.write('config', '[default]\nec2_metadata_v1_disabled = true\n');
    const e = await rejection(provider()());
    expect(e['code']).toBe('CREDENTIALS_IMDS_V1_DISABLED');
    expect(e.message).toContain('ec2_metadata_v1_disabled');
  });

  it('env AWS_EC2_METADATA_V1_DISABLED=false overrides the config file', async () => {
    imds.setTokenStatus(403);
    home.write('config', '[default]\nec2_metadata_v1_disabled = true\n');
    await expect(provider({ AWS_EC2_METADATA_V1_DISABLED: 'false' })()).resolves.toMatchObject({ source: 'imds' });
  });

  it('a 400 from the token call is fatal, not a fallback', async () => {
    imds.setTokenStatus(400);
    const e = await rejection(provider()());
    expect(e['code']).toBe('CREDENTIALS_IMDS_ERROR');
    expect(imds.stats().credentialRequests).toBe(0);
  });

  it('falls back to v1 when the token PUT times out (hop limit), as the JS SDK does', async () => {
    imds.setHopLimitExceeded(true);
    const creds = await provider({}, { timeoutMs: 300 })();
    expect(creds.accessKeyId).toBe(imds.currentCredentials().accessKeyId);
  });

  it('a token timeout with v1 disabled is "unavailable" (possibly the hop limit), not a crash', async () => {
    imds.setHopLimitExceeded(true);
    const e = await rejection(provider({ AWS_EC2_METADATA_V1_DISABLED: 'true' }, { timeoutMs: 150 })());
    expect(e['code']).toBe('CREDENTIALS_IMDS_UNAVAILABLE');
    expect(e.message).toContain('hop limit');
  });

  it('the real IMDS refuses a token PUT carrying X-Forwarded-For (emulator check)', async () => {
    const res = await fetch(`${imds.endpoint}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600', 'x-forwarded-for': '10.0.0.1' },
    });
    expect(res.status).toBe(403);
  });

  it('fetches a new token after a 401 (expired token)', async () => {
    let t = Date.now();
    const p = fromImds({
      env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }),
      logger: recordingLogger(),
      now: () => t,
    });
    await p();
    // Our cached token is still "valid" locally, but the emulator's clock is real: restart it to drop tokens.
    await imds.close();
    imds = await startImdsEmulator({ port: Number(new URL(imds.endpoint).port) });
    t += 1000;
    const creds = await p();
    expect(creds.accessKeyId).toBe(imds.currentCredentials().accessKeyId);
    expect(imds.stats()).toMatchObject({ unauthorized: 1, tokenRequests: 1 });
  });
});

describe('fromImds switches', () => {
  it('AWS_EC2_METADATA_DISABLED=true makes no request', async () => {
    const e = await rejection(provider({ AWS_EC2_METADATA_DISABLED: 'true' })());
    expect(e['code']).toBe('CREDENTIALS_IMDS_DISABLED');
    expect(imds.stats().total).toBe(0);
  });

  it('AWS_EC2_METADATA_DISABLED=false does not disable', async () => {
    await expect(provider({ AWS_EC2_METADATA_DISABLED: 'false' })()).resolves.toMatchObject({ source: 'imds' });
  });

  it('IPv6 mode picks http://[fd00:ec2::254] and a bad mode is a typed error', async () => {
    const { imdsConfig } = await import('../src/imds-config.js');
    expect(imdsConfig({}, { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' }, {}).endpoint.href).toBe('http://[fd00:ec2::254]/');
    expect(imdsConfig({}, {}, { ec2_metadata_service_endpoint_mode: 'ipv6' }).endpoint.href).toBe('http://[fd00:ec2::254]/');
    expect(imdsConfig({}, {}, {}).endpoint.href).toBe('http://169.254.169.254/');
    expect(() => imdsConfig({}, { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv5' }, {})).toThrow(/IPv5/);
  });

  it('talks to an IPv6 endpoint ([::1])', async () => {
    const v6 = await startImdsEmulator({ host: '::1' });
    try {
      expect(v6.endpoint).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const creds = await fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: v6.endpoint }), logger: recordingLogger() })();
      expect(creds.accessKeyId).toBe(v6.currentCredentials().accessKeyId);
    } finally {
      await v6.close();
    }
  });
});

describe('not on EC2', () => {
  it('caches the verdict so a second call costs nothing', async () => {
    const port = await closedPort();
    const env = home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}` });
    const e1 = await rejection(fromImds({ env, logger: recordingLogger() })());
    expect(e1['code']).toBe('CREDENTIALS_IMDS_UNAVAILABLE');
    const e2 = await rejection(fromImds({ env, logger: recordingLogger() })());
    expect(e2['code']).toBe('CREDENTIALS_IMDS_UNAVAILABLE');
    // answered from the cached verdict (a second connection attempt would report ECONNREFUSED again)
    expect(e2.message).toContain('unreachable earlier');
    expect(e2.message).not.toContain('ECONNREFUSED');
  });

  it('a silent endpoint costs the timeout once, then the verdict answers at once', async () => {
    imds.setOutage('hang');
    const p = provider({}, { timeoutMs: 100 });
    const t0 = Date.now();
    const e1 = await rejection(p());
    expect(e1['code']).toBe('CREDENTIALS_IMDS_UNAVAILABLE');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    const before = imds.stats().total;
    const e2 = await rejection(p());
    expect(e2['code']).toBe('CREDENTIALS_IMDS_UNAVAILABLE');
    expect(imds.stats().total).toBe(before);
  });
});

describe('static stability', () => {
  it('keeps serving the last credentials with a warning during an outage, extended 5-10 min', async () => {
    const logger = recordingLogger();
    let now = Date.now();
    const p = fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }), logger, now: () => now, random: () => 0.5 });
    const first = await p();
    imds.setOutage(true);
    now = first.expiration!.getTime() + 1000;
    const during = await p();
    expect(during.accessKeyId).toBe(first.accessKeyId);
    expect(during.secretAccessKey).toBe(first.secretAccessKey);
    expect(during.expiration!.getTime()).toBe(now + (300 + 150) * 1000);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('CREDENTIALS_IMDS_ERROR');
    expect(logger.warnings[0]).not.toContain(first.secretAccessKey);
    imds.setOutage(false);
    const after = await p();
    expect(after.expiration!.getTime()).toBeGreaterThan(now);
  });

  it('serves through a hanging IMDS (timeouts) after a success', async () => {
    const logger = recordingLogger();
    const p = fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }), logger, timeoutMs: 100, random: () => 0 });
    const first = await p();
    imds.setOutage('hang');
    const during = await p();
    expect(during.accessKeyId).toBe(first.accessKeyId);
    expect(logger.warnings[0]).toContain('CREDENTIALS_NETWORK');
  });

  it('extends credentials IMDS returns already expired', async () => {
    const logger = recordingLogger();
    imds.setCredentials({ expiration: new Date(Date.now() - 60_000) });
    const creds = await fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }), logger, random: () => 0 })();
    expect(creds.expiration!.getTime()).toBeGreaterThanOrEqual(Date.now() + 299_000);
    expect(logger.warnings[0]).toContain('expired');
  });

  it('without earlier credentials an outage is an error', async () => {
    imds.setOutage(true);
    const e = await rejection(provider()());
    expect(e['code']).toBe('CREDENTIALS_IMDS_ERROR');
  });
});

describe('1000 concurrent callers across an expiry boundary', () => {
  it('cause exactly one IMDS credentials fetch', async () => {
    let now = Date.now();
    const logger = recordingLogger();
    const p = memoize(fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }), logger, now: () => now }), { now: () => now });
    const first = await p();
    imds.resetStats();
    // Move the clock past the expiry of the first credentials; the emulator now serves new ones.
    now = first.expiration!.getTime() + 1000;
    imds.setCredentials({ expiration: new Date(now + 3600_000) });
    const all = await Promise.all(Array.from({ length: 1000 }, () => p()));
    expect(imds.stats().credentialRequests).toBe(1);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set([imds.currentCredentials().accessKeyId]));
    expect(all[0]!.accessKeyId).not.toBe(first.accessKeyId);
    expect(logger.warnings).toEqual([]);
  });

  it('inside the refresh window nobody waits, and still exactly one fetch happens', async () => {
    let now = Date.now();
    const p = memoize(fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }), logger: recordingLogger(), now: () => now }), { now: () => now });
    const first = await p();
    imds.resetStats();
    now = first.expiration!.getTime() - 120_000;
    imds.setCredentials({ expiration: new Date(now + 3600_000) });
    const all = await Promise.all(Array.from({ length: 1000 }, () => p()));
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set([first.accessKeyId]));
    // Poll (bounded) until the background refresh has landed; polling calls join it instead of starting another.
    let latest = first.accessKeyId;
    for (let i = 0; i < 300 && latest === first.accessKeyId; i++) {
      await new Promise((r) => setTimeout(r, 10));
      latest = (await p()).accessKeyId;
    }
    expect(latest).toBe(imds.currentCredentials().accessKeyId);
    expect(imds.stats().credentialRequests).toBe(1);
  });
});
