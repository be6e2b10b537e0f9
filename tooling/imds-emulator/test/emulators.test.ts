import { signRequest } from '@rawaws/sigv4';
import { afterEach, describe, expect, it } from 'vitest';
import { startContainerEmulator, startImdsEmulator, startStsEmulator } from '../src/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const put = (url: string, headers: Record<string, string>) => fetch(url, { method: 'PUT', headers });

describe('IMDS emulator', () => {
  it('issues tokens with the requested TTL and rejects bad TTLs and X-Forwarded-For', async () => {
    const imds = await startImdsEmulator();
    closers.push(imds.close);
    const ok = await put(`${imds.endpoint}/latest/api/token`, { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-aws-ec2-metadata-token-ttl-seconds')).toBe('21600');
    expect((await ok.text()).length).toBeGreaterThan(20);
    for (const ttl of ['0', '21601', 'abc']) {
      expect((await put(`${imds.endpoint}/latest/api/token`, { 'x-aws-ec2-metadata-token-ttl-seconds': ttl })).status).toBe(400);
    }
    expect((await put(`${imds.endpoint}/latest/api/token`, {})).status).toBe(400);
    expect((await put(`${imds.endpoint}/latest/api/token`, { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '1.2.3.4' })).status).toBe(403);
    expect((await fetch(`${imds.endpoint}/latest/api/token`)).status).toBe(405);
  });

  it('expires tokens after their TTL (emulator clock)', async () => {
    let now = 1_000_000;
    const imds = await startImdsEmulator({ now: () => now, tokenRequired: true });
    closers.push(imds.close);
    const token = await (await put(`${imds.endpoint}/latest/api/token`, { 'x-aws-ec2-metadata-token-ttl-seconds': '10' })).text();
    const role = () => fetch(`${imds.endpoint}/latest/meta-data/iam/security-credentials/`, { headers: { 'x-aws-ec2-metadata-token': token } });
    expect(await (await role()).text()).toBe('rawaws-emulated-role');
    now += 10_000;
    expect((await role()).status).toBe(401);
    expect((await fetch(`${imds.endpoint}/latest/meta-data/iam/security-credentials/`)).status).toBe(401);
    expect(imds.stats()).toMatchObject({ tokenRequests: 1, roleRequests: 1, unauthorized: 2 });
  });

  it('serves v1 unless tokens are required, with the credentials JSON shape of EC2', async () => {
    const imds = await startImdsEmulator({ roleName: 'my-role', credentialLifetimeMs: 3600_000 });
    closers.push(imds.close);
    const body = (await (await fetch(`${imds.endpoint}/latest/meta-data/iam/security-credentials/my-role`)).json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['AccessKeyId', 'Code', 'Expiration', 'LastUpdated', 'SecretAccessKey', 'Token', 'Type']);
    expect(body['Code']).toBe('Success');
    expect(body['Expiration']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await fetch(`${imds.endpoint}/latest/meta-data/iam/security-credentials/other`)).status).toBe(404);
  });

  it('outage modes: 503, or hanging until switched off', async () => {
    const imds = await startImdsEmulator();
    closers.push(imds.close);
    imds.setOutage(true);
    expect((await fetch(`${imds.endpoint}/latest/meta-data/iam/security-credentials/`)).status).toBe(503);
    imds.setOutage('hang');
    const hung = fetch(`${imds.endpoint}/latest/meta-data/iam/security-credentials/`, { signal: AbortSignal.timeout(100) });
    await expect(hung).rejects.toThrow();
    imds.setOutage(false);
    expect((await fetch(`${imds.endpoint}/latest/meta-data/iam/security-credentials/`)).status).toBe(200);
    expect(imds.stats().outageRequests).toBe(2);
  });
});

describe('container emulator', () => {
  it('requires the Authorization token', async () => {
    const c = await startContainerEmulator({ authorizationToken: 'tok', accountId: '123456789012' });
    closers.push(c.close);
    expect((await fetch(c.url)).status).toBe(401);
    const res = await fetch(c.url, { headers: { authorization: 'tok' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ AccessKeyId: c.currentCredentials().accessKeyId, AccountId: '123456789012' });
    expect(c.stats()).toEqual({ requests: 1, unauthorized: 1, total: 2 });
  });
});

describe('STS emulator', () => {
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const signed = (endpoint: string, body: string, secret: string, token?: string) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const s = signRequest({ method: 'POST', url: `${endpoint}/`, headers, body }, {
      credentials: { accessKeyId: 'AKID', secretAccessKey: secret, sessionToken: token },
      region: 'us-east-1',
      service: 'sts',
    });
    return fetch(`${endpoint}/`, { method: 'POST', headers: s.headers, body });
  };

  it('verifies SigV4 and answers GetCallerIdentity and AssumeRole with STS-shaped XML', async () => {
    const sts = await startStsEmulator({ keys: { AKID: { secretAccessKey: 'secret', arn: 'arn:aws:iam::111122223333:user/alice' } } });
    closers.push(sts.close);
    const who = await signed(sts.endpoint, form({ Action: 'GetCallerIdentity', Version: '2011-06-15' }), 'secret');
    expect(who.status).toBe(200);
    expect(await who.text()).toContain('<Arn>arn:aws:iam::111122223333:user/alice</Arn>');
    const bad = await signed(sts.endpoint, form({ Action: 'GetCallerIdentity', Version: '2011-06-15' }), 'wrong');
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const role = await signed(sts.endpoint, form({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::111122223333:role/r', RoleSessionName: 's1' }), 'secret');
    const xml = await role.text();
    expect(role.status).toBe(200);
    expect(xml).toMatch(/<AssumeRoleResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">/);
    expect(xml).toContain('<Arn>arn:aws:sts::111122223333:assumed-role/r/s1</Arn>');
    expect(sts.issued().size).toBe(1);
  });

  it('rejects unsigned AssumeRole and invalid parameters', async () => {
    const sts = await startStsEmulator({ keys: { AKID: 'secret' } });
    closers.push(sts.close);
    const unsigned = await fetch(`${sts.endpoint}/`, { method: 'POST', body: form({ Action: 'AssumeRole', Version: '2011-06-15' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('MissingAuthenticationToken');
    const badDuration = await signed(sts.endpoint, form({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::111122223333:role/r', RoleSessionName: 's1', DurationSeconds: '100' }), 'secret');
    expect(badDuration.status).toBe(400);
    const badArn = await signed(sts.endpoint, form({ Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'nope', RoleSessionName: 's1' }), 'secret');
    expect(await badArn.text()).toContain('ValidationError');
    expect(sts.stats().rejected).toBe(3);
  });

  it('AssumeRoleWithWebIdentity is unsigned and checks the token', async () => {
    const sts = await startStsEmulator({ webIdentityTokens: ['jwt'] });
    closers.push(sts.close);
    const call = (token: string) =>
      fetch(`${sts.endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: 'arn:aws:iam::111122223333:role/w', RoleSessionName: 'pod', WebIdentityToken: token }),
      });
    expect((await call('jwt')).status).toBe(200);
    const bad = await call('other');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('InvalidIdentityToken');
  });
});
