import { CredentialsError } from './errors.js';
import { envValue, type Env } from './provider.js';

/** The ECS task-role endpoint host, used with `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`. */
export const ECS_CONTAINER_HOST = '169.254.170.2';

// Hosts allowed over plain http, as in the SDKs' container provider: ECS, EKS Pod Identity (IPv4, IPv6), loopback.
const ALLOWED_HTTP_HOSTS = new Set([ECS_CONTAINER_HOST, '169.254.170.23', '[fd00:ec2::23]', 'localhost', '[::1]']);
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Printable form of a URL without user info, path or query (those may hold secrets). */
const hostOf = (url: URL): string => `${url.protocol}//${url.host}`;

/**
 * True when the SDKs would let a container-credentials request go to `url`: any https URL, or http to
 * 169.254.170.2, 169.254.170.23, [fd00:ec2::23], localhost, 127.0.0.0/8 or [::1]. The URL is compared after WHATWG
 * normalisation, so `http://127.1`, `http://0x7f000001` and `http://[0:0:0:0:0:0:0:1]` count as loopback.
 *
 * @example
 * isAllowedContainerUrl(new URL('http://169.254.169.254/latest/meta-data/')); // false
 */
export function isAllowedContainerUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  return ALLOWED_HTTP_HOSTS.has(url.hostname) || LOOPBACK_V4.test(url.hostname);
}

/**
 * The container credentials URL from the environment, checked against the allow-list before any request, or
 * undefined when neither `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` nor `AWS_CONTAINER_CREDENTIALS_FULL_URI` is set.
 * The relative URI wins when both are set, as in the SDKs.
 */
export function containerCredentialsUrl(env: Env): URL | undefined {
  const relative = envValue(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  const full = envValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  if (relative === undefined && full === undefined) return undefined;
  const name = relative === undefined ? 'AWS_CONTAINER_CREDENTIALS_FULL_URI' : 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
  let url: URL;
  try {
    url = new URL(relative === undefined ? (full ?? '') : `http://${ECS_CONTAINER_HOST}${relative.startsWith('/') ? '' : '/'}${relative}`);
  } catch (e) {
    throw new CredentialsError('CREDENTIALS_CONTAINER_URI_REFUSED', `${name} is not a valid URL`, { source: 'container', cause: e });
  }
  // A crafted relative URI (`@evil.example/`) must not move the request off the ECS host either.
  const ok = relative === undefined ? isAllowedContainerUrl(url) : url.protocol === 'http:' && url.hostname === ECS_CONTAINER_HOST;
  if (!ok || url.username !== '' || url.password !== '') {
    throw new CredentialsError(
      'CREDENTIALS_CONTAINER_URI_REFUSED',
      `${name} points at ${hostOf(url)}, which is not allowed: use https, or http to 169.254.170.2, 169.254.170.23, ` +
        '[fd00:ec2::23] or a loopback address, without user info',
      { source: 'container' },
    );
  }
  return url;
}
