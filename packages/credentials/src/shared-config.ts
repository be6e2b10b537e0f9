import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CredentialsError } from './errors.js';
import { parseIni, type IniSection } from './parse-ini.js';
import { envOf, envValue, type Env, type ProviderInit } from './provider.js';

/** A profile's settings, flattened (`s3.addressing_style`), with where each profile came from. */
export type ProfileData = Record<string, string>;

/** Both shared files, parsed and split by section type. */
export interface SharedConfig {
  /** Resolved path of the config file (`AWS_CONFIG_FILE` or `~/.aws/config`). */
  readonly configFile: string;
  /** Resolved path of the credentials file (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`). */
  readonly credentialsFile: string;
  /** Profiles of the config file: `[default]`, `[profile x]` (`[profile default]` replaces `[default]`). */
  readonly configProfiles: ReadonlyMap<string, ProfileData>;
  /** Profiles of the credentials file: `[x]`. */
  readonly credentialsProfiles: ReadonlyMap<string, ProfileData>;
  /** `[services x]` sections of the config file. */
  readonly services: ReadonlyMap<string, ProfileData>;
  /** `[sso-session x]` sections of the config file. */
  readonly ssoSessions: ReadonlyMap<string, ProfileData>;
}

/** Options for locating the shared files. */
export interface SharedConfigInit extends ProviderInit {
  /**
   * Path of the config file; `~/` is expanded.
   * @default AWS_CONFIG_FILE or ~/.aws/config
   */
  configFile?: string | undefined;
  /**
   * Path of the credentials file; `~/` is expanded.
   * @default AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
   */
  credentialsFile?: string | undefined;
}

/** Home directory as the SDKs find it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS. */
export function homeDir(env: Env): string {
  return (
    envValue(env, 'HOME') ??
    envValue(env, 'USERPROFILE') ??
    (envValue(env, 'HOMEPATH') === undefined ? undefined : `${env['HOMEDRIVE'] ?? 'C:\\'}${env['HOMEPATH']}`) ??
    homedir()
  );
}

function expandHome(path: string, env: Env): string {
  return path.startsWith('~/') ? join(homeDir(env), path.slice(2)) : path;
}

/** The profile name in effect: the option, else `AWS_PROFILE`, else `default`. */
export function profileName(profile: string | undefined, env: Env): string {
  return profile ?? envValue(env, 'AWS_PROFILE') ?? 'default';
}

async function readIni(path: string): Promise<Map<string, IniSection>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    throw new CredentialsError('CREDENTIALS_CONFIG_READ', `Cannot read ${path} (${code ?? 'error'})`, { file: path, cause: e });
  }
  return parseIni(text, path);
}

/**
 * Reads and parses both shared files. A missing file counts as empty; an unreadable or malformed one throws.
 *
 * @example
 * const cfg = await loadSharedConfig({ env: process.env });
 * cfg.configProfiles.get('default')?.region;
 */
export async function loadSharedConfig(init: SharedConfigInit = {}): Promise<SharedConfig> {
  const env = envOf(init);
  const configFile = expandHome(init.configFile ?? envValue(env, 'AWS_CONFIG_FILE') ?? join(homeDir(env), '.aws', 'config'), env);
  const credentialsFile = expandHome(
    init.credentialsFile ?? envValue(env, 'AWS_SHARED_CREDENTIALS_FILE') ?? join(homeDir(env), '.aws', 'credentials'),
    env,
  );
  const [config, credentials] = await Promise.all([readIni(configFile), readIni(credentialsFile)]);

  const configProfiles = new Map<string, ProfileData>();
  const services = new Map<string, ProfileData>();
  const ssoSessions = new Map<string, ProfileData>();
  const dflt = config.get('default');
  if (dflt !== undefined) configProfiles.set('default', dflt.values);
  for (const [key, section] of config) {
    const dot = key.indexOf('.');
    if (dot === -1) {
      // `[x]` in the config file is not a profile (only `[default]` is); the SDKs ignore it too.
      if (key !== 'default') init.logger?.debug?.(`${configFile}:${section.line}: section [${key}] ignored; write [profile ${key}]`);
      continue;
    }
    const type = key.slice(0, dot);
    const name = key.slice(dot + 1);
    if (type === 'profile') configProfiles.set(name, section.values);
    else if (type === 'services') services.set(name, section.values);
    else if (type === 'sso-session') ssoSessions.set(name, section.values);
  }
  const credentialsProfiles = new Map<string, ProfileData>();
  for (const [key, section] of credentials) credentialsProfiles.set(key, section.values);
  return { configFile, credentialsFile, configProfiles, credentialsProfiles, services, ssoSessions };
}

/**
 * One profile merged from both files. For credentials the credentials file wins (`prefer: 'credentials'`, as the
 * JS SDK's `parseKnownFiles`); for settings such as `region` the config file wins (`prefer: 'config'`, as its
 * config loader). Returns undefined when neither file has the profile.
 */
export function mergedProfile(cfg: SharedConfig, name: string, prefer: 'config' | 'credentials'): ProfileData | undefined {
  const fromConfig = cfg.configProfiles.get(name);
  const fromCredentials = cfg.credentialsProfiles.get(name);
  if (fromConfig === undefined && fromCredentials === undefined) return undefined;
  const out = Object.create(null) as ProfileData;
  const [low, high] = prefer === 'config' ? [fromCredentials, fromConfig] : [fromConfig, fromCredentials];
  Object.assign(out, low, high);
  return out;
}
