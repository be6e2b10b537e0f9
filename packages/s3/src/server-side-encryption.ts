import { S3Error } from './errors.js';

/** Server-side encryption with keys S3 manages (SSE-S3) or with AWS KMS (SSE-KMS / DSSE-KMS). */
export type ServerSideEncryption =
  | { readonly type: 'AES256' }
  | {
      readonly type: 'aws:kms' | 'aws:kms:dsse';
      /** KMS key id or ARN. @default the account's `aws/s3` key */
      readonly keyId?: string | undefined;
      /** Encryption context, sent base64-encoded JSON. */
      readonly context?: Readonly<Record<string, string>> | undefined;
      /** Use an S3 Bucket Key. */
      readonly bucketKeyEnabled?: boolean | undefined;
    };

/**
 * Request headers for SSE-S3 / SSE-KMS on PUT, CopyObject and CreateMultipartUpload.
 *
 * @example
 * ```ts
 * serverSideEncryptionHeaders({ type: 'aws:kms', keyId: 'alias/my-key' });
 * // { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/my-key' }
 * ```
 */
export function serverSideEncryptionHeaders(sse: ServerSideEncryption): Record<string, string> {
  if (sse.type === 'AES256') return { 'x-amz-server-side-encryption': 'AES256' };
  if (sse.type !== 'aws:kms' && sse.type !== 'aws:kms:dsse') {
    throw new S3Error('S3_INVALID_ARGUMENT', `Unknown server-side encryption type ${JSON.stringify((sse as { type: unknown }).type)}: use 'AES256', 'aws:kms' or 'aws:kms:dsse'.`, {
      value: (sse as { type: unknown }).type,
    });
  }
  const h: Record<string, string> = { 'x-amz-server-side-encryption': sse.type };
  if (sse.keyId !== undefined) h['x-amz-server-side-encryption-aws-kms-key-id'] = sse.keyId;
  if (sse.context !== undefined) {
    h['x-amz-server-side-encryption-context'] = Buffer.from(JSON.stringify(sse.context), 'utf8').toString('base64');
  }
  if (sse.bucketKeyEnabled !== undefined) h['x-amz-server-side-encryption-bucket-key-enabled'] = String(sse.bucketKeyEnabled);
  return h;
}
