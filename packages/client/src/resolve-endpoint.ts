import { defaultEndpoint } from './default-endpoint.js';
import { ClientError } from './errors.js';

/** Where the endpoint came from. */
export type EndpointSource =
  | 'option'
  | `env:AWS_ENDPOINT_URL_${string}`
  | 'env:AWS_ENDPOINT_URL'
  | 'config:services'
  | 'config:profile'
  | 'default';

/** Inputs of {@link resolveEndpoint}; everything already read, so the function is pure. */
export interface EndpointInputs {
  /** Endpoint prefix / signing name, e.g. `sts`, `iam`, `s3`. */
  readonly service: string;
  /** The SDK service id, e.g. `STS`, `DynamoDB`, `Elastic Load Balancing v2`. @default service */
  readonly serviceId?: string | undefined;
  readonly region: string;
  /** True when the region was a FIPS pseudo-region. */
  readonly regionFips?: boolean | undefined;
  readonly endpoint?: string | URL | undefined;
  readonly useFipsEndpoint?: boolean | undefined;
  readonly useDualstackEndpoint?: boolean | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Settings of the selected profile (`endpoint_url`, `use_fips_endpoint`, ...). */
  readonly profile?: Readonly<Record<string, string | undefined>> | undefined;
  /** The profile's `[services x]` section: service key (`sts`, `elastic_load_balancing_v2`) to its settings. */
  readonly services?: Readonly<Record<string, Readonly<Record<string, string | undefined>>>> | undefined;
}

/** A resolved endpoint. */
export interface ResolvedEndpoint {
  readonly endpoint: URL;
  readonly source: EndpointSource;
  /** The region for the credential scope. */
  readonly signingRegion: string;
  readonly useFipsEndpoint: boolean;
  readonly useDualstackEndpoint: boolean;
}

/**
 * `AWS_ENDPOINT_URL_<SERVICE>`: the service id upper-cased with spaces as underscores (the SDKs' transformation).
 *
 * @example
 * ```ts
 * endpointEnvName('Secrets Manager'); // 'AWS_ENDPOINT_URL_SECRETS_MANAGER'
 * ```
 */
export const endpointEnvName = (serviceId: string): string => `AWS_ENDPOINT_URL_${serviceId.trim().toUpperCase().replace(/[ -]/g, '_')}`;

/**
 * The key of a service inside a `[services x]` config section: the service id lower-cased, spaces as underscores.
 *
 * @example
 * ```ts
 * servicesKey('Elastic Load Balancing v2'); // 'elastic_load_balancing_v2'
 * ```
 */
export const servicesKey = (serviceId: string): string => serviceId.trim().toLowerCase().replace(/[ -]/g, '_');

function flag(name: string, option: boolean | undefined, envValue: string | undefined, profileValue: string | undefined): boolean | undefined {
  if (option !== undefined) return option;
  for (const [where, raw] of [[name, envValue], [name.toLowerCase().replace(/^aws_/, ''), profileValue]] as const) {
    if (raw === undefined || raw.trim() === '') continue;
    const v = raw.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw new ClientError('CLIENT_INVALID_OPTION', `${where} must be "true" or "false", got ${JSON.stringify(raw.slice(0, 40))}`, { value: raw.slice(0, 40) });
  }
  return undefined;
}

/**
 * Validates an endpoint URL: absolute `http:` or `https:`, no user name or password, no query or fragment.
 * A bare `host:port` is refused rather than guessed.
 *
 * @throws ClientError `CLIENT_INVALID_ENDPOINT`
 */
