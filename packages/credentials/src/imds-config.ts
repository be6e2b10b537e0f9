import { CredentialsError } from './errors.js';
import { envValue, isFlagOn, type Env } from './provider.js';

/** IMDS settings after env, config file and options are combined. */
export interface ImdsConfig {
  readonly endpoint: URL;
  readonly disabled: boolean;
  readonly v1Disabled: boolean;
  /** Why v1 is disabled, for the error message. */
  readonly v1DisabledBy: string | undefined;
  /** A fixed role name (skips role discovery), from `AWS_EC2_INSTANCE_PROFILE_NAME` / `ec2_instance_profile_name`. */
  readonly roleName: string | undefined;
}

/** Explicit IMDS options; each wins over env and config. */
export interface ImdsOptions {
  /** IMDS base URL. @default env AWS_EC2_METADATA_SERVICE_ENDPOINT, config ec2_metadata_service_endpoint, or by mode */
  endpoint?: string | undefined;
  /** `IPv4` (http://169.254.169.254) or `IPv6` (http://[fd00:ec2::254]). @default env/config, else IPv4 */
  endpointMode?: 'IPv4' | 'IPv6' | undefined;
  /** Refuse the IMDSv1 fallback. @default env AWS_EC2_METADATA_V1_DISABLED / config ec2_metadata_v1_disabled, else false */
  ec2MetadataV1Disabled?: boolean | undefined;
}

const BY_MODE: Record<string, string> = { ipv4: 'http://169.254.169.254', ipv6: 'http://[fd00:ec2::254]' };

/** Combines options, env and the profile's config settings (https://docs.aws.amazon.com/sdkref/latest/guide/feature-imds-client.html). */
export function imdsConfig(opts: ImdsOptions, env: Env, profile: Record<string, string>): ImdsConfig {
  const mode = opts.endpointMode ?? envValue(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE') ?? profile['ec2_metadata_service_endpoint_mode'];
  const byMode = mode === undefined ? BY_MODE['ipv4'] : BY_MODE[mode.toLowerCase()];
  if (byMode === undefined) {
    throw new CredentialsError(
      'CREDENTIALS_INVALID_CONFIG',
      `IMDS endpoint mode ${JSON.stringify(mode)} is not IPv4 or IPv6 (AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode)`,
      { source: 'imds' },
    );
  }
  const raw = opts.endpoint ?? envValue(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT') ?? profile['ec2_metadata_service_endpoint'] ?? byMode;
  let endpoint: URL;
  try {
    endpoint = new URL(raw);
  } catch (e) {
    throw new CredentialsError('CREDENTIALS_INVALID_CONFIG', `IMDS endpoint ${JSON.stringify(raw)} is not a URL`, { source: 'imds', cause: e });
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new CredentialsError('CREDENTIALS_INVALID_CONFIG', `IMDS endpoint ${JSON.stringify(raw)} must be http(s)`, { source: 'imds' });
  }
  const envV1 = envValue(env, 'AWS_EC2_METADATA_V1_DISABLED');
  const cfgV1 = profile['ec2_metadata_v1_disabled'];
  let v1DisabledBy: string | undefined;
  if (opts.ec2MetadataV1Disabled === true) v1DisabledBy = 'the ec2MetadataV1Disabled option';
  else if (opts.ec2MetadataV1Disabled === undefined && envV1 !== undefined && isFlagOn(envV1)) v1DisabledBy = 'AWS_EC2_METADATA_V1_DISABLED';
  else if (opts.ec2MetadataV1Disabled === undefined && envV1 === undefined && isFlagOn(cfgV1)) v1DisabledBy = 'config ec2_metadata_v1_disabled';
  return {
    endpoint,
    disabled: isFlagOn(envValue(env, 'AWS_EC2_METADATA_DISABLED')),
    v1Disabled: v1DisabledBy !== undefined,
    v1DisabledBy,
    roleName: envValue(env, 'AWS_EC2_INSTANCE_PROFILE_NAME') ?? profile['ec2_instance_profile_name'],
  };
}
