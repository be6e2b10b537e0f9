import { defaultCredentials, type Provider } from '@rawaws/credentials';
import { createTransport, type Transport, type TransportRequest, type TransportResponse } from '@rawaws/http';
import type { Credentials } from '@rawaws/sigv4';
import { buildUrl } from './build-url.js';
import type { AwsClient, ClientOptions, ExpectedStatus, ResolvedConfig, SendRequest } from './client-types.js';
import { ClientError } from './errors.js';
import { jsonCall } from './json-call.js';
import { loadConfigSettings, type ConfigSettings } from './load-config-settings.js';
import { parseAwsError } from './parse-aws-error.js';
import { queryCall } from './query-call.js';
import { resolveEndpoint } from './resolve-endpoint.js';
import { resolveRegion } from './resolve-region.js';
import { restCall } from './rest-call.js';
import { defaultServiceId } from './service-id.js';
import { payloadHashFor, signingPrepare } from './signer.js';

const serviceName = /^[a-z0-9][a-z0-9-]{0,62}$/;

function credentialSource(opt: ClientOptions['credentials'], profile: string | undefined, env: Readonly<Record<string, string | undefined>>): () => Promise<Credentials | null> {
  if (opt === null) return () => Promise.resolve(null);
  if (typeof opt === 'function') return opt;
  if (opt !== undefined) {
    if (typeof opt.accessKeyId !== 'string' || opt.accessKeyId === '' || typeof opt.secretAccessKey !== 'string' || opt.secretAccessKey === '') {
      throw new ClientError('CLIENT_INVALID_OPTION', 'credentials need a non-empty accessKeyId and secretAccessKey (or pass a provider, or null for unsigned requests)', { value: 'credentials' });
    }
    return () => Promise.resolve(opt);
  }
  const provider: Provider<Credentials> = defaultCredentials({ ...(profile === undefined ? {} : { profile }), env: env as NodeJS.ProcessEnv });
  return provider;
}

const isExpected = (status: number, expected: ExpectedStatus | undefined): boolean =>
  expected === undefined ? status >= 200 && status < 300 : typeof expected === 'function' ? expected(status) : expected.includes(status);

/**
 * Creates a client for one AWS (or AWS-compatible) service. Nothing is read or sent until the first call:
 * region and endpoint are resolved once (see {@link AwsClient.resolveConfig}), credentials are asked from the
 * provider before every attempt, and every attempt is signed with the transport's skew-corrected clock.
 *
 * @throws ClientError `CLIENT_INVALID_SERVICE` / `CLIENT_INVALID_OPTION` for bad options (synchronously).
 * @example
 * ```ts
 * const sts = createClient({ service: 'sts', region: 'us-east-1' });
 * const me = await sts.query('GetCallerIdentity', {}, { version: '2011-06-15' });
 * console.log(me.Arn);
 * ```
 */
export function createClient(opts: ClientOptions): AwsClient {
  if (typeof opts?.service !== 'string' || !serviceName.test(opts.service)) {
    throw new ClientError('CLIENT_INVALID_SERVICE', `Invalid service ${JSON.stringify(String(opts?.service).slice(0, 64))}: use the endpoint prefix, e.g. "sts", "iam", "s3"`, { value: String(opts?.service).slice(0, 64) });
  }
  const env = opts.env ?? { ...process.env };
  const profileName = opts.profile ?? (env.AWS_PROFILE?.trim() || undefined);
  const credentials = credentialSource(opts.credentials, profileName, env);
  const ownTransport = opts.transport === undefined;
  const transport: Transport = opts.transport ?? createTransport({ env: { ...env } });
  const signingName = opts.signingName ?? opts.service;

  let config: Promise<ResolvedConfig> | undefined;
  const resolveConfig = (): Promise<ResolvedConfig> => {
    config ??= (async () => {
      // The config file is only read when the options leave something open.
      const needFile = opts.region === undefined || opts.endpoint === undefined;
      const file: ConfigSettings = needFile ? await loadConfigSettings(profileName, env) : { profile: {}, services: {} };
      const region = resolveRegion({ region: opts.region, env, profileRegion: file.profile.region, profile: profileName });
      const ep = resolveEndpoint({
        service: opts.service,
        serviceId: opts.serviceId ?? defaultServiceId(opts.service),
        region: region.region,
        regionFips: region.fips,
        endpoint: opts.endpoint,
        useFipsEndpoint: opts.useFipsEndpoint,
        useDualstackEndpoint: opts.useDualstackEndpoint,
        env,
        profile: file.profile,
        services: file.services,
      });
      return {
        service: opts.service,
        signingName,
        region: region.region,
        regionSource: region.source,
        signingRegion: ep.signingRegion,
        endpoint: ep.endpoint,
        endpointSource: ep.source,
        useFipsEndpoint: ep.useFipsEndpoint,
        useDualstackEndpoint: ep.useDualstackEndpoint,
        profile: profileName ?? 'default',
      };
    })();
    // A failure (bad config file being edited, say) is not cached: the next call tries again.
    config.catch(() => (config = undefined));
    return config;
  };

  const send = async (req: SendRequest): Promise<TransportResponse> => {
    const cfg = await resolveConfig();
    const url = buildUrl(cfg.endpoint, req);
    const operation = req.operation ?? `${req.method} ${new URL(url).pathname}`;
    const s3 = req.s3 ?? opts.service === 's3';
    const payloadHash = payloadHashFor(req.body, req.payloadHash, s3, operation);
    const headers = { ...req.headers };
    const treq: TransportRequest = {
      method: req.method,
      url,
      headers,
      prepare: signingPrepare({ credentials, region: cfg.signingRegion, service: signingName, s3, payloadHash }, headers),
      ...(req.body === undefined ? {} : { body: req.body }),
      ...(req.signal === undefined ? {} : { signal: req.signal }),
      ...(req.idempotent === undefined ? {} : { idempotent: req.idempotent }),
      ...(req.responseBody === undefined ? {} : { responseBody: req.responseBody }),
    };
    const res = await transport.send(treq);
    if (isExpected(res.status, req.expectedStatus)) return res;
    let body: Uint8Array | string;
    try {
      body = await res.bytes();
    } catch {
      body = '';
    }
    throw parseAwsError({ status: res.status, headers: res.headers, body }, { operation, attempts: res.attempts });
  };

  const client: AwsClient = {
    resolveConfig,
    send,
    query: (action, params, queryOpts) => queryCall(client, opts.service, action, params, queryOpts),
    json: (target, body, jsonOpts) => jsonCall(client, opts.service, target, body, jsonOpts),
    rest: (req) => restCall(client, req),
    close: () => (ownTransport ? transport.close() : Promise.resolve()),
  };
  return client;
}
