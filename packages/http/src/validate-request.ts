import { HttpError } from './errors.js';
import { validateBody } from './request-body.js';
import type { TransportRequest } from './types.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 field-value: no CR, LF or NUL.
const BAD_VALUE = /[\r\n\0]/;

/** Check a request before any network call; returns its parsed URL. Messages never echo header values. */
export function validateRequest(req: TransportRequest): URL {
  if (typeof req !== 'object' || req === null) {
    throw new HttpError('ERR_INVALID_REQUEST', 'send() needs a request object { method, url, ... }');
  }
  if (typeof req.method !== 'string' || !TOKEN.test(req.method)) {
    throw new HttpError('ERR_INVALID_REQUEST', `Invalid HTTP method ${JSON.stringify(req.method)}: use a token such as "GET"`);
  }
  let url: URL;
  try {
    url = new URL(String(req.url));
  } catch (cause) {
    throw new HttpError('ERR_INVALID_REQUEST', 'Invalid URL: pass an absolute http(s) URL', { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpError('ERR_INVALID_REQUEST', `Unsupported URL protocol ${JSON.stringify(url.protocol)}: use http: or https:`);
  }
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (!TOKEN.test(name)) {
      throw new HttpError('ERR_INVALID_REQUEST', `Invalid header name ${JSON.stringify(name)}: use RFC 9110 token characters`);
    }
    if (typeof value !== 'string' || BAD_VALUE.test(value)) {
      throw new HttpError('ERR_INVALID_REQUEST', `Invalid value for header "${name}": must be a string without CR, LF or NUL`);
    }
  }
  validateBody(req.body, `${req.method} request`);
  return url;
}
