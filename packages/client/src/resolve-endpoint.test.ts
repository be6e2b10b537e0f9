import { describe, expect, it } from 'vitest';
import { endpointEnvName, resolveEndpoint, servicesKey, type EndpointInputs } from './resolve-endpoint.js';

const r = (inputs: Partial<EndpointInputs> & { service: string; region: string }) => resolveEndpoint({ env: {}, ...inputs });
const url = (inputs: Partial<EndpointInputs> & { service: string; region: string }) => {
  const e = r(inputs);
  return `${e.endpoint.href} ${e.signingRegion}`;
};

describe('resolveEndpoint: configured endpoints, in the SDK order', () => {
  const env = {
    AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1/sts',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:2',
  };
  const profile = { endpoint_url: 'http://127.0.0.1:4' };
  const services = { sts: { endpoint_url: 'http://127.0.0.1:3' } };

  it('option > service env > global env > services section > profile > default', () => {
    const base = { service: 'sts', region: 'us-east-1', env, profile, services };
    expect(r({ ...base, endpoint: 'http://127.0.0.1:9' })).toMatchObject({ source: 'option', endpoint: new URL('http://127.0.0.1:9') });
    expect(r(base)).toMatchObject({ source: 'env:AWS_ENDPOINT_URL_STS', endpoint: new URL('http://127.0.0.1:1/sts') });
    expect(r({ ...base, env: { AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL } })).toMatchObject({ source: 'env:AWS_ENDPOINT_URL' });
    expect(r({ ...base, env: {} })).toMatchObject({ source: 'config:services', endpoint: new URL('http://127.0.0.1:3') });
    expect(r({ ...base, env: {}, services: {} })).toMatchObject({ source: 'config:profile', endpoint: new URL('http://127.0.0.1:4') });
    expect(r({ ...base, env: {}, services: {}, profile: {} })).toMatchObject({ source: 'default', endpoint: new URL('https://sts.us-east-1.amazonaws.com') });
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (env or profile) skips env and config, never the option', () => {
    const base = { service: 'sts', region: 'us-east-1', profile, services };
    expect(r({ ...base, env: { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } }).source).toBe('default');
    expect(r({ ...base, env, profile: { ...profile, ignore_configured_endpoint_urls: 'true' } }).source).toBe('default');
    expect(r({ ...base, env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE' }, endpoint: 'http://127.0.0.1:9' }).source).toBe('option');
    expect(r({ ...base, env: { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' } }).source).toBe('env:AWS_ENDPOINT_URL_STS');
  });

  it('service ids with spaces: env name and services key as the SDKs transform them', () => {
    expect(endpointEnvName('Elastic Load Balancing v2')).toBe('AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2');
    expect(endpointEnvName('DynamoDB')).toBe('AWS_ENDPOINT_URL_DYNAMODB');
    expect(servicesKey('Elastic Load Balancing v2')).toBe('elastic_load_balancing_v2');
    expect(
      r({ service: 'elasticloadbalancing', serviceId: 'Elastic Load Balancing v2', region: 'eu-west-1', env: { AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://127.0.0.1:5' } }).source,
    ).toBe('env:AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2');
    expect(r({ service: 'elasticloadbalancing', serviceId: 'Elastic Load Balancing v2', region: 'eu-west-1', services: { elastic_load_balancing_v2: { endpoint_url: 'http://h:1' } } }).source).toBe('config:services');
  });

  it('keeps the endpoint path (proxy prefixes) and signs custom endpoints for the region', () => {
    expect(r({ service: 'iam', region: 'us-west-2', endpoint: 'http://127.0.0.1:7480/base/' })).toMatchObject({ signingRegion: 'us-west-2', endpoint: new URL('http://127.0.0.1:7480/base/') });
  });

  it.each([
    ['127.0.0.1:7480', /not an absolute URL|must use http/],
    ['ftp://example.com', /http: or https:/],
    ['http://user:secret@example.com', /user name or password/],
    ['http://example.com/?a=1', /query or fragment/],
    ['not a url', /not an absolute URL/],
  ])('invalid endpoint %j: typed error', (endpoint, message) => {
    expect(() => r({ service: 'sts', region: 'us-east-1', endpoint })).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_ENDPOINT' }));
    expect(() => r({ service: 'sts', region: 'us-east-1', endpoint })).toThrow(message);
    expect(() => r({ service: 'sts', region: 'us-east-1', endpoint })).not.toThrow(/secret/);
  });

  it('an invalid endpoint from an env var names the variable', () => {
    expect(() => r({ service: 'sts', region: 'us-east-1', env: { AWS_ENDPOINT_URL_STS: 'nope' } })).toThrow(/AWS_ENDPOINT_URL_STS/);
  });

  it('custom endpoint + FIPS or dual-stack is an error, as in the SDKs', () => {
    expect(() => r({ service: 'sts', region: 'us-east-1', endpoint: 'http://h', useFipsEndpoint: true })).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_OPTION' }));
    expect(() => r({ service: 'sts', region: 'us-east-1', env: { AWS_ENDPOINT_URL: 'http://h', AWS_USE_DUALSTACK_ENDPOINT: 'true' } })).toThrow(/dual-stack/);
  });

  it('flags: option > env > profile; values other than true/false are refused', () => {
    expect(r({ service: 'sts', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'true' }, useFipsEndpoint: false }).useFipsEndpoint).toBe(false);
    expect(r({ service: 'sts', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'false' }, profile: { use_fips_endpoint: 'true' } }).useFipsEndpoint).toBe(false);
    expect(r({ service: 'sts', region: 'us-east-1', profile: { use_fips_endpoint: 'true', use_dualstack_endpoint: 'true' } }).endpoint.host).toBe('sts-fips.us-east-1.api.aws');
    expect(() => r({ service: 'sts', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'yes' } })).toThrow(/AWS_USE_FIPS_ENDPOINT must be "true" or "false"/);
    expect(() => r({ service: 'sts', region: 'us-east-1', profile: { use_dualstack_endpoint: '1' } })).toThrow(/use_dualstack_endpoint/);
  });
});

describe('resolveEndpoint: default endpoints (matrix)', () => {
  it.each([
    // generic services
    ['sqs', 'us-east-1', false, false, 'https://sqs.us-east-1.amazonaws.com/ us-east-1'],
    ['sqs', 'eu-central-2', true, false, 'https://sqs-fips.eu-central-2.amazonaws.com/ eu-central-2'],
    ['sqs', 'eu-west-1', false, true, 'https://sqs.eu-west-1.api.aws/ eu-west-1'],
    ['sqs', 'us-east-1', true, true, 'https://sqs-fips.us-east-1.api.aws/ us-east-1'],
    ['dynamodb', 'cn-north-1', false, false, 'https://dynamodb.cn-north-1.amazonaws.com.cn/ cn-north-1'],
    ['dynamodb', 'cn-northwest-1', false, true, 'https://dynamodb.cn-northwest-1.api.amazonwebservices.com.cn/ cn-northwest-1'],
    ['dynamodb', 'us-gov-west-1', false, false, 'https://dynamodb.us-gov-west-1.amazonaws.com/ us-gov-west-1'],
    ['dynamodb', 'us-iso-east-1', false, false, 'https://dynamodb.us-iso-east-1.c2s.ic.gov/ us-iso-east-1'],
    ['dynamodb', 'us-isob-east-1', false, false, 'https://dynamodb.us-isob-east-1.sc2s.sgov.gov/ us-isob-east-1'],
    ['dynamodb', 'eusc-de-east-1', false, false, 'https://dynamodb.eusc-de-east-1.amazonaws.eu/ eusc-de-east-1'],
    ['dynamodb', 'mx-central-1', false, false, 'https://dynamodb.mx-central-1.amazonaws.com/ mx-central-1'],
    ['dynamodb', 'default', false, false, 'https://dynamodb.default.amazonaws.com/ default'],
    // STS: regional by default (SDK v3), aws-global is the legacy global endpoint, GovCloud FIPS has no -fips host
    ['sts', 'us-east-1', false, false, 'https://sts.us-east-1.amazonaws.com/ us-east-1'],
    ['sts', 'aws-global', false, false, 'https://sts.amazonaws.com/ us-east-1'],
    ['sts', 'us-gov-west-1', true, false, 'https://sts.us-gov-west-1.amazonaws.com/ us-gov-west-1'],
    ['sts', 'us-west-2', true, false, 'https://sts-fips.us-west-2.amazonaws.com/ us-west-2'],
    // IAM: global per partition
    ['iam', 'eu-west-1', false, false, 'https://iam.amazonaws.com/ us-east-1'],
    ['iam', 'us-east-1', true, false, 'https://iam-fips.amazonaws.com/ us-east-1'],
    ['iam', 'ap-south-1', false, true, 'https://iam.global.api.aws/ us-east-1'],
    ['iam', 'us-east-2', true, true, 'https://iam-fips.global.api.aws/ us-east-1'],
    ['iam', 'cn-northwest-1', false, false, 'https://iam.cn-north-1.amazonaws.com.cn/ cn-north-1'],
    ['iam', 'cn-north-1', true, false, 'https://iam-fips.amazonaws.com.cn/ cn-northwest-1'],
    ['iam', 'us-gov-east-1', false, false, 'https://iam.us-gov.amazonaws.com/ us-gov-west-1'],
    ['iam', 'us-gov-east-1', true, false, 'https://iam.us-gov.amazonaws.com/ us-gov-west-1'],
    ['iam', 'us-iso-west-1', false, false, 'https://iam.us-iso-east-1.c2s.ic.gov/ us-iso-east-1'],
    ['iam', 'eu-isoe-west-1', false, false, 'https://iam.eu-isoe-west-1.cloud.adc-e.uk/ eu-isoe-west-1'],
    ['iam', 'eu-isoe-west-1', true, false, 'https://iam-fips.cloud.adc-e.uk/ eu-isoe-west-1'],
    ['iam', 'us-isof-east-1', false, false, 'https://iam.us-isof-south-1.csp.hci.ic.gov/ us-isof-south-1'],
    // S3
    ['s3', 'eu-west-1', false, false, 'https://s3.eu-west-1.amazonaws.com/ eu-west-1'],
    ['s3', 'us-east-1', false, true, 'https://s3.dualstack.us-east-1.amazonaws.com/ us-east-1'],
    ['s3', 'us-east-2', true, true, 'https://s3-fips.dualstack.us-east-2.amazonaws.com/ us-east-2'],
    ['s3', 'aws-global', false, false, 'https://s3.amazonaws.com/ us-east-1'],
    ['s3', 'cn-north-1', false, false, 'https://s3.cn-north-1.amazonaws.com.cn/ cn-north-1'],
  ] as const)('%s in %s fips=%s dualstack=%s -> %s', (service, region, useFipsEndpoint, useDualstackEndpoint, expected) => {
    expect(url({ service, region, useFipsEndpoint, useDualstackEndpoint })).toBe(expected);
  });

  it('FIPS pseudo-region turns FIPS on even when the flag says false', () => {
    expect(url({ service: 'sts', region: 'us-west-2', regionFips: true, useFipsEndpoint: false })).toBe('https://sts-fips.us-west-2.amazonaws.com/ us-west-2');
  });

  it('dual-stack in a partition without it is a typed error', () => {
    expect(() => r({ service: 'sqs', region: 'us-iso-east-1', useDualstackEndpoint: true })).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_OPTION' }));
  });
});
