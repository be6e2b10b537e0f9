import { createHash, randomBytes } from 'node:crypto';
import { S3Error } from './errors.js';

const kKey = Symbol('rawaws.s3.sseCKey');

/**
 * A customer-provided encryption key (SSE-C): 32 bytes for AES-256. The bytes are held out of sight so that
 * `JSON.stringify`, `util.inspect` and error messages never show them.
 */
export interface SseCKey {
  readonly algorithm: 'AES256';
  /** Base64 of the MD5 of the key: safe to log, identifies the key. */
  readonly keyMd5: string;
  readonly [kKey]: Uint8Array;
}

/**
 * Returns the raw 32 key bytes of an {@link SseCKey} (store them somewhere safe). Throws `S3_INVALID_SSE_C_KEY`
 * for an object not made by {@link sseCKey} (e.g. one rebuilt from JSON, which carries no key bytes).
 */
export function sseCKeyBytes(key: SseCKey): Uint8Array {
  const raw = typeof key === 'object' && key !== null ? (key as Partial<SseCKey>)[kKey] : undefined;
  if (!(raw instanceof Uint8Array) || raw.length !== 32) {
    throw new S3Error(
      'S3_INVALID_SSE_C_KEY',
      'Invalid SSE-C key: this object was not made by sseCKey() or generateSseCKey(), so it holds no key bytes (a key rebuilt from JSON has only its MD5). Wrap the 32 key bytes with sseCKey(bytes).',
      { value: typeof key === 'object' && key !== null ? 'an object without key bytes' : typeof key },
    );
  }
  return raw;
}

/**
 * Wraps 32 key bytes (a `Uint8Array`, or a base64 string of them) as an {@link SseCKey}.
 * Throws `S3_INVALID_SSE_C_KEY` for any other length; the message gives the length, never the key.
 *
 * @example
 * ```ts
 * const key = sseCKey(process.env.MY_KEY_B64!);
 * ```
 */
export function sseCKey(bytes: Uint8Array | string): SseCKey {
  const raw = typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : Uint8Array.from(bytes);
  if (raw.length !== 32) {
    throw new S3Error(
      'S3_INVALID_SSE_C_KEY',
      `Invalid SSE-C key: it is ${raw.length} bytes, AES-256 needs exactly 32. Use generateSseCKey() or 32 random bytes${typeof bytes === 'string' ? ' (base64-encoded)' : ''}.`,
      { value: `${raw.length} bytes` },
    );
  }
  const keyMd5 = createHash('md5').update(raw).digest('base64');
  const key = { algorithm: 'AES256' as const, keyMd5 };
  Object.defineProperty(key, kKey, { value: raw, enumerable: false });
  Object.defineProperty(key, Symbol.for('nodejs.util.inspect.custom'), {
    value: () => `SseCKey { algorithm: 'AES256', keyMd5: '${keyMd5}' }`,
    enumerable: false,
  });
  Object.defineProperty(key, 'toJSON', { value: () => ({ algorithm: 'AES256', keyMd5 }), enumerable: false });
  return Object.freeze(key) as SseCKey;
}

/**
 * Generates a fresh random SSE-C key.
 *
 * @example
 * ```ts
 * const key = generateSseCKey();
 * await s3.putObject({ bucket, key: 'secret.bin', body, sseC: key });
 * ```
 */
export function generateSseCKey(): SseCKey {
  return sseCKey(randomBytes(32));
}

/**
 * The three SSE-C request headers for PUT/GET/HEAD/UploadPart.
 *
 * @example
 * ```ts
 * sseCHeaders(key)['x-amz-server-side-encryption-customer-algorithm']; // 'AES256'
 * ```
 */
export function sseCHeaders(key: SseCKey): Record<string, string> {
  return {
    'x-amz-server-side-encryption-customer-algorithm': key.algorithm,
    'x-amz-server-side-encryption-customer-key': Buffer.from(sseCKeyBytes(key)).toString('base64'),
    'x-amz-server-side-encryption-customer-key-md5': key.keyMd5,
  };
}

/** The SSE-C headers for the *source* of a CopyObject / UploadPartCopy. */
export function sseCCopySourceHeaders(key: SseCKey): Record<string, string> {
  return {
    'x-amz-copy-source-server-side-encryption-customer-algorithm': key.algorithm,
    'x-amz-copy-source-server-side-encryption-customer-key': Buffer.from(sseCKeyBytes(key)).toString('base64'),
    'x-amz-copy-source-server-side-encryption-customer-key-md5': key.keyMd5,
  };
}

/** True for `localhost`, `*.localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::1';
}

/**
 * Refuses SSE-C over plain HTTP: AWS rejects it (the key would cross the network in clear). Allowed only when the
 * connection goes to a loopback address AND the caller opted in (`allowInsecureSseC`), as for a local test server.
 * Throws `S3_INSECURE_SSE_C`.
 */
export function assertSseCTransport(url: URL, connectHostname: string, allowInsecure: boolean): void {
  if (url.protocol === 'https:') return;
  const loopback = isLoopbackHost(connectHostname);
  if (loopback && allowInsecure) return;
  throw new S3Error(
    'S3_INSECURE_SSE_C',
    loopback
      ? `Refusing SSE-C over plain HTTP to ${url.host}: the key would travel unencrypted. For a local test server pass allowInsecureSseC: true.`
      : `Refusing SSE-C over plain HTTP to ${url.host}: S3 requires HTTPS for customer-provided keys. Use an https:// endpoint.`,
    { value: url.origin },
  );
}
