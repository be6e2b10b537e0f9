import { describe, expect, it } from 'vitest';
import { resolveStsTarget } from './sts-endpoint.js';
import type { SharedConfig } from './shared-config.js';

const cfg = (services: Record<string, Record<string, string>>): SharedConfig => ({
  configFile: '/c',
  credentialsFile: '/k',
  configProfiles: new Map(),
  credentialsProfiles: new Map(),
  services: new Map(Object.entries(services)),
  ssoSessions: new Map(),
});

describe('resolveStsTarget', () => {
  it('defaults to the regional endpoint in us-east-1', () => {
    const t = resolveStsTarget({ env: {} });
    expect([t.region, t.endpoint.href]).toEqual(['us-east-1', 'https://sts.us-east-1.amazonaws.com/']);
  });

  it('takes the region from option, profile, AWS_REGION, AWS_DEFAULT_REGION in that order', () => {
    expect(resolveStsTarget({ env: { AWS_REGION: 'eu-west-1' }, profile: { region: 'ap-south-1' }, region: 'us-west-2' }).region).toBe('us-west-2');
    expect(resolveStsTarget({ env: { AWS_REGION: 'eu-west-1' }, profile: { region: 'ap-south-1' } }).region).toBe('ap-south-1');
    expect(resolveStsTarget({ env: { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'x' } }).region).toBe('eu-west-1');
    expect(resolveStsTarget({ env: { AWS_DEFAULT_REGION: 'ca-central-1' } }).endpoint.host).toBe('sts.ca-central-1.amazonaws.com');
    expect(resolveStsTarget({ env: { AWS_REGION: 'cn-north-1' } }).endpoint.host).toBe('sts.cn-north-1.amazonaws.com.cn');
  });

  it('endpoint precedence: option, AWS_ENDPOINT_URL_STS, [services] sts.endpoint_url, AWS_ENDPOINT_URL, endpoint_url', () => {
    const profile = { services: 's', endpoint_url: 'http://profile' };
    const config = cfg({ s: { 'sts.endpoint_url': 'http://services' } });
    const env = { AWS_ENDPOINT_URL_STS: 'http://env-sts', AWS_ENDPOINT_URL: 'http://env-global' };
    expect(resolveStsTarget({ env, profile, config, endpoint: 'http://option' }).endpoint.host).toBe('option');
    expect(resolveStsTarget({ env, profile, config }).endpoint.host).toBe('env-sts');
    expect(resolveStsTarget({ env: { AWS_ENDPOINT_URL: 'http://env-global' }, profile, config }).endpoint.host).toBe('services');
    expect(resolveStsTarget({ env: { AWS_ENDPOINT_URL: 'http://env-global' }, profile }).endpoint.host).toBe('env-global');
    expect(resolveStsTarget({ env: {}, profile }).endpoint.host).toBe('profile');
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns the configured endpoints off, not the option', () => {
    const env = { AWS_ENDPOINT_URL_STS: 'http://env-sts', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
    expect(resolveStsTarget({ env }).endpoint.host).toBe('sts.us-east-1.amazonaws.com');
    expect(resolveStsTarget({ env, endpoint: 'http://option' }).endpoint.host).toBe('option');
    expect(resolveStsTarget({ env: {}, profile: { endpoint_url: 'http://p', ignore_configured_endpoint_urls: 'true' } }).endpoint.host).toBe('sts.us-east-1.amazonaws.com');
  });

  it.each([
    [{ env: { AWS_REGION: 'us-east-1.evil.com/' } }, 'not a valid AWS region'],
    [{ env: { AWS_REGION: 'US-EAST-1' } }, 'not a valid AWS region'],
    [{ env: { AWS_ENDPOINT_URL_STS: 'not a url' } }, 'is not a URL'],
    [{ env: { AWS_ENDPOINT_URL_STS: 'ftp://x' } }, 'must be http(s)'],
  ])('rejects %j before any call', (input, msg) => {
    expect(() => resolveStsTarget(input)).toThrow(msg);
  });
});