export function parseEndpoint(value: string | URL, source: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ClientError('CLIENT_INVALID_ENDPOINT', `Endpoint ${JSON.stringify(String(value).slice(0, 200))} from ${source} is not an absolute URL; use e.g. "http://127.0.0.1:7480"`, { cause, value: String(value).slice(0, 200) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ClientError('CLIENT_INVALID_ENDPOINT', `Endpoint from ${source} must use http: or https:, not ${url.protocol} (${url.host}); use e.g. "https://${url.host || 'host'}"`, { value: url.protocol });
  }
  if (url.username !== '' || url.password !== '') {
    throw new ClientError('CLIENT_INVALID_ENDPOINT', `Endpoint from ${source} must not contain a user name or password (${url.protocol}//…@${url.host}); pass credentials separately`, { value: url.host });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ClientError('CLIENT_INVALID_ENDPOINT', `Endpoint from ${source} must not contain a query or fragment (${url.origin}${url.pathname}…)`, { value: url.origin });
  }
  return url;
}

/**
 * Resolves the endpoint in the order of the AWS SDKs' "service-specific endpoints" feature:
 * 1. the `endpoint` option; 2. `AWS_ENDPOINT_URL_<SERVICE>`; 3. `AWS_ENDPOINT_URL`; 4. `endpoint_url` in the
 * profile's `[services x]` section; 5. the profile's `endpoint_url`; 6. the service's default endpoint for the
 * region and the FIPS / dual-stack flags. Steps 2-5 are skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the
 * profile's `ignore_configured_endpoint_urls`) is `true`. Like the SDKs, a custom endpoint together with FIPS or
 * dual-stack is an error.
 *
 * @throws ClientError `CLIENT_INVALID_ENDPOINT` or `CLIENT_INVALID_OPTION`
 * @example
 * ```ts
 * resolveEndpoint({ service: 'sts', region: 'eu-west-1', env: {} }).endpoint.href; // 'https://sts.eu-west-1.amazonaws.com/'
 * ```
 */
export function resolveEndpoint(inputs: EndpointInputs): ResolvedEndpoint {
  const { env, region } = inputs;
  const profile = inputs.profile ?? {};
  const serviceId = inputs.serviceId ?? inputs.service;
  const fipsFlag = flag('AWS_USE_FIPS_ENDPOINT', inputs.useFipsEndpoint, env.AWS_USE_FIPS_ENDPOINT, profile.use_fips_endpoint);
  // A FIPS pseudo-region (fips-us-east-1) turns FIPS on whatever the flags say, as in the SDKs.
  const fips = inputs.regionFips === true || (fipsFlag ?? false);
  const dualStack = flag('AWS_USE_DUALSTACK_ENDPOINT', inputs.useDualstackEndpoint, env.AWS_USE_DUALSTACK_ENDPOINT, profile.use_dualstack_endpoint) ?? false;
  const ignoreConfigured =
    flag('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined, env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, profile.ignore_configured_endpoint_urls) ?? false;

  const envName = endpointEnvName(serviceId);
  const candidates: [EndpointSource, string, string | URL | undefined][] = [['option', 'the endpoint option', inputs.endpoint]];
  if (!ignoreConfigured) {
    candidates.push(
      [`env:${envName}` as EndpointSource, envName, env[envName]],
      ['env:AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL', env.AWS_ENDPOINT_URL],
      ['config:services', `endpoint_url for ${servicesKey(serviceId)} in the profile's services section`, inputs.services?.[servicesKey(serviceId)]?.endpoint_url],
      ['config:profile', "the profile's endpoint_url", profile.endpoint_url],
    );
  }
  const configured = candidates.find((c) => c[2] !== undefined && String(c[2]).trim() !== '');
  if (configured) {
    const [source, where, value] = configured;
    const endpoint = parseEndpoint(typeof value === 'string' ? value.trim() : (value as URL), where);
    if (fips || dualStack) {
      throw new ClientError(
        'CLIENT_INVALID_OPTION',
        `A custom endpoint (${where}: ${endpoint.origin}) cannot be combined with ${fips ? 'FIPS' : 'dual-stack'} endpoints, as in the AWS SDKs; unset ${fips ? 'AWS_USE_FIPS_ENDPOINT / useFipsEndpoint' : 'AWS_USE_DUALSTACK_ENDPOINT / useDualstackEndpoint'} or the custom endpoint`,
        { value: endpoint.origin },
      );
    }
    return { endpoint, source, signingRegion: region, useFipsEndpoint: false, useDualstackEndpoint: false };
  }
  const d = defaultEndpoint(inputs.service, region, fips, dualStack);
  return { endpoint: new URL(d.url), source: 'default', signingRegion: d.signingRegion, useFipsEndpoint: fips, useDualstackEndpoint: dualStack };
}
