/** Why a request failed verification. */
export type VerifyFailureReason =
  | 'MISSING_AUTHORIZATION'
  | 'MALFORMED_AUTHORIZATION'
  | 'UNSUPPORTED_ALGORITHM'
  | 'UNKNOWN_ACCESS_KEY'
  | 'SCOPE_MISMATCH'
  | 'INVALID_DATE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'MISSING_SIGNED_HEADER'
  | 'INVALID_SECURITY_TOKEN'
  | 'PAYLOAD_HASH_MISMATCH'
  | 'SIGNATURE_MISMATCH';

/** The SigV4 fields of a request, from its `Authorization` header or its `X-Amz-*` query parameters. */
export interface SigV4AuthFields {
  readonly kind: 'header' | 'presigned';
  readonly algorithm: string;
  readonly accessKeyId: string;
  readonly dateStamp: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  readonly signedHeaders: readonly string[];
  readonly signedHeadersRaw: string;
  readonly signature: string;
  /** `X-Amz-Expires` of a presigned URL, in seconds. */
  readonly expires?: number;
  /** `X-Amz-Date` of a presigned URL (header auth reads it from the headers). */
  readonly amzDate?: string;
}

/** A parse failure, ready to return from `verifyRequest`. */
export interface VerifyParseFailure {
  readonly reason: VerifyFailureReason;
  readonly detail: string;
}

const SIGNATURE = /^[0-9a-f]{64}$/;

function credentialFields(
  credential: string,
): Pick<SigV4AuthFields, 'accessKeyId' | 'dateStamp' | 'region' | 'service' | 'terminator'> | VerifyParseFailure {
  // The access key id cannot contain '/', so the last four segments are the scope.
  const parts = credential.split('/');
  if (parts.length < 5) return { reason: 'MALFORMED_AUTHORIZATION', detail: 'Credential must be <access key id>/<date>/<region>/<service>/aws4_request' };
  const [dateStamp, region, service, terminator] = parts.slice(-4) as [string, string, string, string];
  const accessKeyId = parts.slice(0, -4).join('/');
  if (accessKeyId === '') return { reason: 'MALFORMED_AUTHORIZATION', detail: 'Credential has an empty access key id' };
  return { accessKeyId, dateStamp, region, service, terminator };
}

function signedHeaderList(raw: string): readonly string[] | VerifyParseFailure {
  const list = raw.split(';');
  const sorted = [...new Set(list)].sort();
  if (raw === '' || list.some((h) => h === '' || h !== h.toLowerCase()) || sorted.join(';') !== raw) {
    return { reason: 'MALFORMED_AUTHORIZATION', detail: `SignedHeaders ${JSON.stringify(raw)} must be lower-case, unique, sorted and ';'-separated` };
  }
  return list;
}

/** True when a parse step returned a failure instead of fields. */
export const isVerifyParseFailure = (v: unknown): v is VerifyParseFailure => typeof v === 'object' && v !== null && 'reason' in v;

/**
 * Parses `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html
 */
export function parseAuthorizationHeader(value: string): SigV4AuthFields | VerifyParseFailure {
  const match = /^\s*(\S+)\s+(.*)$/.exec(value);
  if (match === null) return { reason: 'MALFORMED_AUTHORIZATION', detail: 'Authorization header has no algorithm and credential parts' };
  const algorithm = match[1] as string;
  if (algorithm !== 'AWS4-HMAC-SHA256') return { reason: 'UNSUPPORTED_ALGORITHM', detail: `algorithm ${JSON.stringify(algorithm)} is not AWS4-HMAC-SHA256` };
  const fields = new Map<string, string>();
  for (const part of (match[2] as string).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { reason: 'MALFORMED_AUTHORIZATION', detail: `Authorization component ${JSON.stringify(part.trim().slice(0, 40))} has no '='` };
    const name = part.slice(0, eq).trim();
    if (fields.has(name)) return { reason: 'MALFORMED_AUTHORIZATION', detail: `Authorization repeats ${name}` };
    fields.set(name, part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeadersRaw = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined || signedHeadersRaw === undefined || signature === undefined) {
    return { reason: 'MALFORMED_AUTHORIZATION', detail: 'Authorization needs Credential, SignedHeaders and Signature' };
  }
  return assemble('header', algorithm, credential, signedHeadersRaw, signature, {});
}

function assemble(
  kind: SigV4AuthFields['kind'],
  algorithm: string,
  credential: string,
  signedHeadersRaw: string,
  signature: string,
  extra: { expires?: number; amzDate?: string },
): SigV4AuthFields | VerifyParseFailure {
  const cred = credentialFields(credential);
  if (isVerifyParseFailure(cred)) return cred;
  const signedHeaders = signedHeaderList(signedHeadersRaw);
  if (isVerifyParseFailure(signedHeaders)) return signedHeaders;
  if (!SIGNATURE.test(signature)) return { reason: 'MALFORMED_AUTHORIZATION', detail: 'Signature must be 64 lower-case hex characters' };
  return { kind, algorithm, ...cred, signedHeaders, signedHeadersRaw, signature, ...extra };
}

/** Parses the `X-Amz-*` parameters of a presigned URL (already percent-decoded). */
export function parsePresignedQuery(query: ReadonlyMap<string, string>): SigV4AuthFields | VerifyParseFailure {
  const algorithm = query.get('X-Amz-Algorithm');
  if (algorithm !== 'AWS4-HMAC-SHA256') return { reason: 'UNSUPPORTED_ALGORITHM', detail: `X-Amz-Algorithm ${JSON.stringify(algorithm)} is not AWS4-HMAC-SHA256` };
  const credential = query.get('X-Amz-Credential');
  const signedHeadersRaw = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  const amzDate = query.get('X-Amz-Date');
  const expiresRaw = query.get('X-Amz-Expires');
  if (credential === undefined || signedHeadersRaw === undefined || signature === undefined || amzDate === undefined || expiresRaw === undefined) {
    return { reason: 'MALFORMED_AUTHORIZATION', detail: 'a presigned URL needs X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature' };
  }
  if (!/^[0-9]{1,6}$/.test(expiresRaw) || Number(expiresRaw) < 1 || Number(expiresRaw) > 604_800) {
    return { reason: 'MALFORMED_AUTHORIZATION', detail: `X-Amz-Expires ${JSON.stringify(expiresRaw)} must be 1..604800 seconds` };
  }
  return assemble('presigned', algorithm, credential, signedHeadersRaw, signature, { expires: Number(expiresRaw), amzDate });
}

/** Parses `YYYYMMDDTHHMMSSZ` strictly; `undefined` when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? date : undefined;
}
