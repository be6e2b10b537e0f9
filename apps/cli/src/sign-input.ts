import { presignUrl, signRequest, type HeaderValue, type PresignOptions, type SignableRequest } from '@rawaws/sigv4';
import { CliError } from './cli-error.js';

/** The JSON `rawaws sign` reads (issue 2's contract). */
export interface SignInput {
  method: string;
  url: string;
  headers?: Record<string, HeaderValue>;
  /** Body bytes, base64. */
  body?: string;
  payloadHash?: string;
  region: string;
  service: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** ISO-8601 signing time; defaults to now. */
  date?: string;
  presign?: { expiresIn?: number };
  s3?: boolean;
  unsignedHeaders?: string[];
}

/** The JSON `rawaws sign` prints. */
export interface SignOutput {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  headers: Record<string, string>;
  url: string;
}

const invalid = (message: string): CliError => new CliError('CLI_INVALID_INPUT', `sign: ${message}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function requireString(obj: Record<string, unknown>, key: string, where = ''): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw invalid(`"${where}${key}" must be a non-empty string`);
  return value;
}

function optionalString(obj: Record<string, unknown>, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`"${key}" must be a string when given`);
  return value;
}

function parseHeaders(value: unknown): Record<string, HeaderValue> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw invalid('"headers" must be an object of name -> string (or array of strings)');
  const out: Record<string, HeaderValue> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) out[name] = v as HeaderValue;
    else throw invalid(`header ${JSON.stringify(name)} must be a string or an array of strings`);
  }
  return out;
}

function parseBody(value: unknown): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw invalid('"body" must be standard base64 (padded)');
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** Validates the parsed JSON and turns it into a request and signing options; throws CLI_INVALID_INPUT with the field. */
export function parseSignInput(json: unknown): { request: SignableRequest; options: PresignOptions; presign: boolean } {
  if (!isObject(json)) throw invalid('input must be one JSON object');
  const method = requireString(json, 'method');
  const url = requireString(json, 'url');
  try {
    new URL(url);
  } catch (cause) {
    throw new CliError('CLI_INVALID_INPUT', `sign: "url" ${JSON.stringify(url)} is not an absolute URL`, { cause });
  }
  const creds = json['credentials'];
  if (!isObject(creds)) throw invalid('"credentials" must be an object with accessKeyId and secretAccessKey');
  const accessKeyId = requireString(creds, 'accessKeyId', 'credentials.');
  const secretAccessKey = requireString(creds, 'secretAccessKey', 'credentials.');
  const sessionToken = optionalString(creds, 'sessionToken');
  const dateText = optionalString(json, 'date');
  const date = dateText === undefined ? new Date() : new Date(dateText);
  if (Number.isNaN(date.getTime())) throw invalid(`"date" ${JSON.stringify(dateText)} is not an ISO-8601 date-time`);
  const presignValue = json['presign'];
  if (presignValue !== undefined && !isObject(presignValue)) throw invalid('"presign" must be an object like { "expiresIn": 900 }');
  const expiresIn = presignValue?.['expiresIn'];
  if (expiresIn !== undefined && typeof expiresIn !== 'number') throw invalid('"presign.expiresIn" must be a number of seconds');
  const s3 = json['s3'];
  if (s3 !== undefined && typeof s3 !== 'boolean') throw invalid('"s3" must be true or false');
  const unsigned = json['unsignedHeaders'];
  if (unsigned !== undefined && !(Array.isArray(unsigned) && unsigned.every((h) => typeof h === 'string'))) {
    throw invalid('"unsignedHeaders" must be an array of header names');
  }
  const headers = parseHeaders(json['headers']);
  const body = parseBody(json['body']);
  const payloadHash = optionalString(json, 'payloadHash');

  const request: SignableRequest = { method, url, ...(headers !== undefined ? { headers } : {}), ...(body !== undefined ? { body } : {}) };
  const options: PresignOptions = {
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) },
    region: requireString(json, 'region'),
    service: requireString(json, 'service'),
    date,
    ...(payloadHash !== undefined ? { payloadHash } : {}),
    ...(s3 !== undefined ? { s3 } : {}),
    ...(unsigned !== undefined ? { unsignedHeaders: unsigned as string[] } : {}),
    ...(expiresIn !== undefined ? { expiresIn } : {}),
  };
  return { request, options, presign: presignValue !== undefined };
}

/** Signs (or presigns) the request described by `json`. */
export function signFromInput(json: unknown): SignOutput {
  const { request, options, presign } = parseSignInput(json);
  if (presign) {
    const r = presignUrl(request, options);
    return { canonicalRequest: r.canonicalRequest, stringToSign: r.stringToSign, signature: r.signature, headers: r.headers, url: r.url };
  }
  const r = signRequest(request, options);
  return { canonicalRequest: r.canonicalRequest, stringToSign: r.stringToSign, signature: r.signature, headers: r.headers, url: String(request.url) };
}
