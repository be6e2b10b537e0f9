import { loadProfileSettings } from '@rawaws/credentials';
import { ClientError } from './errors.js';

/** The parts of the shared config file the client uses. */
export interface ConfigSettings {
  /** The selected profile's settings (`region`, `endpoint_url`, `use_fips_endpoint`, ...). */
  readonly profile: Readonly<Record<string, string | undefined>>;
  /** The profile's `[services x]` section by service key: `{ sts: { endpoint_url: '…' } }`. */
  readonly services: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
}

/**
 * Reads the selected profile from the shared config files (through `@rawaws/credentials`). A missing file is
 * not an error (there is simply nothing configured); a malformed one is.
 *
 * @throws ClientError `CLIENT_CONFIG` with the credentials package's error (file and line) as the cause.
 */
export async function loadConfigSettings(profile: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<ConfigSettings> {
  let settings: Record<string, string | undefined>;
  try {
    settings = await loadProfileSettings({ ...(profile === undefined ? {} : { profile }), env: env as NodeJS.ProcessEnv });
  } catch (cause) {
    throw new ClientError('CLIENT_CONFIG', `Could not read the AWS config for profile "${profile ?? 'default'}": ${(cause as Error).message}`, { cause });
  }
  // Sub-section keys arrive flattened as "<service>.<key>"; the profile's `services = name` section is merged in
  // by the credentials package under the same shape.
  const services: Record<string, Record<string, string | undefined>> = {};
  for (const [k, v] of Object.entries(settings)) {
    const dot = k.indexOf('.');
    if (dot <= 0) continue;
    (services[k.slice(0, dot)] ??= {})[k.slice(dot + 1)] = v;
  }
  return { profile: settings, services };
}
