import { createTransport, isHttpError, type Transport } from '@rawaws/http';
import { signRequest, type Credentials } from '@rawaws/sigv4';
import { createCredentials, type RedactedCredentials } from './aws-credentials.js';
import { CredentialsError } from './errors.js';
import type { StsTarget } from './sts-endpoint.js';
import { xmlText } from './xml-text.js';

/** Parameters of STS AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). */
export interface AssumeRoleParams {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string | undefined;
  DurationSeconds?: number | undefined;
  SerialNumber?: string | undefined;
  TokenCode?: string | undefined;
}

/** Parameters of STS AssumeRoleWithWebIdentity. */
export interface AssumeRoleWithWebIdentityParams {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  DurationSeconds?: number | undefined;
  ProviderId?: string | undefined;
}

/** How STS calls are sent. */
export interface StsCallOptions extends StsTarget {
  /** Transport to use; when absent a transport is created for the call and closed after it. */
  transport?: Transport | undefined;
  /** The `source` label of the resulting credentials. */
  source: string;
}

const VERSION = '2011-06-15';

// RFC 3986 unreserved characters stay, everything else is percent-encoded (form bodies accept this strict form).
const encode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function formBody(action: string, params: object): string {
  const parts = [`Action=${action}`, `Version=${VERSION}`];
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined) parts.push(`${k}=${encode(String(v))}`);
  }
  return parts.join('&');
}

/** AssumeRole, signed with the source credentials. */
export function stsAssumeRole(source: Credentials, params: AssumeRoleParams, opts: StsCallOptions): Promise<RedactedCredentials> {
  return stsCall('AssumeRole', formBody('AssumeRole', params), source, opts);
}

/** AssumeRoleWithWebIdentity: an unsigned call, the token is the proof. */
export function stsAssumeRoleWithWebIdentity(
  params: AssumeRoleWithWebIdentityParams,
  opts: StsCallOptions,
): Promise<RedactedCredentials> {
  return stsCall('AssumeRoleWithWebIdentity', formBody('AssumeRoleWithWebIdentity', params), undefined, opts);
}

async function stsCall(
  action: string,
  body: string,
  signer: Credentials | undefined,
  opts: StsCallOptions,
): Promise<RedactedCredentials> {
  const transport = opts.transport ?? createTransport();
  const url = new URL(opts.endpoint.href);
  const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  let status: number;
  let text: string;
  try {
    const res = await transport.send({
      method: 'POST',
      url,
      headers,
      body,
      // STS's Assume* calls are safe to repeat: each attempt just issues a fresh session.
      idempotent: true,
      prepare: (req, ctx) => {
        if (signer === undefined) return req;
        const signed = signRequest(
          { method: 'POST', url, headers, body },
          { credentials: signer, region: opts.region, service: 'sts', date: ctx.date },
        );
        return { ...req, headers: signed.headers };
      },
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    const why = isHttpError(e) ? e.code : 'error';
    throw new CredentialsError('CREDENTIALS_NETWORK', `STS ${action} at ${url.origin} failed (${why})`, {
      source: opts.source,
      cause: e,
    });
  } finally {
    if (opts.transport === undefined) await transport.close();
  }
  if (status < 200 || status > 299) {
    const code = xmlText(text, 'Error', 'Code') ?? `HTTP ${status}`;
    const message = (xmlText(text, 'Error', 'Message') ?? '').slice(0, 500);
    throw new CredentialsError('CREDENTIALS_STS_ERROR', `STS ${action} failed: ${code}${message ? `: ${message}` : ''}`, {
      source: opts.source,
      status,
      stsCode: code,
    });
  }
  const creds = xmlText(text, 'Credentials') === undefined ? undefined : text;
  const accessKeyId = creds && xmlText(creds, 'Credentials', 'AccessKeyId');
  const secretAccessKey = creds && xmlText(creds, 'Credentials', 'SecretAccessKey');
  const sessionToken = creds && xmlText(creds, 'Credentials', 'SessionToken');
  const expiry = creds && xmlText(creds, 'Credentials', 'Expiration');
  const expiration = expiry ? new Date(expiry) : undefined;
  if (!accessKeyId || !secretAccessKey || !sessionToken || !expiration || Number.isNaN(expiration.getTime())) {
    throw new CredentialsError(
      'CREDENTIALS_STS_INVALID_RESPONSE',
      `STS ${action} answered ${status} without AccessKeyId, SecretAccessKey, SessionToken and a valid Expiration`,
      { source: opts.source, status },
    );
  }
  const arn = xmlText(text, 'AssumedRoleUser', 'Arn');
  return createCredentials({
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration,
    accountId: arn?.split(':')[4] || undefined,
    source: opts.source,
  });
}
