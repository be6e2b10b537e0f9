import { CredentialsError } from './errors.js';
import { envValue, isFlagOn, type Env } from './provider.js';
import type { ProfileData, SharedConfig } from './shared-config.js';

/** How to reach STS. */
export interface StsTarget {
  readonly endpoint: URL;
  readonly region: string;
}

/** Inputs of {@link resolveStsTarget}; each may be absent. */
export interface StsTargetInput {
  /** Explicit endpoint (option `stsEndpoint`). */
  endpoint?: string | undefined;
  /** Explicit region (option `stsRegion`). */
  region?: string | undefined;
  env: Env;
  /** The profile whose settings apply (the role profile for assume-role). */
  profile?: ProfileData | undefined;
  /** The parsed shared files, for a `[services x]` section named by the profile. */
  config?: SharedConfig | undefined;
}

const REGION = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * Picks STS's region and endpoint.
 *
 * Region: option, the profile's `region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, then `us-east-1` (the SDK's STS default).
 * Endpoint (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): option,
 * `AWS_ENDPOINT_URL_STS`, the profile's `[services]` `sts.endpoint_url`, `AWS_ENDPOINT_URL`, the profile's
 * `endpoint_url`, then the regional `https://sts.<region>.amazonaws.com`. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`
 * (or the profile's `ignore_configured_endpoint_urls`) turns off the env/config endpoints.
 */
export function resolveStsTarget(input: StsTargetInput): StsTarget {
  const { env, profile } = input;
  const region =
    input.region ?? profile?.['region'] ?? envValue(env, 'AWS_REGION') ?? envValue(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1';
  if (!REGION.test(region)) {
    throw new CredentialsError('CREDENTIALS_INVALID_CONFIG', `STS region ${JSON.stringify(region)} is not a valid AWS region name`);
  }
  const ignore = isFlagOn(envValue(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS') ?? profile?.['ignore_configured_endpoint_urls']);
  const servicesName = profile?.['services'];
  const fromServices = servicesName === undefined ? undefined : input.config?.services.get(servicesName)?.['sts.endpoint_url'];
  const configured = ignore
    ? undefined
    : (envValue(env, 'AWS_ENDPOINT_URL_STS') ?? fromServices ?? envValue(env, 'AWS_ENDPOINT_URL') ?? profile?.['endpoint_url']);
  const raw = input.endpoint ?? configured ?? `https://sts.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  let endpoint: URL;
  try {
    endpoint = new URL(raw);
  } catch (e) {
    throw new CredentialsError('CREDENTIALS_INVALID_CONFIG', `STS endpoint ${JSON.stringify(raw)} is not a URL`, { cause: e });
  }
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new CredentialsError('CREDENTIALS_INVALID_CONFIG', `STS endpoint ${JSON.stringify(raw)} must be http(s)`);
  }
  return { endpoint, region };
}
