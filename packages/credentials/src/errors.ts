const kMarker = Symbol.for('rawaws.credentials.error');

/**
 * Stable error codes of `@rawaws/credentials`.
 *
 * Codes in {@link NOT_FOUND_HERE_CODES} mean "this source has nothing for you"; `chain()` moves on only for those.
 * Every other code is terminal: the source is configured but broken, and the chain stops so the problem is seen.
 */
export type CredentialsErrorCode =
  /** The source is not configured (env vars unset, no such profile, no container env, ...). Chain moves on. */
  | 'CREDENTIALS_NOT_FOUND'
  /** The source was deliberately skipped (e.g. `AWS_PROFILE` is set, so env keys are ignored). Chain moves on. */
  | 'CREDENTIALS_SKIPPED'
  /** `AWS_EC2_METADATA_DISABLED` is set. Chain moves on. */
  | 'CREDENTIALS_IMDS_DISABLED'
  /** IMDS did not answer (not on EC2, or the cached "not on EC2" verdict). Chain moves on. */
  | 'CREDENTIALS_IMDS_UNAVAILABLE'
  /** A shared config/credentials file is malformed; `file` and `line` say where. */
  | 'CREDENTIALS_CONFIG_PARSE'
  /** A shared config/credentials file exists but cannot be read. */
  | 'CREDENTIALS_CONFIG_READ'
  /** A profile is configured inconsistently (missing source profile, unknown credential_source, bad number...). */
  | 'CREDENTIALS_PROFILE_INVALID'
  /** `source_profile` references form a cycle. */
  | 'CREDENTIALS_PROFILE_CYCLE'
  /** The profile uses IAM Identity Center (SSO), which this package does not implement. */
  | 'CREDENTIALS_SSO_UNSUPPORTED'
  /** The role needs an MFA code (`mfa_serial`) and no `mfaCodeProvider` was given. */
  | 'CREDENTIALS_MFA_REQUIRED'
  /** An environment variable or option has an invalid value. */
  | 'CREDENTIALS_INVALID_CONFIG'
  /** `credential_process` could not be started or exited non-zero. */
  | 'CREDENTIALS_PROCESS_FAILED'
  /** `credential_process` did not finish in time. */
  | 'CREDENTIALS_PROCESS_TIMEOUT'
  /** `credential_process` printed something that is not Version 1 credentials JSON. */
  | 'CREDENTIALS_PROCESS_INVALID_OUTPUT'
  /** A source returned credentials that have already expired. */
  | 'CREDENTIALS_EXPIRED'
  /** STS answered with an error (`stsCode` carries AWS's code). */
  | 'CREDENTIALS_STS_ERROR'
  /** STS answered 2xx with a body we could not read. */
  | 'CREDENTIALS_STS_INVALID_RESPONSE'
  /** The web identity token file cannot be read. */
  | 'CREDENTIALS_WEB_IDENTITY_TOKEN'
  /** A container credentials URI was refused by the host allow-list (checked before any request). */
  | 'CREDENTIALS_CONTAINER_URI_REFUSED'
  /** The container credentials endpoint failed or answered with something unusable. */
  | 'CREDENTIALS_CONTAINER_ERROR'
  /** IMDSv1 fallback is needed but disabled (`AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`). */
  | 'CREDENTIALS_IMDS_V1_DISABLED'
  /** IMDS answered with an error status or unusable JSON. */
  | 'CREDENTIALS_IMDS_ERROR'
  /** A network error talking to a credentials endpoint. */
  | 'CREDENTIALS_NETWORK';

/**
 * Codes that mean "not found here": `chain()` tries the next source for these and only these.
 *
 * @example
 * NOT_FOUND_HERE_CODES.has('CREDENTIALS_NOT_FOUND'); // true
 */
export const NOT_FOUND_HERE_CODES: ReadonlySet<CredentialsErrorCode> = new Set<CredentialsErrorCode>([
  'CREDENTIALS_NOT_FOUND',
  'CREDENTIALS_SKIPPED',
  'CREDENTIALS_IMDS_DISABLED',
  'CREDENTIALS_IMDS_UNAVAILABLE',
]);

/** One source the chain tried, and why it had nothing. */
export interface SkippedSource {
  readonly source: string;
  readonly code: CredentialsErrorCode;
  readonly message: string;
}

/** Extra facts an error may carry. None of them is ever a secret. */
export interface CredentialsErrorOptions {
  cause?: unknown;
  /** The provider that failed, e.g. `env`, `profile:dev`, `imds`. */
  source?: string;
  /** The file at fault (config parse/read errors, token files). */
  file?: string;
  /** 1-based line number in `file`. */
  line?: number;
  /** HTTP status from STS, IMDS or the container endpoint. */
  status?: number;
  /** AWS error code from an STS error response, e.g. `AccessDenied`. */
  stsCode?: string;
  /** For `CREDENTIALS_NOT_FOUND` from `chain()`: every source tried and why it was skipped. */
  skipped?: readonly SkippedSource[];
}

/**
 * The one error class of `@rawaws/credentials`. Messages never contain secret keys or session tokens.
 *
 * @example
 * try { await provider(); } catch (e) { if (isCredentialsError(e) && e.code === 'CREDENTIALS_NOT_FOUND') console.log(e.skipped); }
 */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  readonly [kMarker] = true;
  readonly code: CredentialsErrorCode;
  readonly source: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly status: number | undefined;
  readonly stsCode: string | undefined;
  readonly skipped: readonly SkippedSource[] | undefined;

  constructor(code: CredentialsErrorCode, message: string, options: CredentialsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = options.source;
    this.file = options.file;
    this.line = options.line;
    this.status = options.status;
    this.stsCode = options.stsCode;
    this.skipped = options.skipped;
  }
}

/**
 * True for a CredentialsError from any installed copy of `@rawaws/credentials`.
 *
 * @example
 * if (isCredentialsError(e) && e.code === 'CREDENTIALS_CONFIG_PARSE') console.error(`${e.file}:${e.line}`);
 */
export const isCredentialsError = (e: unknown): e is CredentialsError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kMarker] === true;

/**
 * True when `e` says "this source has nothing", i.e. the chain may try the next one.
 *
 * @example
 * const creds = await fromEnv()().catch((e) => (isNotFoundHere(e) ? undefined : Promise.reject(e)));
 */
export const isNotFoundHere = (e: unknown): e is CredentialsError =>
  isCredentialsError(e) && NOT_FOUND_HERE_CODES.has(e.code);
