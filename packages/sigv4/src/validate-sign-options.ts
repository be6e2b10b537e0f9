import { amzDate } from './amz-date.js';
import { credentialScope } from './credential-scope.js';
import { SigV4Error } from './errors.js';
import type { Credentials, SignOptions } from './types.js';

const SCOPE_PART = /^[A-Za-z0-9._-]+$/;
const ACCESS_KEY_ID = /^[\x21-\x7e]+$/;
const PAYLOAD_HASH = /^(?:[0-9a-f]{64}|UNSIGNED-PAYLOAD|STREAMING-[A-Z0-9-]+)$/;

/** Signing inputs after validation, shared by header signing and presigning. */
export interface ValidatedSigning {
  credentials: Credentials;
  sessionToken: string | undefined;
  region: string;
  service: string;
  s3: boolean;
  date: Date;
  amzDate: string;
  dateStamp: string;
  scope: string;
  payloadHash: string | undefined;
  unsignedHeaders: readonly string[] | undefined;
  signSessionToken: boolean;
}

// The last region and service that passed validation: most signatures repeat them.
const lastValid = { region: '', service: '' };

function scopePart(value: unknown, what: 'region' | 'service'): string {
  if (value !== '' && value === lastValid[what]) return value;
  const missing = what === 'region' ? 'SIGV4_MISSING_REGION' : 'SIGV4_MISSING_SERVICE';
  const invalid = what === 'region' ? 'SIGV4_INVALID_REGION' : 'SIGV4_INVALID_SERVICE';
  const example = what === 'region' ? "e.g. 'us-east-1'" : "the signing name, e.g. 's3' or 'sts'";
  if (value === undefined || value === null || value === '') {
    throw new SigV4Error(missing, `sigv4: ${what} is ${value === '' ? 'empty' : 'missing'}; pass ${example}`);
  }
  if (typeof value !== 'string' || !SCOPE_PART.test(value)) {
    throw new SigV4Error(invalid, `sigv4: ${what} ${JSON.stringify(value)} may only hold ASCII letters, digits, '.', '_' and '-'; pass ${example}`);
  }
  lastValid[what] = value;
  return value;
}

/** Check a credentials object without ever echoing the secret or the token. */
export function validateCredentials(credentials: unknown): Credentials {
  if (typeof credentials !== 'object' || credentials === null) {
    throw new SigV4Error('SIGV4_MISSING_CREDENTIALS', 'sigv4: credentials are missing; pass { accessKeyId, secretAccessKey, sessionToken? }');
  }
  const c = credentials as Record<string, unknown>;
  for (const field of ['accessKeyId', 'secretAccessKey'] as const) {
    const v = c[field];
    if (v === undefined || v === null || v === '') {
      throw new SigV4Error('SIGV4_MISSING_CREDENTIALS', `sigv4: credentials.${field} is ${v === '' ? 'empty' : 'missing'}`);
    }
    if (typeof v !== 'string') throw new SigV4Error('SIGV4_INVALID_CREDENTIALS', `sigv4: credentials.${field} must be a string, got ${typeof v}`);
  }
  const akid = c['accessKeyId'] as string;
  if (!ACCESS_KEY_ID.test(akid) || akid.includes('/') || akid.includes(',')) {
    throw new SigV4Error(
      'SIGV4_INVALID_CREDENTIALS',
      "sigv4: credentials.accessKeyId must be printable ASCII without spaces, '/' or ','",
    );
  }
  const token = c['sessionToken'];
  if (token !== undefined && token !== null && typeof token !== 'string') {
    throw new SigV4Error('SIGV4_INVALID_CREDENTIALS', `sigv4: credentials.sessionToken must be a string, got ${typeof token}`);
  }
  const exp = c['expiration'];
  if (exp !== undefined && exp !== null && !(exp instanceof Date && Number.isFinite(exp.getTime()))) {
    throw new SigV4Error('SIGV4_INVALID_CREDENTIALS', 'sigv4: credentials.expiration must be a valid Date when set');
  }
  return credentials as Credentials;
}

/**
 * Validate everything a signature needs, before any hashing: credentials, region, service, date, payload hash.
 * The public entry points call this; it is the only place that reads the clock (`new Date()` when `date` is absent).
 */
export function validateSignOptions(opts: Omit<SignOptions, 'crypto'>): ValidatedSigning {
  if (typeof opts !== 'object' || opts === null) {
    throw new SigV4Error('SIGV4_MISSING_CREDENTIALS', 'sigv4: signing options are missing; pass { credentials, region, service }');
  }
  const credentials = validateCredentials(opts.credentials);
  const region = scopePart(opts.region, 'region');
  const service = scopePart(opts.service, 'service');
  const date = opts.date ?? new Date();
  const stamps = amzDate(date);
  const payloadHash = validatePayloadHash(opts.payloadHash);
  const token = credentials.sessionToken;
  return {
    credentials,
    sessionToken: token === undefined || token === null || token === '' ? undefined : token,
    region,
    service,
    s3: opts.s3 ?? service === 's3',
    date,
    amzDate: stamps.amzDate,
    dateStamp: stamps.dateStamp,
    scope: credentialScope(stamps.dateStamp, region, service),
    payloadHash,
    unsignedHeaders: opts.unsignedHeaders,
    signSessionToken: opts.signSessionToken ?? true,
  };
}

/** Check a payload hash: 64 lower-case hex characters, `UNSIGNED-PAYLOAD` or a `STREAMING-…` value. */
export function validatePayloadHash(payloadHash: unknown): string | undefined {
  if (payloadHash !== undefined && (typeof payloadHash !== 'string' || !PAYLOAD_HASH.test(payloadHash))) {
    throw new SigV4Error(
      'SIGV4_INVALID_PAYLOAD_HASH',
      `sigv4: payloadHash ${JSON.stringify(String(payloadHash).slice(0, 80))} must be 64 lower-case hex characters, 'UNSIGNED-PAYLOAD' or a 'STREAMING-…' value`,
    );
  }
  return payloadHash;
}

/** Hex SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** True for an absent or zero-length body, whose hash is the constant {@link EMPTY_PAYLOAD_HASH}. */
export const isEmptyBody = (body: unknown): boolean =>
  body === undefined || body === null || body === '' || (body instanceof Uint8Array && body.length === 0);

/** The body as hashable data, or a typed error when it cannot be hashed and no payloadHash was given. */
export function hashableBody(body: unknown): string | Uint8Array {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new SigV4Error(
    'SIGV4_INVALID_PAYLOAD_HASH',
    `sigv4: cannot hash a body of type ${Object.prototype.toString.call(body)}; pass a string or Uint8Array body, or payloadHash (e.g. 'UNSIGNED-PAYLOAD')`,
  );
}
