import type { AwsCredentials } from './aws-credentials.js';
import { CredentialsError, isCredentialsError } from './errors.js';
import { imdsConfig, type ImdsOptions } from './imds-config.js';
import { fetchImdsCredentials, type ImdsState } from './imds-fetch.js';
import { loadProfileSettings } from './load-profile-settings.js';
import { consoleLogger, envOf, type Provider } from './provider.js';
import type { SharedConfigInit } from './shared-config.js';
import { staticStability } from './static-stability.js';

/** Options of {@link fromImds}. */
export interface FromImdsInit extends SharedConfigInit, ImdsOptions {
  /** Profile whose `ec2_metadata_*` settings apply. @default AWS_PROFILE or "default" */
  profile?: string | undefined;
  /**
   * Timeout of each IMDS request in milliseconds.
   * @default 1000
   */
  timeoutMs?: number | undefined;
  /**
   * TTL requested for IMDSv2 session tokens, in seconds.
   * @default 21600
   */
  tokenTtlSeconds?: number | undefined;
  /**
   * How long a "not on EC2" verdict (IMDS unreachable before any success) is remembered, process-wide per endpoint.
   * @default 600000 (10 minutes)
   */
  notOnEc2TtlMs?: number | undefined;
  /** Clock. @default Date.now */
  now?: (() => number) | undefined;
  /** Jitter source for static stability. @default Math.random */
  random?: (() => number) | undefined;
}

// Endpoint href -> time until which "IMDS is unreachable here" is believed. Process-wide on purpose: every
// provider instance on an off-EC2 machine would otherwise pay the timeout again.
const notOnEc2 = new Map<string, number>();

/** Forgets every cached "not on EC2" verdict (tests). */
export function resetImdsVerdicts(): void {
  notOnEc2.clear();
}

/**
 * Credentials of the EC2 instance's IAM role from the instance metadata service (IMDSv2 with an IMDSv1 fallback
 * unless disabled), with 1 s timeouts, static stability during outages, and a cached "not on EC2" verdict.
 * Honours `AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_V1_DISABLED`, `AWS_EC2_METADATA_SERVICE_ENDPOINT(_MODE)`
 * and the matching config keys.
 *
 * @example
 * const creds = await memoize(fromImds())();
 */
export function fromImds(init: FromImdsInit = {}): Provider<AwsCredentials> {
  const now = init.now ?? Date.now;
  const state: ImdsState = { token: undefined };
  let everSucceeded = false;
  const raw = async () => {
    const env = envOf(init);
    const settings = await loadProfileSettings(init);
    const cfg = imdsConfig(init, env, settings);
    if (cfg.disabled) {
      throw new CredentialsError('CREDENTIALS_IMDS_DISABLED', 'AWS_EC2_METADATA_DISABLED is set', { source: 'imds' });
    }
    const key = cfg.endpoint.href;
    const until = notOnEc2.get(key);
    if (!everSucceeded && until !== undefined && until > now()) {
      throw new CredentialsError(
        'CREDENTIALS_IMDS_UNAVAILABLE',
        `IMDS at ${cfg.endpoint.origin} was unreachable earlier; not retried before ${new Date(until).toISOString()}`,
        { source: 'imds' },
      );
    }
    try {
      const creds = await fetchImdsCredentials(cfg, state, {
        timeoutMs: init.timeoutMs ?? 1000,
        tokenTtlSeconds: init.tokenTtlSeconds ?? 21600,
        now,
      });
      everSucceeded = true;
      notOnEc2.delete(key);
      return creds;
    } catch (e) {
      if (isCredentialsError(e) && e.code === 'CREDENTIALS_IMDS_UNAVAILABLE') {
        // After a success IMDS is known to exist: unreachable now is an outage, not "not on EC2".
        if (everSucceeded) throw new CredentialsError('CREDENTIALS_NETWORK', `IMDS outage: ${e.message}`, { source: 'imds', cause: e });
        notOnEc2.set(key, now() + (init.notOnEc2TtlMs ?? 600_000));
      }
      throw e;
    }
  };
  return staticStability(raw, {
    logger: init.logger ?? consoleLogger,
    now,
    random: init.random ?? Math.random,
    passThrough: (e) => isCredentialsError(e) && (e.code === 'CREDENTIALS_IMDS_DISABLED' || e.code === 'CREDENTIALS_INVALID_CONFIG'),
  });
}
