import { readFile } from 'node:fs/promises';
import type { AwsCredentials, RedactedCredentials } from './aws-credentials.js';
import { CredentialsError } from './errors.js';
import { envOf, envValue, type Env, type Provider, type ProviderInit } from './provider.js';
import type { ProfileData, SharedConfig } from './shared-config.js';
import { stsAssumeRoleWithWebIdentity } from './sts-call.js';
import { resolveStsTarget } from './sts-endpoint.js';
import type { StsInit } from './sts-init.js';

/** Options of {@link fromWebIdentity}. */
export interface FromWebIdentityInit extends ProviderInit, StsInit {
  /** File holding the OIDC token, re-read on every call. @default AWS_WEB_IDENTITY_TOKEN_FILE */
  webIdentityTokenFile?: string | undefined;
  /** Role to assume. @default AWS_ROLE_ARN */
  roleArn?: string | undefined;
  /** Session name. @default AWS_ROLE_SESSION_NAME, else rawaws-session-<ms> */
  roleSessionName?: string | undefined;
  /** Session duration in seconds. @default STS's (3600) */
  durationSeconds?: number | undefined;
}

/** Everything one AssumeRoleWithWebIdentity call needs. */
export interface WebIdentityCall {
  tokenFile: string;
  roleArn: string;
  roleSessionName: string | undefined;
  durationSeconds: number | undefined;
  source: string;
  env: Env;
  profile?: ProfileData | undefined;
  config?: SharedConfig | undefined;
}

/** Reads the token file and calls STS AssumeRoleWithWebIdentity (unsigned). The token never appears in errors. */
export async function assumeRoleWithWebIdentity(call: WebIdentityCall, init: StsInit): Promise<RedactedCredentials> {
  let token: string;
  try {
    token = (await readFile(call.tokenFile, 'utf8')).trim();
  } catch (e) {
    throw new CredentialsError('CREDENTIALS_WEB_IDENTITY_TOKEN', `Web identity token file ${call.tokenFile} cannot be read`, {
      source: call.source,
      file: call.tokenFile,
      cause: e,
    });
  }
  if (token === '') {
    throw new CredentialsError('CREDENTIALS_WEB_IDENTITY_TOKEN', `Web identity token file ${call.tokenFile} is empty`, {
      source: call.source,
      file: call.tokenFile,
    });
  }
  const target = resolveStsTarget({ endpoint: init.stsEndpoint, region: init.stsRegion, env: call.env, profile: call.profile, config: call.config });
  return stsAssumeRoleWithWebIdentity(
    {
      RoleArn: call.roleArn,
      RoleSessionName: call.roleSessionName ?? `rawaws-session-${(init.now ?? Date.now)()}`,
      WebIdentityToken: token,
      DurationSeconds: call.durationSeconds,
    },
    { ...target, transport: init.transport, source: call.source },
  );
}

/**
 * Credentials from STS AssumeRoleWithWebIdentity with `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`
 * (+ `AWS_ROLE_SESSION_NAME`), as on EKS with IRSA. Fails with `CREDENTIALS_NOT_FOUND` unless both are set.
 *
 * @example
 * const creds = await fromWebIdentity({ stsEndpoint: 'http://127.0.0.1:4566' })();
 */
export function fromWebIdentity(init: FromWebIdentityInit = {}): Provider<AwsCredentials> {
  return async () => {
    const env = envOf(init);
    const tokenFile = init.webIdentityTokenFile ?? envValue(env, 'AWS_WEB_IDENTITY_TOKEN_FILE');
    const roleArn = init.roleArn ?? envValue(env, 'AWS_ROLE_ARN');
    if (tokenFile === undefined || roleArn === undefined) {
      const missing = [tokenFile === undefined && 'AWS_WEB_IDENTITY_TOKEN_FILE', roleArn === undefined && 'AWS_ROLE_ARN'].filter(Boolean);
      throw new CredentialsError('CREDENTIALS_NOT_FOUND', `${missing.join(' and ')} not set`, { source: 'web-identity' });
    }
    return assumeRoleWithWebIdentity(
      {
        tokenFile,
        roleArn,
        roleSessionName: init.roleSessionName ?? envValue(env, 'AWS_ROLE_SESSION_NAME'),
        durationSeconds: init.durationSeconds,
        source: 'web-identity',
        env,
      },
      init,
    );
  };
}
