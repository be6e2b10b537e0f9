import type { AwsCredentials } from './aws-credentials.js';
import { CredentialsError, isNotFoundHere, type SkippedSource } from './errors.js';
import type { Provider } from './provider.js';

/**
 * Tries each provider in order and returns the first credentials. It moves on only when a provider fails with a
 * "not found here" code (see `NOT_FOUND_HERE_CODES`); any other error (a malformed file, STS refusing a role, a
 * hostile container URI...) stops the chain, so misconfiguration is never silently skipped. When every source has
 * nothing, the `CREDENTIALS_NOT_FOUND` error lists each source and why it was skipped (also in `error.skipped`).
 *
 * @example
 * const provider = chain(fromEnv(), fromIni({ profile: 'dev' }), fromImds());
 */
export function chain(...providers: Provider<AwsCredentials>[]): Provider<AwsCredentials> {
  return async () => {
    const trace = await traceChain(providers);
    if (trace.credentials !== undefined) return trace.credentials;
    throw trace.error;
  };
}

/** What {@link traceChain} found: the credentials, or the error that stopped the chain, plus every skipped source. */
export interface ChainTrace {
  readonly credentials?: AwsCredentials;
  readonly error?: unknown;
  readonly skipped: readonly SkippedSource[];
}

/** Runs providers like {@link chain} but reports the skipped sources on success too (for `whoami`-style output). */
export async function traceChain(providers: readonly Provider<AwsCredentials>[]): Promise<ChainTrace> {
  const skipped: SkippedSource[] = [];
  for (const [i, provider] of providers.entries()) {
    try {
      return { credentials: await provider(), skipped };
    } catch (e) {
      if (!isNotFoundHere(e)) return { error: e, skipped };
      if (e.skipped !== undefined) skipped.push(...e.skipped);
      else skipped.push({ source: e.source ?? (provider.name || `provider #${i + 1}`), code: e.code, message: e.message });
    }
  }
  const list = skipped.map((s) => `  - ${s.source}: ${s.message}`).join('\n');
  const error = new CredentialsError('CREDENTIALS_NOT_FOUND', `No AWS credentials found. Sources tried:\n${list || '  (none)'}`, {
    source: 'chain',
    skipped,
  });
  return { error, skipped };
}
