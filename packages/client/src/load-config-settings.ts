import { loadProfileSettings, loadSharedConfig } from '@rawaws/credentials';
import { ClientError } from './errors.js';

/** The parts of the shared config file the client uses. */
export interface ConfigSettings {
  /** The selected profile's settings (`region`, `endpoint_url`, `use_fips_endpoint`, `services`, ...). */
  readonly profile: Readonly<Record<string, string | undefined>>;
  /** The `[services x]` section the profile names, by service key: `{ sts: { endpoint_url: '…' } }`. */
  readonly services: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
}

/**
 * Reads the selected profile and the `[services x]` section it names (`services = x`) from the shared config
 * files, through `@rawaws/credentials`. A missing file or profile is not an error (nothing is configured); a
 * malformed file is.
 *
 * @throws ClientError `CLIENT_CONFIG` with the credentials package's error (file and line) as the cause.
 */
export async function loadConfigSettings(profile: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<ConfigSettings> {
  const init = { ...(profile === undefined ? {} : { profile }), env: { ...env } };
  try {
    const settings = await loadProfileSettings(init);
    const services: Record<string, Record<string, string>> = {};
    const sectionName = settings.services?.trim();
    if (sectionName !== undefined && sectionName !== '') {
      const section = (await loadSharedConfig(init)).services.get(sectionName) ?? {};
      // Sub-section keys arrive flattened: "s3.endpoint_url" is endpoint_url of the s3 sub-section.
      for (const [key, value] of Object.entries(section)) {
        const dot = key.indexOf('.');
        if (dot > 0) (services[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = value;
      }
    }
    return { profile: settings, services };
  } catch (cause) {
    throw new ClientError('CLIENT_CONFIG', `Could not read the AWS config for profile "${profile ?? env.AWS_PROFILE ?? 'default'}": ${(cause as Error).message}`, { cause });
  }
}
