import { createCredentials, type RedactedCredentials } from './aws-credentials.js';
import { CredentialsError } from './errors.js';
import type { ImdsConfig } from './imds-config.js';
import { localRequest, type LocalResponse } from './local-request.js';
import { parseCredentialsJson } from './parse-credentials-json.js';

/** Mutable per-provider IMDS state: the cached session token. */
export interface ImdsState {
  token: { value: string; expiresAt: number } | undefined;
}

/** Timing knobs of {@link fetchImdsCredentials}. */
export interface ImdsFetchOptions {
  timeoutMs: number;
  tokenTtlSeconds: number;
  now: () => number;
}

const SOURCE = 'imds';
const TOKEN_PATH = '/latest/api/token';
const CREDS_PATH = '/latest/meta-data/iam/security-credentials/';

const unavailable = (why: string, cause?: unknown): CredentialsError =>
  new CredentialsError('CREDENTIALS_IMDS_UNAVAILABLE', `IMDS did not answer (${why}); not running on EC2?`, { source: SOURCE, cause });
const imdsError = (what: string, status?: number): CredentialsError =>
  new CredentialsError('CREDENTIALS_IMDS_ERROR', `IMDS ${what}`, status === undefined ? { source: SOURCE } : { source: SOURCE, status });

/**
 * One credentials fetch with the IMDS protocol (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html):
 * an IMDSv2 session token (cached until shortly before its TTL), role discovery, then the role's credentials JSON.
 *
 * The token call falls back to IMDSv1 on 403/404/405 and on a timeout (a hop limit of 1 drops the PUT's answer
 * inside containers), as the JS SDK does, unless v1 is disabled; 400 is fatal. A refused connection or a timeout
 * throws `CREDENTIALS_IMDS_UNAVAILABLE`.
 */
export async function fetchImdsCredentials(cfg: ImdsConfig, state: ImdsState, opts: ImdsFetchOptions): Promise<RedactedCredentials> {
  const url = (path: string): URL => new URL(path, cfg.endpoint);
  const send = async (method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<LocalResponse & { ok: true }> => {
    const res = await localRequest({ method, url: url(path), headers, timeoutMs: opts.timeoutMs });
    if (!res.ok) throw unavailable(`${method} ${path}: ${res.error.message}`, res.error);
    return res;
  };

  const token = async (): Promise<string | undefined> => {
    const cached = state.token;
    if (cached !== undefined && cached.expiresAt > opts.now()) return cached.value;
    state.token = undefined;
    const res = await localRequest({
      method: 'PUT',
      url: url(TOKEN_PATH),
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': String(opts.tokenTtlSeconds) },
      timeoutMs: opts.timeoutMs,
    });
    if (res.ok && res.status === 200 && res.body !== '') {
      // Renew a minute early so a token never expires between our PUT and GET.
      state.token = { value: res.body, expiresAt: opts.now() + Math.max(0, opts.tokenTtlSeconds - 60) * 1000 };
      return res.body;
    }
    if (!res.ok && res.kind === 'network') throw unavailable(`PUT ${TOKEN_PATH}: ${res.error.message}`, res.error);
    if (res.ok && res.status === 400) throw imdsError('rejected the session token request (400)', 400);
    const fallbackOk = !res.ok || res.status === 403 || res.status === 404 || res.status === 405;
    if (!fallbackOk) throw imdsError(`token request answered ${res.status}`, res.status);
    if (cfg.v1Disabled) {
      if (!res.ok) {
        throw unavailable(`PUT ${TOKEN_PATH} timed out and the IMDSv1 fallback is disabled by ${cfg.v1DisabledBy}; inside a container the hop limit may be too low`);
      }
      throw new CredentialsError(
        'CREDENTIALS_IMDS_V1_DISABLED',
        `IMDS refused a session token (${res.status}) and the IMDSv1 fallback is disabled by ${cfg.v1DisabledBy}`,
        { source: SOURCE, status: res.status },
      );
    }
    return undefined;
  };

  // GET with the token; on 401 the token is stale: fetch a new one and try once more.
  const get = async (path: string): Promise<LocalResponse & { ok: true }> => {
    for (let attempt = 0; ; attempt++) {
      const t = await token();
      const res = await send('GET', path, t === undefined ? {} : { 'x-aws-ec2-metadata-token': t });
      if (res.status === 401 && attempt === 0) {
        state.token = undefined;
        continue;
      }
      return res;
    }
  };

  let role = cfg.roleName;
  if (role === undefined) {
    const res = await get(CREDS_PATH);
    if (res.status === 404) {
      throw new CredentialsError('CREDENTIALS_NOT_FOUND', 'IMDS answered, but the instance has no IAM role (instance profile) attached', {
        source: SOURCE,
        status: 404,
      });
    }
    if (res.status !== 200) throw imdsError(`role discovery answered ${res.status}`, res.status);
    role = res.body.split('\n')[0]?.trim();
    if (!role) throw new CredentialsError('CREDENTIALS_NOT_FOUND', 'IMDS lists no IAM role for this instance', { source: SOURCE });
  }
  const res = await get(CREDS_PATH + encodeURIComponent(role));
  if (res.status !== 200) throw imdsError(`credentials for role ${role} answered ${res.status}`, res.status);
  try {
    const code = (JSON.parse(res.body) as { Code?: unknown }).Code;
    if (code !== undefined && code !== 'Success') throw imdsError(`credentials for role ${role} have Code ${JSON.stringify(code)}`);
  } catch (e) {
    if (e instanceof CredentialsError) throw e;
    // not JSON: parseCredentialsJson below reports it
  }
  const fields = parseCredentialsJson(res.body, `IMDS role ${role}`, 'CREDENTIALS_IMDS_ERROR', SOURCE);
  return createCredentials({ ...fields, source: SOURCE });
}
