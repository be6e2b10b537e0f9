import type { AwsCredentials } from './aws-credentials.js';
import { chain, traceChain, type ChainTrace } from './chain.js';
import { containerCredentialsUrl } from './container-uri.js';
import { CredentialsError } from './errors.js';
import { fromContainer } from './from-container.js';
import { fromEnv } from './from-env.js';
import { fromImds } from './from-imds.js';
import { fromIni, type FromIniInit } from './from-ini.js';
import { fromWebIdentity } from './from-web-identity.js';
import { memoize, type MemoizeOptions } from './memoize.js';
import { consoleLogger, envOf, envValue, type Provider } from './provider.js';

/** Options of {@link defaultCredentials}. */
export interface DefaultCredentialsInit extends FromIniInit {
  /**
   * Caching options, or `false` for an uncached chain.
   * @default {} (memoized, 5-minute refresh window)
   */
  memoize?: MemoizeOptions | false | undefined;
}

/**
 * The default credential chain, in the JS SDK's order, memoized:
 * 1. `env` — `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (skipped when a profile is chosen explicitly, as in the JS SDK);
 * 2. `profile:<name>` — the shared files, incl. credential_process, assume-role and web identity (SSO profiles fail
 *    with `CREDENTIALS_SSO_UNSUPPORTED`);
 * 3. `web-identity` — `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`;
 * 4. `container` when `AWS_CONTAINER_CREDENTIALS_*_URI` is set, otherwise `imds`.
 *
 * When nothing is found the error lists every source and why it was skipped.
 *
 * @example
 * const provider = defaultCredentials();
 * const { accessKeyId, source } = await provider();
 */
export function defaultCredentials(init: DefaultCredentialsInit = {}): Provider<AwsCredentials> {
  const all = chain(...defaultProviders(init));
  return init.memoize === false ? all : memoize(all, init.memoize);
}

/**
 * Runs the default chain once, uncached, and reports which source answered and why each earlier one was skipped
 * (for `whoami`-style diagnostics). Never throws: a terminal error is returned as `error`.
 *
 * @example
 * const { credentials, skipped, error } = await explainDefaultCredentials();
 * console.log(credentials?.source, skipped.map((s) => `${s.source}: ${s.message}`));
 */
export function explainDefaultCredentials(init: DefaultCredentialsInit = {}): Promise<ChainTrace> {
  return traceChain(defaultProviders(init));
}

function defaultProviders(init: DefaultCredentialsInit): Provider<AwsCredentials>[] {
  const env = fromEnv(init);
  const envUnlessProfile: Provider<AwsCredentials> = () => {
    const e = envOf(init);
    const profile = init.profile ?? envValue(e, 'AWS_PROFILE');
    if (profile === undefined) return env();
    if (envValue(e, 'AWS_ACCESS_KEY_ID') !== undefined && envValue(e, 'AWS_SECRET_ACCESS_KEY') !== undefined) {
      (init.logger ?? consoleLogger).warn(`AWS_ACCESS_KEY_ID is set, but profile ${profile} was chosen explicitly, so the profile is used`);
    }
    return Promise.reject(
      new CredentialsError('CREDENTIALS_SKIPPED', `profile ${profile} was chosen explicitly, so env keys are not used`, { source: 'env' }),
    );
  };
  const container = fromContainer({ ...init, ...init.container });
  const imds = fromImds({ ...init, ...init.imds });
  const remote: Provider<AwsCredentials> = () => (containerCredentialsUrl(envOf(init)) !== undefined ? container() : imds());
  return [envUnlessProfile, fromIni(init), fromWebIdentity(init), remote];
}
