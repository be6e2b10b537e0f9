import { createCredentials, type AwsCredentials, type RedactedCredentials } from './aws-credentials.js';
import { CredentialsError, isNotFoundHere } from './errors.js';
import { fromContainer, type FromContainerInit } from './from-container.js';
import { fromEnv } from './from-env.js';
import { fromImds, type FromImdsInit } from './from-imds.js';
import { assumeRoleWithWebIdentity } from './from-web-identity.js';
import type { Env, Provider, ProviderInit } from './provider.js';
import { runCredentialProcess } from './run-credential-process.js';
import { mergedProfile, type ProfileData, type SharedConfig } from './shared-config.js';
import { stsAssumeRole, type AssumeRoleParams } from './sts-call.js';
import { resolveStsTarget } from './sts-endpoint.js';
import type { StsInit } from './sts-init.js';

/** Options that shape how a profile is turned into credentials. */
export interface ResolveProfileInit extends ProviderInit, StsInit {
  /** Asked for the current MFA code when a role profile has `mfa_serial`. Without it such profiles fail. */
  mfaCodeProvider?: ((mfaSerial: string) => Promise<string>) | undefined;
  /**
   * Kill a `credential_process` after this many milliseconds.
   * @default 60000
   */
  processTimeoutMs?: number | undefined;
  /** Options for `credential_source = Ec2InstanceMetadata`. */
  imds?: FromImdsInit | undefined;
  /** Options for `credential_source = EcsContainer`. */
  container?: FromContainerInit | undefined;
}

interface Ctx {
  init: ResolveProfileInit;
  env: Env;
  cfg: SharedConfig;
  top: string;
}

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'];

const isStatic = (d: ProfileData): boolean => d['aws_access_key_id'] !== undefined && d['aws_secret_access_key'] !== undefined;
// A profile that only names a credential_source (no role_arn) simply forwards that source's credentials.
const isSourceOnly = (d: ProfileData): boolean => d['role_arn'] === undefined && d['credential_source'] !== undefined;

/**
 * Resolves credentials for profile `name` following the JS SDK's order
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html): in a source profile static
 * keys win; otherwise role assumption, static keys, web identity, `credential_process`, then SSO (unsupported).
 */
export async function resolveProfile(name: string, cfg: SharedConfig, init: ResolveProfileInit, env: Env): Promise<RedactedCredentials> {
  const data = mergedProfile(cfg, name, 'credentials');
  if (data === undefined) {
    throw new CredentialsError('CREDENTIALS_NOT_FOUND', `profile ${name} is not in ${cfg.configFile} or ${cfg.credentialsFile}`, {
      source: `profile:${name}`,
    });
  }
  return resolve({ init, env, cfg, top: name }, name, data, [], false);
}

async function resolve(ctx: Ctx, name: string, data: ProfileData, visited: string[], forceRole: boolean): Promise<RedactedCredentials> {
  if (visited.length > 0 && isStatic(data)) return staticCredentials(name, data);
  if (forceRole || data['role_arn'] !== undefined) {
    if (data['source_profile'] !== undefined || data['credential_source'] !== undefined) return assumeRole(ctx, name, data, visited);
    if (data['web_identity_token_file'] === undefined) {
      throw invalid(name, 'has role_arn but no source_profile, credential_source or web_identity_token_file');
    }
  }
  if (isStatic(data)) return staticCredentials(name, data);
  const tokenFile = data['web_identity_token_file'];
  const roleArn = data['role_arn'];
  if (tokenFile !== undefined && roleArn !== undefined) {
    return assumeRoleWithWebIdentity(
      {
        tokenFile,
        roleArn,
        roleSessionName: data['role_session_name'],
        // Like the JS SDK and botocore, duration_seconds applies to AssumeRole only, not to web identity profiles.
        durationSeconds: undefined,
        source: `web-identity:${name}`,
        env: ctx.env,
        profile: data,
        config: ctx.cfg,
      },
      ctx.init,
    );
  }
  const command = data['credential_process'];
  if (command !== undefined) {
    return runCredentialProcess(command, {
      env: ctx.env,
      timeoutMs: ctx.init.processTimeoutMs ?? 60_000,
      source: `process:${name}`,
      now: ctx.init.now ?? Date.now,
    });
  }
  if (SSO_KEYS.some((k) => data[k] !== undefined)) {
    throw new CredentialsError(
      'CREDENTIALS_SSO_UNSUPPORTED',
      `profile ${name} uses IAM Identity Center (sso_*), which @rawaws/credentials does not implement; ` +
        `set credential_process = aws configure export-credentials --profile ${name} --format process in another profile`,
      { source: `profile:${name}` },
    );
  }
  if (visited.length === 0) {
    throw new CredentialsError('CREDENTIALS_NOT_FOUND', `profile ${name} has no credentials (no keys, role, process or web identity)`, {
      source: `profile:${name}`,
    });
  }
  throw invalid(name, `is used as source_profile by ${ctx.top} but has no credentials`);
}

