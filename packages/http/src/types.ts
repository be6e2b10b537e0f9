import type { Readable } from 'node:stream';
import type { ErrorClass } from './classify.js';
import type { NoRetryReason } from './retry-policy.js';

/**
 * A request body. Strings and `Uint8Array`s are replayed on retries; a function returning a fresh stream is called
 * once per attempt; a bare `AsyncIterable`/stream is one-shot, so a failed attempt cannot be retried.
 */
export type RequestBody =
  | string
  | Uint8Array
  | (() => AsyncIterable<Uint8Array> | NodeJS.ReadableStream | Readable)
  | AsyncIterable<Uint8Array>;

/** Context passed to {@link TransportRequest.prepare}. */
export interface PrepareContext {
  /** 1-based attempt number. */
  attempt: number;
  /** The transport's max attempts (for the SDKs' `amz-sdk-request: attempt=N; max=M` header); always set by the transport. */
  maxAttempts?: number;
  /** Local time plus the transport's clock-skew correction: sign with this. */
  date: Date;
}

/** One logical request; the transport may send it several times. */
export interface TransportRequest {
  method: string;
  url: string | URL;
  headers?: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
  /**
   * Whether the request may be sent twice. Default: `true` for GET, HEAD, PUT, DELETE, OPTIONS and TRACE, and for
   * any request with a `prepare` hook (signed AWS calls, which the SDKs retry for every method); `false` otherwise.
   */
  idempotent?: boolean;
  /** Called before EVERY attempt with a skew-corrected date; returns the (re-)signed request to send. */
  prepare?: (req: TransportRequest, ctx: PrepareContext) => TransportRequest | Promise<TransportRequest>;
  /** Per-request observer, called after the transport's `onEvent`. */
  onEvent?: (event: TransportEvent) => void;
  /**
   * `'buffer'` reads 2xx bodies fully inside the retry loop, so a truncated or timed-out body is retried too.
   * @default 'stream'
   */
  responseBody?: 'stream' | 'buffer';
}

/** The final response (after retries). Its body can be read once. */
export interface TransportResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  text(): Promise<string>;
  json(): Promise<unknown>;
  bytes(): Promise<Uint8Array>;
  /** Attempts made, this one included. */
  attempts: number;
  /** AWS error code extracted from a non-2xx response, if any. */
  errorCode?: string | undefined;
  /** Why a retryable non-2xx response was not retried. */
  noRetryReason?: NoRetryReason | 'clock-skew-uncorrectable' | undefined;
}

/** What a caller-supplied error classifier sees: a non-2xx response with its (bounded) buffered body. */
export interface ErrorResponseInfo {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Observability events. URLs are redacted. */
export type TransportEvent =
  | { type: 'attempt-start'; attempt: number; method: string; url: string; date: Date }
  | {
      type: 'attempt-end';
      attempt: number;
      method: string;
      url: string;
      durationMs: number;
      status?: number;
      errorCode?: string;
      errorClass?: ErrorClass;
    }
  | { type: 'retry'; attempt: number; delayMs: number; errorClass: ErrorClass; reason: string; quotaLeft: number }
  | { type: 'no-retry'; attempt: number; reason: NoRetryReason | 'clock-skew-uncorrectable'; errorClass: ErrorClass }
  | { type: 'clock-skew'; attempt: number; offsetMs: number; previousOffsetMs: number }
  | { type: 'rate-limit'; attempt: number; delayMs: number }
  | { type: 'upload-progress'; attempt: number; bytes: number; total?: number }
  | { type: 'download-progress'; bytes: number; total?: number };

/** Connect-address override: one address for every host, a host→address map, or a function. */
export type ConnectAddress = string | Record<string, string> | ((hostname: string) => string | undefined);
