import { assertHeaders } from './canonical-headers.js';
import { assertMethod } from './canonical-request.js';
import { requestUrl } from './request-url.js';
import type { HeaderValue, SignableRequest } from './types.js';

/**
 * Validate method, URL and headers before the body is hashed, so bad input fails with a typed error before any
 * expensive work. Returns the body. (When the caller passes `payloadHash`, canonicalisation validates the same
 * things first anyway, so this runs only on the body-hashing path.)
 */
export function checkBeforeHashing(req: SignableRequest, headers: Readonly<Record<string, HeaderValue>>): SignableRequest['body'] {
  assertMethod(req.method);
  requestUrl(req.url);
  assertHeaders(headers);
  return req.body;
}