function invalid(name: string, what: string, cause?: unknown): CredentialsError {
  return new CredentialsError('CREDENTIALS_PROFILE_INVALID', `profile ${name} ${what}`, { source: `profile:${name}`, cause });
}

function staticCredentials(name: string, data: ProfileData): RedactedCredentials {
  return createCredentials({
    accessKeyId: data['aws_access_key_id'] ?? '',
    secretAccessKey: data['aws_secret_access_key'] ?? '',
    sessionToken: data['aws_session_token'],
    accountId: data['aws_account_id'],
    source: `profile:${name}`,
  });
}

function durationSeconds(name: string, data: ProfileData): number | undefined {
  const raw = data['duration_seconds'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 900 || n > 43200) throw invalid(name, `has duration_seconds = ${raw}; use a whole number from 900 to 43200`);
  return n;
}

async function assumeRole(ctx: Ctx, name: string, data: ProfileData, visited: string[]): Promise<RedactedCredentials> {
  const sourceProfile = data['source_profile'];
  const credentialSource = data['credential_source'];
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw invalid(name, 'has both source_profile and credential_source; keep one');
  }
  let sourceCreds: Promise<RedactedCredentials>;
  if (sourceProfile !== undefined) {
    if (visited.includes(sourceProfile)) {
      throw new CredentialsError(
        'CREDENTIALS_PROFILE_CYCLE',
        `source_profile cycle while resolving profile ${ctx.top}: ${[ctx.top, ...visited, sourceProfile].join(' -> ')}`,
        { source: `profile:${ctx.top}` },
      );
    }
    const src = mergedProfile(ctx.cfg, sourceProfile, 'credentials');
    if (src === undefined) throw invalid(name, `has source_profile = ${sourceProfile}, which does not exist`);
    sourceCreds = resolve(ctx, sourceProfile, src, [...visited, sourceProfile], isSourceOnly(src));
  } else {
    sourceCreds = fromCredentialSource(ctx, name, credentialSource ?? '');
  }
  const roleArn = data['role_arn'];
  if (roleArn === undefined) return sourceCreds;
  // Settle the source first so its error (not an unhandled rejection) surfaces if MFA also fails.
  const source = await sourceCreds;
  const params: AssumeRoleParams = {
    RoleArn: roleArn,
    RoleSessionName: data['role_session_name'] ?? `rawaws-${(ctx.init.now ?? Date.now)()}`,
    ExternalId: data['external_id'],
    DurationSeconds: durationSeconds(name, data),
  };
  const serial = data['mfa_serial'];
  if (serial !== undefined) {
    if (ctx.init.mfaCodeProvider === undefined) {
      throw new CredentialsError(
        'CREDENTIALS_MFA_REQUIRED',
        `profile ${name} needs an MFA code for ${serial}; pass mfaCodeProvider: (serial) => Promise<code>`,
        { source: `profile:${name}` },
      );
    }
    params.SerialNumber = serial;
    params.TokenCode = await ctx.init.mfaCodeProvider(serial);
  }
  const target = resolveStsTarget({ endpoint: ctx.init.stsEndpoint, region: ctx.init.stsRegion, env: ctx.env, profile: data, config: ctx.cfg });
  return stsAssumeRole(source, params, { ...target, transport: ctx.init.transport, source: `assume-role:${name}` });
}

async function fromCredentialSource(ctx: Ctx, name: string, credentialSource: string): Promise<RedactedCredentials> {
  const base = { env: ctx.env, logger: ctx.init.logger };
  let provider: Provider<AwsCredentials>;
  if (credentialSource === 'Environment') provider = fromEnv(base);
  else if (credentialSource === 'Ec2InstanceMetadata') provider = fromImds({ ...base, ...ctx.init.imds });
  else if (credentialSource === 'EcsContainer') provider = fromContainer({ ...base, ...ctx.init.container });
  else throw invalid(name, `has credential_source = ${credentialSource}; expected Environment, Ec2InstanceMetadata or EcsContainer`);
  try {
    return (await provider()) as RedactedCredentials;
  } catch (e) {
    // The profile asked for this source explicitly, so "nothing there" is a configuration error, not a skip.
    if (isNotFoundHere(e)) throw invalid(name, `has credential_source = ${credentialSource}, but ${e.message}`, e);
    throw e;
  }
}
