import type { AwsCredentials } from './aws-credentials.js';
import { CredentialsError, isCredentialsError } from './errors.js';
import { envOf, envValue, type Provider } from './provider.js';
import { resolveProfile, type ResolveProfileInit } from './resolve-profile.js';
import { loadSharedConfig, mergedProfile, profileName, type SharedConfigInit } from './shared-config.js';

/** Options of {@link fromIni} and {@link fromProcess}. */
export interface FromIniInit extends ResolveProfileInit, SharedConfigInit {
  /**
   * Profile to use.
   * @default AWS_PROFILE or "default"
   */
  profile?: string | undefined;
}

/**
 * Credentials from a profile of the shared files (`~/.aws/credentials`, `~/.aws/config`): static keys,
 * `credential_process`, `role_arn` with `source_profile` / `credential_source` (STS AssumeRole, chained, with cycle
 * detection), or `web_identity_token_file` (STS AssumeRoleWithWebIdentity). For credential keys the credentials file
 * wins over the config file. A missing default profile is "not found"; a profile chosen explicitly (option or
 * `AWS_PROFILE`) that does not exist is a `CREDENTIALS_PROFILE_INVALID` error.
 *
 * @example
 * const creds = await fromIni({ profile: 'dev' })();
 */
export function fromIni(init: FromIniInit = {}): Provider<AwsCredentials> {
  return async () => {
    const env = envOf(init);
    const cfg = await loadSharedConfig(init);
    const name = profileName(init.profile, env);
    try {
      return await resolveProfile(name, cfg, init, env);
    } catch (e) {
      const explicit = init.profile !== undefined || envValue(env, 'AWS_PROFILE') !== undefined;
      if (explicit && isCredentialsError(e) && e.code === 'CREDENTIALS_NOT_FOUND' && mergedProfile(cfg, name, 'credentials') === undefined) {
        const via = init.profile !== undefined ? 'the profile option' : 'AWS_PROFILE';
        throw new CredentialsError('CREDENTIALS_PROFILE_INVALID', `profile ${name} (from ${via}) is not in ${cfg.configFile} or ${cfg.credentialsFile}`, {
          source: `profile:${name}`,
          cause: e,
        });
      }
      throw e;
    }
  };
}

/**
 * Credentials from the `credential_process` of a profile only (a narrower {@link fromIni}). The command runs through
 * the shell, must print `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}` and is
 * killed after `processTimeoutMs`.
 *
 * @example
 * const creds = await fromProcess({ profile: 'vault' })();
 */
export function fromProcess(init: FromIniInit = {}): Provider<AwsCredentials> {
  return async () => {
    const env = envOf(init);
    const cfg = await loadSharedConfig(init);
    const name = profileName(init.profile, env);
    const data = mergedProfile(cfg, name, 'credentials');
    if (data?.['credential_process'] === undefined) {
      throw new CredentialsError('CREDENTIALS_NOT_FOUND', `profile ${name} has no credential_process`, { source: `process:${name}` });
    }
    const processOnly = Object.create(null) as Record<string, string>;
    processOnly['credential_process'] = data['credential_process'];
    // Resolve a copy of the profile that holds only credential_process, so keys or roles next to it are ignored.
    return resolveProfile(name, { ...cfg, configProfiles: new Map([[name, processOnly]]), credentialsProfiles: new Map() }, init, env);
  };
}
