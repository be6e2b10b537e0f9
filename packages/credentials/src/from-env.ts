import { createCredentials, type AwsCredentials } from './aws-credentials.js';
import { CredentialsError } from './errors.js';
import { envOf, envValue, type Provider, type ProviderInit } from './provider.js';

/**
 * Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` and `AWS_CREDENTIAL_EXPIRATION`
 * (ISO-8601), plus `AWS_ACCOUNT_ID`. Fails with `CREDENTIALS_NOT_FOUND` unless both keys are set and non-empty.
 *
 * @example
 * const creds = await fromEnv()();
 */
export function fromEnv(init: ProviderInit = {}): Provider<AwsCredentials> {
  return () => {
    const env = envOf(init);
    const accessKeyId = envValue(env, 'AWS_ACCESS_KEY_ID');
    const secretAccessKey = envValue(env, 'AWS_SECRET_ACCESS_KEY');
    if (accessKeyId === undefined || secretAccessKey === undefined) {
      const missing = [accessKeyId === undefined && 'AWS_ACCESS_KEY_ID', secretAccessKey === undefined && 'AWS_SECRET_ACCESS_KEY']
        .filter(Boolean)
        .join(' and ');
      return Promise.reject(new CredentialsError('CREDENTIALS_NOT_FOUND', `${missing} not set`, { source: 'env' }));
    }
    const expiry = envValue(env, 'AWS_CREDENTIAL_EXPIRATION');
    let expiration: Date | undefined;
    if (expiry !== undefined) {
      expiration = new Date(expiry);
      if (Number.isNaN(expiration.getTime())) {
        return Promise.reject(
          new CredentialsError(
            'CREDENTIALS_INVALID_CONFIG',
            `AWS_CREDENTIAL_EXPIRATION is not a date: ${JSON.stringify(expiry)}; use ISO-8601, e.g. 2030-01-01T00:00:00Z`,
            { source: 'env' },
          ),
        );
      }
    }
    return Promise.resolve(
      createCredentials({
        accessKeyId,
        secretAccessKey,
        sessionToken: envValue(env, 'AWS_SESSION_TOKEN'),
        expiration,
        accountId: envValue(env, 'AWS_ACCOUNT_ID'),
        source: 'env',
      }),
    );
  };
}
