import { STATUS_CODES } from 'node:http';
import { AwsServiceError } from './aws-service-error.js';
import { ClientError } from './errors.js';
import { classifyError } from './error-classification.js';
import { parseXml, type XmlObject, type XmlValue } from './parse-xml.js';
import { redact, redactSignatures, safeExcerpt } from './redact.js';

/** A non-2xx response as {@link parseAwsError} needs it. */
export interface ErrorResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string | Uint8Array;
}

/** Context for the error message. */
export interface ParseAwsErrorContext {
  /** What was called, e.g. `sts:GetCallerIdentity` or `GET /bucket/key`. */
  readonly operation?: string | undefined;
  readonly attempts?: number | undefined;
}

const maxBody = 256 * 1024;
// Fields of S3's SignatureDoesNotMatch document that carry the signature or (in the canonical request) the token.
const sensitiveField = /^(SignatureProvided|CanonicalRequest|CanonicalRequestBytes|StringToSignBytes|.*(Token|Secret|Password).*)$/i;
const reservedField = new Set(['Code', 'Message', 'RequestId', 'RequestID', 'HostId', 'Type', '__type', 'code', 'message']);

interface Extracted {
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  hostId?: string | undefined;
  type?: string | undefined;
  details: Record<string, string>;
  kind: 'xml' | 'json' | 'empty' | 'unparsed';
  excerpt?: string;
  cause?: unknown;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const first = (v: XmlValue | undefined): unknown => (Array.isArray(v) ? v[0] : v);

/**
 * `__type` and `x-amzn-errortype` may look like `aws.protocoltests#FooError:http://internal.amazon.com/...`;
 * the code is the part after the last `#` and before the first `:` (the SDKs' `sanitizeErrorCode`).
 *
 * @example
 * ```ts
 * sanitizeErrorCode('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException'); // 'ResourceNotFoundException'
 * ```
 */
export function sanitizeErrorCode(raw: string): string {
  let code = raw.trim();
  const colon = code.indexOf(':');
  if (colon >= 0) code = code.slice(0, colon);
  const hash = code.lastIndexOf('#');
  if (hash >= 0) code = code.slice(hash + 1);
  return code;
}

const fieldName = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function collectDetails(from: Record<string, unknown>, into: Record<string, string>): void {
  for (const [k, v] of Object.entries(from)) {
    const s = str(v);
    if (s === undefined || reservedField.has(k) || sensitiveField.test(k) || !fieldName.test(k) || redact(k) !== k) continue;
    if (Object.keys(into).length >= 32) break;
    into[k] = redact(s).slice(0, 1024);
  }
}

function fromXml(doc: XmlObject): Extracted | undefined {
  const details: Record<string, string> = {};
  // S3 / REST-XML: <Error><Code/><Message/><RequestId/><HostId/>...</Error>
  const s3 = obj(first(doc.Error));
  if (s3) {
    collectDetails(s3, details);
    return { code: str(s3.Code), message: str(s3.Message), requestId: str(s3.RequestId), hostId: str(s3.HostId), details, kind: 'xml' };
  }
  // Query: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
  const query = obj(first(doc.ErrorResponse));
  if (query) {
    const e = obj(first(query.Error as XmlValue)) ?? {};
    collectDetails(e, details);
    const requestId = str(query.RequestId) ?? str(e.RequestId);
    return { code: str(e.Code), message: str(e.Message), type: str(e.Type), requestId, details, kind: 'xml' };
  }
  // EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
  const ec2 = obj(first(doc.Response));
  if (ec2) {
    const e = obj(first(obj(first(ec2.Errors as XmlValue))?.Error as XmlValue)) ?? {};
    collectDetails(e, details);
    return { code: str(e.Code), message: str(e.Message), requestId: str(ec2.RequestID) ?? str(ec2.RequestId), details, kind: 'xml' };
  }
  return undefined;
}

function fromJson(value: unknown): Extracted | undefined {
  const body = obj(value);
  if (!body) return undefined;
  const details: Record<string, string> = {};
  const nested = obj(body.Error);
  const src = nested ?? body;
  collectDetails(src, details);
  const type = str(src.__type);
  return {
    code: str(src.code) ?? str(src.Code) ?? type,
    message: str(src.message) ?? str(src.Message) ?? str(src.errorMessage),
    requestId: str(src.RequestId) ?? str(src.requestId),
    details,
    kind: 'json',
  };
}

function extract(text: string, contentType: string): Extracted {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { details: {}, kind: 'empty' };
  let cause: unknown;
  if (trimmed.startsWith('<') && !/^<(!doctype\s+html|html)/i.test(trimmed)) {
    try {
      const found = fromXml(parseXml(trimmed));
      if (found) return found;
    } catch (e) {
      cause = e; // parseXml's messages are already redacted
    }
  } else if (trimmed.startsWith('{')) {
    try {
      const found = fromJson(JSON.parse(trimmed));
      if (found) return found;
    } catch (e) {
      // JSON.parse quotes part of the input in its message: keep only a redacted copy, without the original error.
      cause = new ClientError('CLIENT_RESPONSE', `Error body is not valid JSON: ${redact(String((e as Error).message)).slice(0, 200)}`);
    }
  }
  const what = contentType === '' ? 'an unexpected body' : `an unexpected ${contentType.split(';')[0]?.trim()} body`;
  return { details: {}, kind: 'unparsed', excerpt: `${what}: "${safeExcerpt(trimmed)}"`, cause };
}

const codeFromStatus = (status: number): string => {
  const text = STATUS_CODES[status];
  return text === undefined ? `Http${status}` : text.replace(/[^A-Za-z0-9]/g, '');
};

// A hint for the commonest codes when the service sent no message (RGW sends <Message></Message>).
const hints: Readonly<Record<string, string>> = {
  AccessDenied: 'access denied: check the credentials and their permissions for this operation',
  InvalidAccessKeyId: 'the access key id is not known to this endpoint: check the credentials and the endpoint',
  SignatureDoesNotMatch: 'the signature does not match: check the secret access key and that nothing changed the request after signing',
  InvalidClientTokenId: 'the security token or access key id is not valid: check the credentials',
  ExpiredToken: 'the session token has expired: refresh the credentials',
  RequestTimeTooSkewed: "the client's clock differs too much from the server's",
  NoSuchBucket: 'the bucket does not exist',
  NoSuchKey: 'the key does not exist',
  NoSuchEntity: 'the entity does not exist',
  InvalidAction: 'the server does not support this action',
  NotImplemented: 'the server does not implement this request',
  MethodNotAllowed: 'the method is not allowed on this resource',
};

/**
 * Turns a non-2xx AWS response into an {@link AwsServiceError}. Understands S3/REST-XML (`<Error>`), Query
 * (`<ErrorResponse>`), EC2 (`<Response><Errors>`), JSON (`__type`, `code`, `message`) bodies and the
 * `x-amzn-query-error`, `x-amzn-errortype`, `x-amzn-requestid`, `x-amz-request-id` and `x-amz-id-2` headers. Never throws: empty
 * bodies, HTML from proxies and random bytes give an error with the status, a status-derived code and a short,
 * redacted excerpt.
 *
 * @example
 * ```ts
 * throw parseAwsError({ status: res.status, headers: res.headers, body: await res.text() }, { operation: 'iam:ListUsers' });
 * ```
 */
export function parseAwsError(res: ErrorResponse, ctx: ParseAwsErrorContext = {}): AwsServiceError {
  const status = Number.isInteger(res.status) ? res.status : 0;
  const header = (name: string): string | undefined => {
    const v = res.headers[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  let text: string;
  try {
    const body = res.body;
    text = typeof body === 'string' ? body.slice(0, maxBody) : new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, maxBody));
  } catch {
    text = '';
  }
  const found = extract(text, header('content-type') ?? '');
  // awsQueryCompatible JSON services (SQS) also send the Query-era code: "AWS.SimpleQueueService.NonExistentQueue;Sender".
  const [queryCode, queryFault] = (header('x-amzn-query-error') ?? '').split(';');
  if (queryFault === 'Sender' || queryFault === 'Receiver') found.type ??= queryFault;
  const headerType = header('x-amzn-errortype');
  // The SDKs prefer the query-compatible code, then x-amzn-errortype, then the body's code/__type.
  const rawCode = (queryCode === '' ? undefined : queryCode) ?? headerType ?? found.code;
  const sanitized = rawCode === undefined ? '' : sanitizeErrorCode(rawCode);
  // A code must look like one (and must not be something a redaction would hide, such as an echoed signature).
  const code = /^[A-Za-z0-9._-]{1,128}$/.test(sanitized) && redact(sanitized) === sanitized ? sanitized : codeFromStatus(status);
  const serviceMessage = redact((found.message ?? '').trim()).slice(0, 2048);
  const id = (v: string | undefined): string | undefined => (v === undefined ? undefined : redactSignatures(v).slice(0, 256));
  const requestId = id(header('x-amzn-requestid') ?? header('x-amz-request-id') ?? header('x-amzn-request-id') ?? found.requestId);
  const hostId = id(header('x-amz-id-2') ?? found.hostId);
  const cls = classifyError(status, code);
  const fault = found.type === 'Receiver' ? 'server' : found.type === 'Sender' ? 'client' : status >= 500 ? 'server' : 'client';

  const statusText = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  const explanation =
    serviceMessage !== ''
      ? serviceMessage
      : found.kind === 'unparsed'
        ? `the server sent ${found.excerpt ?? 'an unexpected body'}`
        : `${hints[code] ?? statusText.toLowerCase().replace(/^http/, 'HTTP')} (the server sent no error message)`;
  const where = ctx.operation === undefined ? '' : `${ctx.operation} failed: `;
  const attempts = ctx.attempts !== undefined && ctx.attempts > 1 ? `, after ${ctx.attempts} attempts` : '';
  const message = `${where}${code} (${statusText}${attempts}): ${explanation}${requestId === undefined ? '' : ` [request id ${redact(requestId).slice(0, 128)}]`}`;

  return new AwsServiceError(message, {
    status,
    code,
    serviceMessage,
    requestId,
    hostId,
    fault,
    ...cls,
    operation: ctx.operation,
    attempts: ctx.attempts,
    details: found.details,
    bodyKind: found.kind,
    rawBody: text,
    cause: found.cause,
  });
}
