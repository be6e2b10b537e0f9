// Drives @smithy/signature-v4 (the AWS SDK for JavaScript v3 signer) with node:crypto, for differential tests.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h =
      secret === undefined
        ? createHash('sha256')
        : createHmac('sha256', typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength) : new Uint8Array(secret));
  }
  update(data: Uint8Array): void {
    this.h.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
  reset(): void {
    throw new Error('not used');
  }
}

export interface SmithyInput {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };
  region: string;
  service: string;
  /** S3 settings: uriEscapePath false (the caller encodes the path once) and applyChecksum true. */
  s3: boolean;
}

export function smithySigner(input: SmithyInput): SignatureV4 {
  return new SignatureV4({
    credentials:
      input.credentials.sessionToken === undefined
        ? { accessKeyId: input.credentials.accessKeyId, secretAccessKey: input.credentials.secretAccessKey }
        : { ...input.credentials, sessionToken: input.credentials.sessionToken },
    region: input.region,
    service: input.service,
    sha256: NodeSha256,
    uriEscapePath: !input.s3,
    applyChecksum: input.s3,
  });
}

export interface SmithyRequest {
  method: string;
  protocol: string;
  hostname: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: string | undefined;
}
