import { envOf } from './provider.js';
import { loadSharedConfig, mergedProfile, profileName, type SharedConfigInit } from './shared-config.js';

/** Options of {@link loadProfileSettings}. */
export interface LoadProfileSettingsInit extends SharedConfigInit {
  /**
   * Profile to read.
   * @default AWS_PROFILE or "default"
   */
  profile?: string | undefined;
}

/** A profile's settings, flattened (`s3.addressing_style` for sub-sections). */
export type ProfileSettings = Record<string, string> & { region?: string; endpoint_url?: string };

/**
 * The settings of one profile from both shared files, for region and endpoint resolution. Where both files set a
 * key the config file wins (as the SDK's config loader); a missing profile yields `{}`. Malformed files throw
 * `CREDENTIALS_CONFIG_PARSE`.
 *
 * @example
 * const { region, endpoint_url } = await loadProfileSettings({ profile: 'dev' });
 */
export async function loadProfileSettings(init: LoadProfileSettingsInit = {}): Promise<ProfileSettings> {
  const cfg = await loadSharedConfig(init);
  const merged = mergedProfile(cfg, profileName(init.profile, envOf(init)), 'config');
  return { ...merged };
}
