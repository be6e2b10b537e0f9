export { createClient } from './create-client.js';
export type {
  AwsClient,
  ClientOptions,
  ExpectedStatus,
  JsonOptions,
  JsonResult,
  QueryOptions,
  QueryResult,
  ResolvedConfig,
  ResponseMetadata,
  RestRequest,
  RestResult,
  SendRequest,
} from './client-types.js';
export { AwsServiceError, isAwsServiceError } from './aws-service-error.js';
export type { AwsServiceErrorInit } from './aws-service-error.js';
export { ClientError, isClientError } from './errors.js';
export type { ClientErrorCode } from './errors.js';
export { parseAwsError, sanitizeErrorCode } from './parse-aws-error.js';
export type { ErrorResponse, ParseAwsErrorContext } from './parse-aws-error.js';
export { classifyError } from './error-classification.js';
export type { ErrorClass } from './error-classification.js';
export { parseXml } from './parse-xml.js';
export type { ParseXmlOptions, XmlObject, XmlValue } from './parse-xml.js';
export { buildXml, escapeXml } from './build-xml.js';
export type { BuildXmlOptions, XmlInput } from './build-xml.js';
export { serializeQuery, formEncode, encodeRfc3986 } from './query-serialize.js';
export type { QueryValue, SerializeQueryOptions } from './query-serialize.js';
export { toAwsJson } from './json-serialize.js';
export { resolveRegion } from './resolve-region.js';
export type { RegionInputs, RegionSource, ResolvedRegion } from './resolve-region.js';
export { resolveEndpoint, endpointEnvName, servicesKey } from './resolve-endpoint.js';
export type { EndpointInputs, EndpointSource, ResolvedEndpoint } from './resolve-endpoint.js';
export type { QueryParams } from './build-url.js';

// Intentionally not exported: buildUrl, defaultEndpoint, partitionOf, signingPrepare, payloadHashFor, redact,
// safeExcerpt, decodeXmlReferences, loadConfigSettings, queryResultOf (internal steps; tests import the modules).
