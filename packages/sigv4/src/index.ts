// Public surface of @rawaws/sigv4: explicit named exports only (no `export *`).
// Intentionally not exported: the step modules' helpers (uri-encode, canonical-uri/query/headers, request-url,
// validate-sign-options). Tests import those module files directly.

// Types
export type {
  Credentials,
  HeaderValue,
  PresignOptions,
  PresignResult,
  SigV4AsyncCrypto,
  SigV4Crypto,
  SignableRequest,
  SignOptions,
  SignResult,
} from './types.js';

// Errors
export { SigV4Error, isSigV4Error } from './errors.js';
export type { SigV4ErrorCode } from './errors.js';

// Header signing and presigning
export { signRequest, signRequestAsync } from './sign.js';
export type { SignAsyncOptions } from './sign.js';
export { presignUrl, presignUrlAsync, MAX_PRESIGN_EXPIRY } from './presign.js';
export type { PresignAsyncOptions } from './presign.js';

// Crypto backends
export { nodeCrypto, webCrypto, toHex } from './crypto.js';

// Spec steps (for custom flows, debugging and verification)
export { amzDate } from './amz-date.js';
export { credentialScope } from './credential-scope.js';
export { signingKey, signingKeyAsync } from './signing-key.js';
export { canonicalRequest } from './canonical-request.js';
export type { CanonicalRequestOptions, CanonicalRequestResult } from './canonical-request.js';
export { stringToSign } from './string-to-sign.js';
export { uriEncode } from './uri-encode.js';
