import { describe, expect, it } from 'vitest';
import { resolveRegion } from './resolve-region.js';

describe('resolveRegion', () => {
  it.each([
    [{ region: 'eu-west-1', env: { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1' }, profileRegion: 'ap-south-1' }, 'eu-west-1', 'option'],
    [{ env: { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1' }, profileRegion: 'ap-south-1' }, 'us-east-2', 'env:AWS_REGION'],
    [{ env: { AWS_DEFAULT_REGION: 'us-west-1' }, profileRegion: 'ap-south-1' }, 'us-west-1', 'env:AWS_DEFAULT_REGION'],
    [{ env: {}, profileRegion: 'ap-south-1' }, 'ap-south-1', 'profile'],
    [{ env: { AWS_REGION: '', AWS_DEFAULT_REGION: '  ' }, profileRegion: 'ap-south-1' }, 'ap-south-1', 'profile'],
    [{ region: ' us-east-1 ', env: {} }, 'us-east-1', 'option'],
    [{ region: 'default', env: {} }, 'default', 'option'],
  ] as const)('%j -> %s from %s', (inputs, region, source) => {
    expect(resolveRegion(inputs)).toEqual({ region, source, fips: false });
  });

  it('turns FIPS pseudo-regions into the region plus the FIPS flag', () => {
    expect(resolveRegion({ region: 'fips-us-gov-west-1', env: {} })).toEqual({ region: 'us-gov-west-1', source: 'option', fips: true });
    expect(resolveRegion({ env: { AWS_REGION: 'us-east-1-fips' } })).toEqual({ region: 'us-east-1', source: 'env:AWS_REGION', fips: true });
  });

  it('missing region: typed error that says what to do', () => {
    expect(() => resolveRegion({ env: {}, profile: 'dev' })).toThrow(expect.objectContaining({ code: 'CLIENT_MISSING_REGION' }));
    expect(() => resolveRegion({ env: {}, profile: 'dev' })).toThrow(/AWS_REGION.*profile "dev"/);
  });

  it.each(['us east 1', 'us_east_1', '-us-east-1', 'us-east-1-', '1234', 'a'.repeat(64), 'eu-west-1/../x', 'é'])('invalid region %j: typed error naming the value and the source', (bad) => {
    expect(() => resolveRegion({ env: { AWS_REGION: bad } })).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_REGION' }));
    expect(() => resolveRegion({ env: { AWS_REGION: bad } })).toThrow(/from AWS_REGION/);
  });
});
