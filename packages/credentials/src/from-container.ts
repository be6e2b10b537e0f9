import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCredentials, type AwsCredentials } from './aws-credentials.js';
import { containerCredentialsUrl } from './container-uri.js';
import { CredentialsError } from './errors.js';
import { localRequest, type LocalResponse } from './local-request.js';
import { envOf, envValue, type Env, type Provider, type ProviderInit } from './provider.js';
import { parseCredentialsJson } from './parse-credentials-json.js';

/** Options of {@link fromContainer}. */
export interface FromContainerInit extends ProviderInit {
  /**
   * Per-attempt timeout in milliseconds.
   * @default 1000
   */
  timeoutMs?: number | undefined;
  /**
   * Retries after a network error, timeout or 5xx.
   * @default 3
   */
  maxRetries?: number | undefined;
  /**
   * Pause between attempts in milliseconds.
   * @default 1000
   */
  retryDelayMs?: number | undefined;
}

const SOURCE = 'container';

async function authorization(env: Env): Promise<string | undefined> {
  const file = envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  let token: string | undefined;
  if (file !== undefined) {
    try {
      // Read on every call: EKS Pod Identity rotates the token file.
      token = (await readFile(file, 'utf8')).trim();
    } catch (e) {
      throw new CredentialsError('CREDENTIALS_INVALID_CONFIG', `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE ${file} cannot be read`, {
        source: SOURCE,
        file,
        cause: e,
      });
    }
  } else {
    token = envValue(env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN');
  }
  if (token !== undefined && /[\r\n\0]/.test(token)) {
    throw new CredentialsError('CREDENTIALS_INVALID_CONFIG', 'The container authorization token contains a line break or NUL', {
      source: SOURCE,
    });
  }
  return token;
}

/**
 * Credentials from the ECS / EKS Pod Identity container endpoint: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on
 * 169.254.170.2) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the `Authorization` header. A URI outside the SDKs' host allow-list is
 * refused with `CREDENTIALS_CONTAINER_URI_REFUSED` before any request.
 *
 * @example
 * const creds = await fromContainer()();
 */
export function fromContainer(init: FromContainerInit = {}): Provider<AwsCredentials> {
  return async () => {
    const env = envOf(init);
    const url = containerCredentialsUrl(env);
    if (url === undefined) {
      throw new CredentialsError(
        'CREDENTIALS_NOT_FOUND',
        'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set',
        { source: SOURCE },
      );
    }
    const token = await authorization(env);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers['authorization'] = token;
    const maxRetries = init.maxRetries ?? 3;
    let res: LocalResponse | undefined;
    for (let attempt = 0; ; attempt++) {
      res = await localRequest({ method: 'GET', url, headers, timeoutMs: init.timeoutMs ?? 1000 });
      const retryable = !res.ok || res.status >= 500;
      if (!retryable || attempt >= maxRetries) break;
      await sleep(init.retryDelayMs ?? 1000);
    }
    const where = `${url.protocol}//${url.host}`;
    if (!res.ok) {
      throw new CredentialsError('CREDENTIALS_NETWORK', `Container credentials endpoint ${where} failed: ${res.error.message}`, {
        source: SOURCE,
        cause: res.error,
      });
    }
    if (res.status !== 200) {
      let detail = '';
      try {
        const body = JSON.parse(res.body) as { Code?: unknown; Message?: unknown };
        if (typeof body.Code === 'string') detail = `: ${body.Code}${typeof body.Message === 'string' ? `: ${body.Message.slice(0, 300)}` : ''}`;
      } catch {
        // not JSON; the status says enough
      }
      throw new CredentialsError('CREDENTIALS_CONTAINER_ERROR', `Container credentials endpoint ${where} answered ${res.status}${detail}`, {
        source: SOURCE,
        status: res.status,
      });
    }
    const fields = parseCredentialsJson(res.body, `Container credentials endpoint ${where}`, 'CREDENTIALS_CONTAINER_ERROR', SOURCE);
    return createCredentials({ ...fields, source: SOURCE });
  };
}
