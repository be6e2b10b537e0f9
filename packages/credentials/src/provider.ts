/** A function that resolves a value (credentials, a region...) on demand. */
export type Provider<T> = () => Promise<T>;

/** Where warnings go. Messages never contain secrets. */
export interface Logger {
  warn(message: string): void;
  debug?(message: string): void;
}

/** Environment variables as the providers read them. */
export type Env = Record<string, string | undefined>;

/** Options every provider accepts. */
export interface ProviderInit {
  /**
   * Environment to read instead of `process.env` (read at call time, never at module load).
   * @default process.env
   */
  env?: Env | undefined;
  /**
   * Receives warnings (static stability, ignored sections).
   * @default a logger that writes warnings to `console.warn`
   */
  logger?: Logger | undefined;
}

/** The default logger: warnings to `console.warn`, no debug output. */
export const consoleLogger: Logger = {
  warn: (message) => console.warn(`[rawaws/credentials] ${message}`),
};

/** The environment a provider should read: the caller's, or `process.env` at call time. */
export const envOf = (init: ProviderInit | undefined): Env => init?.env ?? process.env;

/** Reads an env var, treating the empty string as unset (as the AWS SDKs do). */
export const envValue = (env: Env, name: string): string | undefined => {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
};

/**
 * True for a flag such as `AWS_EC2_METADATA_DISABLED`: set, non-empty and not `false` (any case).
 * The JS SDK treats every value but `"false"` as on; we also accept `FALSE`/`False` as off.
 */
export const isFlagOn = (v: string | undefined): boolean => v !== undefined && v.trim() !== '' && v.trim().toLowerCase() !== 'false';
