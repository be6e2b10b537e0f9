import type { RedactedCredentials } from './aws-credentials.js';
import type { CredentialsError } from './errors.js';
import type { Logger, Provider } from './provider.js';

/** Knobs of {@link staticStability}. */
export interface StaticStabilityOptions {
  logger: Logger;
  now: () => number;
  /** Uniform [0, 1); injectable so tests are exact. */
  random: () => number;
  /** Errors that must not be papered over (e.g. IMDS disabled on purpose). */
  passThrough?: (e: unknown) => boolean;
}

const DOC = 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-static-credentials.html';

/**
 * IMDS static stability, as the SDKs implement it: when the source fails after an earlier success, or returns
 * credentials that have already expired, keep using the last credentials with the expiry moved 5 to 10 minutes
 * (randomised) into the future, and warn. Callers keep working through an IMDS outage; AWS accepts the
 * credentials as long as they are really valid.
 */
export function staticStability(provider: Provider<RedactedCredentials>, opts: StaticStabilityOptions): Provider<RedactedCredentials> {
  let last: RedactedCredentials | undefined;
  const extend = (c: RedactedCredentials, why: string): RedactedCredentials => {
    // 5 min + up to 5 min of jitter, whole seconds (https://docs.aws.amazon.com/sdkref/latest/guide/feature-static-credentials.html).
    const seconds = 300 + Math.floor(opts.random() * 300);
    const expiration = new Date(opts.now() + seconds * 1000);
    opts.logger.warn(
      `${why}; using the last credentials (${c.accessKeyId}) and retrying after ${expiration.toISOString()}. See ${DOC}`,
    );
    return c.with({ expiration });
  };
  return async () => {
    let creds: RedactedCredentials;
    try {
      creds = await provider();
      if (creds.expiration !== undefined && creds.expiration.getTime() <= opts.now()) {
        creds = extend(creds, `Credentials from ${creds.source} expired at ${creds.expiration.toISOString()}`);
      }
    } catch (e) {
      if (last === undefined || opts.passThrough?.(e) === true) throw e;
      const code = (e as Partial<CredentialsError>).code ?? 'error';
      creds = extend(last, `Credential refresh from ${last.source} failed (${code})`);
    }
    last = creds;
    return creds;
  };
}
