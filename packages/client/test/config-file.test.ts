import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, isClientError } from '../src/index.js';
import { isolatedEnv } from './loopback-server.js';

const dir = mkdtempSync(join(tmpdir(), 'rawaws-client-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const creds = { accessKeyId: 'AKID', secretAccessKey: 'secret' };

describe('region and endpoint from the shared config file', () => {
  const config = file(
    'config',
    [
      '[default]',
      'region = us-west-1',
      '[profile dev]',
      'region = eu-north-1',
      'endpoint_url = http://127.0.0.1:4000',
      'services = local',
      '[profile fips]',
      'region = us-east-2',
      'use_fips_endpoint = true',
      '[profile ignore]',
      'region = us-east-2',
      'endpoint_url = http://127.0.0.1:4000',
      'ignore_configured_endpoint_urls = true',
      '[services local]',
      'sts =',
      '  endpoint_url = http://127.0.0.1:4001/sts',
      'elastic_load_balancing_v2 =',
      '  endpoint_url = http://127.0.0.1:4002',
      '',
    ].join('\n'),
  );
  const env = (extra: Record<string, string> = {}) => isolatedEnv({ AWS_CONFIG_FILE: config, ...extra });

  it('profile region, services section for the service, profile endpoint_url for the others', async () => {
    const sts = createClient({ service: 'sts', profile: 'dev', credentials: creds, env: env() });
    expect(await sts.resolveConfig()).toMatchObject({ region: 'eu-north-1', regionSource: 'profile', endpointSource: 'config:services', endpoint: new URL('http://127.0.0.1:4001/sts'), profile: 'dev' });
    const iam = createClient({ service: 'iam', credentials: creds, env: env({ AWS_PROFILE: 'dev' }) });
    expect(await iam.resolveConfig()).toMatchObject({ endpointSource: 'config:profile', endpoint: new URL('http://127.0.0.1:4000'), signingRegion: 'eu-north-1' });
    const elb = createClient({ service: 'elasticloadbalancing', serviceId: 'Elastic Load Balancing v2', profile: 'dev', credentials: creds, env: env() });
    expect(await elb.resolveConfig()).toMatchObject({ endpointSource: 'config:services', endpoint: new URL('http://127.0.0.1:4002') });
    await Promise.all([sts.close(), iam.close(), elb.close()]);
  });

  it('known service ids differ from the endpoint prefix: monitoring reads AWS_ENDPOINT_URL_CLOUDWATCH', async () => {
    const cw = createClient({ service: 'monitoring', region: 'eu-west-1', credentials: creds, env: env({ AWS_ENDPOINT_URL_CLOUDWATCH: 'http://127.0.0.1:4010', AWS_ENDPOINT_URL_MONITORING: 'http://127.0.0.1:4011' }) });
    expect(await cw.resolveConfig()).toMatchObject({ endpointSource: 'env:AWS_ENDPOINT_URL_CLOUDWATCH', endpoint: new URL('http://127.0.0.1:4010') });
    const sm = createClient({ service: 'secretsmanager', region: 'eu-west-1', credentials: creds, env: env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:4012' }) });
    expect((await sm.resolveConfig()).endpoint.port).toBe('4012');
    await Promise.all([cw.close(), sm.close()]);
  });

  it('env beats the file; the default profile applies without AWS_PROFILE', async () => {
    const c = createClient({ service: 'sts', profile: 'dev', credentials: creds, env: env({ AWS_REGION: 'ca-central-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:4009' }) });
    expect(await c.resolveConfig()).toMatchObject({ region: 'ca-central-1', endpointSource: 'env:AWS_ENDPOINT_URL' });
    const d = createClient({ service: 'sqs', credentials: creds, env: env() });
    expect(await d.resolveConfig()).toMatchObject({ region: 'us-west-1', regionSource: 'profile', endpoint: new URL('https://sqs.us-west-1.amazonaws.com'), profile: 'default' });
    await Promise.all([c.close(), d.close()]);
  });

  it('use_fips_endpoint and ignore_configured_endpoint_urls from the profile', async () => {
    const f = createClient({ service: 'sts', profile: 'fips', credentials: creds, env: env() });
    expect(await f.resolveConfig()).toMatchObject({ endpoint: new URL('https://sts-fips.us-east-2.amazonaws.com'), useFipsEndpoint: true });
    const i = createClient({ service: 'sts', profile: 'ignore', credentials: creds, env: env({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }) });
    expect(await i.resolveConfig()).toMatchObject({ endpointSource: 'default', endpoint: new URL('https://sts.us-east-2.amazonaws.com') });
    await Promise.all([f.close(), i.close()]);
  });

  it('a malformed config file is a CLIENT_CONFIG error naming the file, and is not cached', async () => {
    const bad = file('bad-config', '[profile dev\nregion = x\n');
    const c = createClient({ service: 'sts', profile: 'dev', credentials: creds, env: isolatedEnv({ AWS_CONFIG_FILE: bad }) });
    const err = await c.resolveConfig().catch((e: unknown) => e);
    expect(isClientError(err) && err.code).toBe('CLIENT_CONFIG');
    expect(String((err as Error).message)).toContain('bad-config');
    writeFileSync(bad, '[profile dev]\nregion = eu-west-2\n');
    expect((await c.resolveConfig()).region).toBe('eu-west-2');
    await c.close();
  });
});
