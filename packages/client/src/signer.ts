import { createHash } from 'node:crypto';
import type { TransportRequest } from '@rawaws/http';
import { signRequest, type Credentials } from '@rawaws/sigv4';
import { ClientError } from './errors.js';

/** What the `prepare` hook needs to sign one logical request. */
export interface SigningContext {
  readonly credentials: () => Promise<Credentials | null>;
  readonly region: string;
  readonly service: string;
  readonly s3: boolean;
  readonly payloadHash: string | undefined;
}

const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The payload hash to sign with: the caller's, else SHA-256 of a string/bytes body computed once (not on every
 * attempt), else `UNSIGNED-PAYLOAD` for S3 streams.
 *
 * @throws ClientError `CLIENT_INVALID_OPTION` for a stream body without a hash outside S3.
 */
export function payloadHashFor(body: TransportRequest['body'], given: string | undefined, s3: boolean, operation: string): string {
  if (given !== undefined) return given;
  if (body === undefined) return emptyHash;
  if (typeof body === 'string' || body instanceof Uint8Array) return createHash('sha256').update(body).digest('hex');
  if (s3) return 'UNSIGNED-PAYLOAD';
  throw new ClientError(
    'CLIENT_INVALID_OPTION',
    `${operation}: a stream body needs a payloadHash (hex SHA-256 of the body); only S3 accepts UNSIGNED-PAYLOAD`,
    { value: 'payloadHash' },
  );
}

/**
 * Builds the transport's `prepare` hook: every attempt gets fresh credentials from the provider and a signature
 * dated with the transport's skew-corrected clock. The caller's headers are the base each time, so no stale
 * `authorization` / `x-amz-date` survives from an earlier attempt.
 */
export function signingPrepare(ctx: SigningContext, baseHeaders: Readonly<Record<string, string>>): NonNullable<TransportRequest['prepare']> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(baseHeaders)) base[k.toLowerCase()] = v;
  return async (req, { date }) => {
    let credentials: Credentials | null;
    try {
      credentials = await ctx.credentials();
    } catch (cause) {
      const detail = cause instanceof Error ? `${cause.name}${'code' in cause ? ` ${String(cause.code)}` : ''}: ${cause.message}` : 'provider failed';
      throw new ClientError('CLIENT_CREDENTIALS', `Could not get credentials to sign the request (${detail})`, { cause });
    }
    if (credentials === null) return { ...req, headers: { ...base } };
    let signed;
    try {
      signed = signRequest(
        { method: req.method, url: req.url, headers: { ...base } },
        { credentials, region: ctx.region, service: ctx.service, date, s3: ctx.s3, ...(ctx.payloadHash === undefined ? {} : { payloadHash: ctx.payloadHash }) },
      );
    } catch (cause) {
      throw new ClientError('CLIENT_SIGNING', `Could not sign ${req.method} request: ${(cause as Error).message}`, { cause });
    }
    return { ...req, headers: { ...base, ...signed.headers } };
  };
}
