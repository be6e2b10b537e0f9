import type { TransportResponse } from '@rawaws/http';
import type { ResponseMetadata } from './client-types.js';

/** Response metadata (status, request id from the headers, attempts), like the SDKs' `$metadata`. */
export const metadataOf = (res: TransportResponse): ResponseMetadata => ({
  httpStatusCode: res.status,
  requestId: res.headers['x-amzn-requestid'] ?? res.headers['x-amz-request-id'] ?? res.headers['x-amzn-request-id'],
  attempts: res.attempts,
});
