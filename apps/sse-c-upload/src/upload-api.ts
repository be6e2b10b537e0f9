import { randomUUID } from 'node:crypto';
import { generateSseCKey, sseCKey, sseCKeyBytes, type S3Client } from '@rawaws/s3';

/** What the browser sends to ask for an upload URL. */
export interface UploadRequest {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

/** A presigned request for the browser: the URL and the exact headers to send with it. */
export interface BrowserRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly expiresAt: string;
}

/** Answer to `POST /api/uploads`: the object key, the PUT to make, and the SSE-C key, handed out once. */
export interface UploadTicket {
  readonly objectKey: string;
  readonly put: BrowserRequest;
  /** Base64 of the 32-byte key; the server does not keep it. */
  readonly sseCKey: string;
  readonly sseCKeyMd5: string;
}

/** A bad request from the browser: answered with HTTP 400 and this message. */
export class BadUploadRequest extends Error {
  override readonly name = 'BadUploadRequest';
}

/** Largest file the page may upload in one presigned PUT (S3's single-PUT limit is 5 GiB). */
export const MAX_UPLOAD_BYTES = 5 * 2 ** 30;
const EXPIRES_IN = 600;

/** `Mon report (v2).pdf` → `Mon_report__v2_.pdf`: keeps object keys boring. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100);
  return cleaned === '' ? 'file' : cleaned;
}

/** Checks the body of `POST /api/uploads`. */
export function parseUploadRequest(body: unknown): UploadRequest {
  if (typeof body !== 'object' || body === null) throw new BadUploadRequest('Expected a JSON object { name, size, type }.');
  const { name, size, type } = body as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') throw new BadUploadRequest('name must be a non-empty string.');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || size > MAX_UPLOAD_BYTES) {
    throw new BadUploadRequest(`size must be a whole number of bytes from 0 to ${MAX_UPLOAD_BYTES} (one presigned PUT).`);
  }
  const contentType = typeof type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : 'application/octet-stream';
  return { name, size, type: contentType };
}

/** Presigns an SSE-C PUT with a fresh 32-byte key for one upload. */
export async function createUploadTicket(s3: S3Client, bucket: string, req: UploadRequest): Promise<UploadTicket> {
  const key = generateSseCKey();
  const objectKey = `uploads/${randomUUID()}/${safeFileName(req.name)}`;
  const put = await s3.presignPutObject({ bucket, key: objectKey, sseC: key, contentType: req.type, expiresIn: EXPIRES_IN });
  return {
    objectKey,
    put: { method: 'PUT', url: put.url, headers: put.headers, expiresAt: put.expiresAt.toISOString() },
    sseCKey: Buffer.from(sseCKeyBytes(key)).toString('base64'),
    sseCKeyMd5: key.keyMd5,
  };
}

/** Presigns an SSE-C GET for an object the browser uploaded, with the key the browser kept. */
export async function createDownload(s3: S3Client, bucket: string, body: unknown): Promise<BrowserRequest> {
  if (typeof body !== 'object' || body === null) throw new BadUploadRequest('Expected a JSON object { objectKey, sseCKey }.');
  const { objectKey, sseCKey: keyB64 } = body as Record<string, unknown>;
  if (typeof objectKey !== 'string' || !objectKey.startsWith('uploads/')) throw new BadUploadRequest('objectKey must be a key this server handed out.');
  if (typeof keyB64 !== 'string') throw new BadUploadRequest('sseCKey must be the base64 key returned with the upload.');
  let key;
  try {
    key = sseCKey(keyB64);
  } catch (e) {
    throw new BadUploadRequest('sseCKey must be 32 bytes, base64-encoded.', { cause: e });
  }
  const get = await s3.presignGetObject({ bucket, key: objectKey, sseC: key, expiresIn: EXPIRES_IN });
  return { method: 'GET', url: get.url, headers: get.headers, expiresAt: get.expiresAt.toISOString() };
}
