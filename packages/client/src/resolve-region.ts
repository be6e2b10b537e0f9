import { ClientError } from './errors.js';

/** Where the region came from. */
export type RegionSource = 'option' | 'env:AWS_REGION' | 'env:AWS_DEFAULT_REGION' | 'profile';

/** Inputs of {@link resolveRegion}; all already read, so the function is pure. */
export interface RegionInputs {
  readonly region?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The `region` setting of the selected profile. */
  readonly profileRegion?: string | undefined;
  /** Profile name, for the error message. */
  readonly profile?: string | undefined;
}

/** A resolved region. */
export interface ResolvedRegion {
  readonly region: string;
  readonly source: RegionSource;
  /** True when the region was a FIPS pseudo-region (`fips-us-east-1`, `us-east-1-fips`), which the SDKs accept. */
  readonly fips: boolean;
}

// A DNS host label, as the SDKs' isValidHostLabel checks the region: 1-63 letters, digits and hyphens, no leading or
// trailing hyphen, not all digits.
const hostLabel = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$/;

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/**
 * Picks the region: the `region` option, then `AWS_REGION`, then `AWS_DEFAULT_REGION` (read by the AWS CLI and
 * boto3; the JS SDK ignores it), then the profile's `region`. Empty values count as unset. FIPS pseudo-regions are
 * turned into the real region plus the FIPS flag.
 *
 * @throws ClientError `CLIENT_MISSING_REGION` or `CLIENT_INVALID_REGION`.
 * @example
 * ```ts
 * resolveRegion({ env: { AWS_REGION: 'eu-west-1' } }); // { region: 'eu-west-1', source: 'env:AWS_REGION', fips: false }
 * ```
 */
export function resolveRegion(inputs: RegionInputs): ResolvedRegion {
  const candidates: [RegionSource, string | undefined][] = [
    ['option', inputs.region],
    ['env:AWS_REGION', inputs.env.AWS_REGION],
    ['env:AWS_DEFAULT_REGION', inputs.env.AWS_DEFAULT_REGION],
    ['profile', inputs.profileRegion],
  ];
  const found = candidates.find((c): c is [RegionSource, string] => set(c[1]));
  if (!found) {
    const profile = inputs.profile ?? 'default';
    throw new ClientError(
      'CLIENT_MISSING_REGION',
      `No AWS region configured: pass { region: 'us-east-1' } (or your region), set AWS_REGION, or add "region = ..." to profile "${profile}" in ~/.aws/config`,
    );
  }
  const [source, raw] = found;
  const value = raw.trim();
  let region = value;
  let fips = false;
  if (region.startsWith('fips-') || region.endsWith('-fips')) {
    region = region.replace(/^fips-/, '').replace(/-fips$/, '');
    fips = true;
  }
  if (!hostLabel.test(region)) {
    const where = source === 'option' ? 'the region option' : source === 'profile' ? 'the profile' : source.slice(4);
    throw new ClientError(
      'CLIENT_INVALID_REGION',
      `Invalid AWS region ${JSON.stringify(value.slice(0, 80))} from ${where}: a region is a DNS label such as "us-east-1" (letters, digits and hyphens)`,
      { value: value.slice(0, 80) },
    );
  }
  return { region, source, fips };
}
