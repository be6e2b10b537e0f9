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

// Browser POST uploads
export { signPostPolicy, signPolicyDocument } from './post-policy.js';
export type { PostPolicyCondition, PostPolicyOptions, PostPolicyResult } from './post-policy.js';

// Crypto backends
export { nodeCrypto, webCrypto, toHex } from './crypto.js';

// Spec steps (for custom flows, debugging and verification)
export { amzDate } from './amz-date.js';
export { credentialScope } from './credential-scope.js';
export { deriveSigningKey, signingKey, signingKeyAsync } from './signing-key.js';
export type { SigningKeyChain } from './signing-key.js';
export { canonicalRequest } from './canonical-request.js';
export type { CanonicalRequestOptions, CanonicalRequestResult } from './canonical-request.js';
export { stringToSign } from './string-to-sign.js';
export { uriEncode } from './uri-encode.js';

// aws-chunked streaming uploads (H2)
export { awsChunkedEncode, awsChunkedStream } from './aws-chunked-encode.js';
export { createAwsChunkedEncoder } from './aws-chunked-encoder.js';
export type { AwsChunkedChecksum, AwsChunkedEncoder, AwsChunkedEncoderOptions, AwsChunkedSeed, AwsChunkedTrailer } from './aws-chunked-encoder.js';
export { awsChunkedEncodedLength, awsChunkedHeaders, AWS_CHUNKED_DEFAULT_CHUNK_SIZE, AWS_CHUNKED_MIN_CHUNK_SIZE } from './aws-chunked-length.js';
export type { AwsChunkedHeadersOptions, AwsChunkedLengthOptions, AwsChunkedPayload, AwsChunkedTrailerShape } from './aws-chunked-length.js';
export { chunkStringToSign, trailerStringToSign } from './aws-chunked-signature.js';
export { awsChunkedDecode, createAwsChunkedDecoder } from './aws-chunked-decoder.js';
export type { AwsChunkedDecoder, AwsChunkedDecoderOptions } from './aws-chunked-decoder.js';

// Verification of received requests (H2)
export { verifyRequest } from './verify-request.js';
export type { VerifiableRequest, VerifyFailure, VerifyOptions, VerifyResult, VerifySecret, VerifySuccess } from './verify-request.js';
export type { VerifyFailureReason } from './verify-parse.js';

// Explaining S3 SignatureDoesNotMatch errors (H2)
export { explainSignatureMismatch } from './explain-signature-mismatch.js';
export type { OurSigningInput, SignatureMismatchExplanation } from './explain-signature-mismatch.js';
export type { MismatchCause, MismatchCauseKind } from './explain-causes.js';
export type { DiffLine } from './explain-diff.js';
export { parseSignatureMismatchXml } from './explain-xml.js';
export type { SignatureMismatchDetails } from './explain-xml.js';
