/**
 * AWS credentials used to sign a request. Objects passed in are never mutated or retained beyond the call,
 * except that the signing-key cache keeps a SHA-256 of the secret (never the secret itself).
 * @example
 * const credentials: Credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: process.env.SECRET! };
 */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** STS session token; sent as `x-amz-security-token` (header) or `X-Amz-Security-Token` (query). */
  readonly sessionToken?: string | undefined;
  /** When the credentials stop working; presigned URLs may not outlive it. */
  readonly expiration?: Date | undefined;
}

/** One header value, or several values of a repeated header (joined with `,` in order when canonicalised). */
export type HeaderValue = string | readonly string[];

/**
 * The request to sign: plain data, no I/O.
 *
 * `url` may be a string or a `URL`. A string keeps its path exactly as written (no WHATWG dot-segment
 * normalisation), so S3 keys such as `a/../b` survive; a `URL` object's `pathname` is used as-is.
 * @example
 * const req: SignableRequest = { method: 'GET', url: 'https://bucket.s3.amazonaws.com/key.txt' };
 */
export interface SignableRequest {
  method: string;
  url: string | URL;
  headers?: Record<string, HeaderValue> | undefined;
  body?: string | Uint8Array | undefined;
}

/**
 * Synchronous hashing primitives used by the signer. Keep these pure: no I/O, no clock.
 * @example
 * const crypto: SigV4Crypto = { sha256: (d) => myHash(d), hmac: (k, d) => myHmac(k, d) };
 */
export interface SigV4Crypto {
  /** SHA-256 digest of `data` (strings are UTF-8 encoded). */
  sha256(data: string | Uint8Array): Uint8Array;
  /** HMAC-SHA256 of `data` (strings are UTF-8 encoded) under `key`. */
  hmac(key: Uint8Array, data: string | Uint8Array): Uint8Array;
  /** Optional fast path: lower-case hex SHA-256 (the signer uses it when present instead of `toHex(sha256(…))`). */
  sha256Hex?(data: string | Uint8Array): string;
  /** Optional fast path: lower-case hex HMAC-SHA256. */
  hmacHex?(key: Uint8Array, data: string | Uint8Array): string;
}

/**
 * Asynchronous variant of {@link SigV4Crypto}, for Web Crypto (browsers, edge runtimes, Deno, Bun).
 * @example
 * const crypto: SigV4AsyncCrypto = webCrypto();
 */
export interface SigV4AsyncCrypto {
  sha256(data: string | Uint8Array): Promise<Uint8Array>;
  hmac(key: Uint8Array, data: string | Uint8Array): Promise<Uint8Array>;
}

/** Options for {@link signRequest}. */
export interface SignOptions {
  credentials: Credentials;
  /** Signing region, e.g. `us-east-1`. */
  region: string;
  /** Signing name of the service, e.g. `s3`, `sts`, `execute-api`. */
  service: string;
  /**
   * Signing time.
   * @default new Date()
   */
  date?: Date;
  /**
   * Hex SHA-256 of the payload, `UNSIGNED-PAYLOAD`, or a `STREAMING-…` value.
   * @default hex(sha256(body ?? ''))
   */
  payloadHash?: string;
  /**
   * Apply S3's path rules: the key is URI-encoded once and the path is not normalised.
   * @default service === 's3'
   */
  s3?: boolean;
  /**
   * Add and sign `x-amz-content-sha256` (S3 requires it on header-signed requests).
   * @default s3
   */
  addContentSha256?: boolean;
  /** Extra header names (any case) to leave out of the signature. `host` and `x-amz-date` are always signed. */
  unsignedHeaders?: readonly string[];
  /**
   * Sign the session token. Set `false` for services that want `X-Amz-Security-Token` attached after signing
   * (AWS IoT WebSocket URLs; the aws-c-auth `omit_session_token` vectors).
   * @default true
   */
  signSessionToken?: boolean;
  /**
   * Hash implementation.
   * @default nodeCrypto
   */
  crypto?: SigV4Crypto;
}

/** What {@link signRequest} returns: the headers to send plus every intermediate product, for debugging. */
export interface SignResult {
  /**
   * Lower-case names: everything to send, including `host`, `x-amz-date`, `authorization`,
   * `x-amz-security-token` and `x-amz-content-sha256` when added.
   */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  /** Hex HMAC-SHA256 signature. Treat as a secret-equivalent: it authorises the request. */
  signature: string;
  /** `;`-joined lower-case names of the signed headers. */
  signedHeaders: string;
  /** `YYYYMMDD/region/service/aws4_request`. */
  credentialScope: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
}

/** Options for {@link presignUrl}. */
export interface PresignOptions extends SignOptions {
  /**
   * Lifetime of the URL in seconds, 1..604800 (7 days), and never beyond `credentials.expiration`.
   * @default 900
   */
  expiresIn?: number;
}

/** What {@link presignUrl} returns. `headers` are the signed headers the caller must send with the URL. */
export interface PresignResult extends SignResult {
  url: string;
}
