import type { TransportResponse } from '@rawaws/http';
import { CHECKSUM_ALGORITHMS, checksumHeaderName, computeChecksum, contentMd5, createChecksum, checksumToBase64 } from './checksum.js';
import { S3Error } from './errors.js';
import { MAX_PUT_SIZE } from './multipart-plan.js';
import { objectMetadata, type ObjectMetadata } from './object-metadata.js';
import { checkedLength, fileStreamFactory, resolveBody, type PutBody, type ResolvedBody } from './put-body.js';
import type { S3Context } from './s3-context.js';
import { sseCHeaders, type SseCKey } from './sse-c.js';
import { verifyChecksum } from './verify-checksum.js';
import { writeHeaders, type ObjectWriteOptions } from './write-headers.js';
import { createReadStream } from 'node:fs';
import { awsChunkedHeaders } from '@rawaws/sigv4';
import { STREAMING_PAYLOAD, STREAMING_PAYLOAD_TRAILER } from './aws-chunked-transport.js';
import { trailerShape } from './trailing-checksum.js';

/**
 * How a file/stream body is signed: `'unsigned'` (`UNSIGNED-PAYLOAD`), `'streaming'` (signed aws-chunked) or
 * `'streaming-trailer'` (signed aws-chunked with the `checksumAlgorithm` value in a signed trailer — a capability
 * flag: AWS accepts it, Ceph RGW 16 does not).
 */
export type PayloadSigning = 'unsigned' | 'streaming' | 'streaming-trailer';

/** Input of `putObject`. */
export interface PutObjectInput extends ObjectWriteOptions {
  readonly bucket: string;
  readonly key: string;
  readonly body: PutBody;
  /** Size of a stream body; without it a stream goes through a multipart `upload()`. */
  readonly contentLength?: number | undefined;
  /** Signing of a file/stream body: see `S3ClientOptions.payloadSigning`. @default the client's setting */
  readonly payloadSigning?: PayloadSigning | undefined;
  /** Send `Content-MD5` (S3 rejects a corrupted body with BadDigest). @default false */
  readonly contentMd5?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What a write returns. */
export interface PutObjectOutput {
  readonly etag: string | undefined;
  readonly versionId: string | undefined;
  /** The checksum sent, when `checksumAlgorithm` was given (base64). */
  readonly checksum?: string | undefined;
}

async function fileChecksum(path: string, alg: NonNullable<ObjectWriteOptions['checksumAlgorithm']>): Promise<string> {
  const c = createChecksum(alg);
  for await (const chunk of createReadStream(path)) c.update(chunk as Uint8Array);
  return checksumToBase64(await c.digest());
}

/** Single-request PUT of a body whose size is known (bytes, file, or stream with contentLength). */
export async function putResolved(ctx: S3Context, input: PutObjectInput, resolved: ResolvedBody): Promise<PutObjectOutput> {
  // An empty file or stream is sent as an empty signed body (RGW 16 rejects an empty aws-chunked body).
  const body: ResolvedBody = resolved.size === 0 ? { kind: 'bytes', bytes: new Uint8Array(0), size: 0 } : resolved;
  const size = body.size;
  if (size === undefined) {
    throw new S3Error('S3_INVALID_ARGUMENT', `PutObject ${input.key}: a stream needs contentLength, or use upload() for unknown lengths.`, {
      value: input.key,
    });
  }
  if (size > MAX_PUT_SIZE) {
    throw new S3Error('S3_OBJECT_TOO_LARGE', `PutObject ${input.key}: ${size} bytes is over the 5 GiB single-PUT limit; use upload() (multipart).`, {
      value: size,
    });
  }
  const headers = writeHeaders(input);
  headers['content-length'] = String(size);
  let checksum: string | undefined;
  const trailing = body.kind !== 'bytes' && (input.payloadSigning ?? ctx.options.payloadSigning) === 'streaming-trailer';
  if (input.checksumAlgorithm !== undefined && body.kind !== 'stream' && !trailing) {
    checksum = body.kind === 'bytes' ? await computeChecksum(input.checksumAlgorithm, body.bytes) : await fileChecksum(body.path, input.checksumAlgorithm);
    headers[checksumHeaderName(input.checksumAlgorithm)] = checksum;
  }
  if (input.contentMd5 === true && body.kind === 'bytes') headers['content-md5'] = contentMd5(body.bytes);
  const signing = body.kind === 'bytes' ? 'unsigned' : (input.payloadSigning ?? ctx.options.payloadSigning ?? 'unsigned');
  let unsignedOrStreaming = 'UNSIGNED-PAYLOAD';
  if (signing === 'streaming') {
    Object.assign(headers, awsChunkedHeaders({ decodedLength: size, payload: STREAMING_PAYLOAD }));
    unsignedOrStreaming = STREAMING_PAYLOAD;
  } else if (signing === 'streaming-trailer') {
    if (input.checksumAlgorithm === undefined) {
      throw new S3Error('S3_INVALID_ARGUMENT', `PutObject ${input.key}: payloadSigning 'streaming-trailer' needs a checksumAlgorithm for the trailer.`, {
        value: signing,
      });
    }
    const trailer = trailerShape(input.checksumAlgorithm);
    delete headers['x-amz-sdk-checksum-algorithm'];
    Object.assign(headers, awsChunkedHeaders({ decodedLength: size, payload: STREAMING_PAYLOAD_TRAILER, trailer }));
    unsignedOrStreaming = STREAMING_PAYLOAD_TRAILER;
  }
  const res = await ctx.send({
    operation: 'PutObject',
    method: 'PUT',
    bucket: input.bucket,
    key: input.key,
    headers,
    sseC: input.sseC !== undefined,
    signal: input.signal,
    ...(body.kind === 'bytes'
      ? { body: body.bytes }
      : body.kind === 'file'
        ? { body: fileStreamFactory(body.path), payloadHash: unsignedOrStreaming }
        : { body: checkedLength(body.stream, size, `PutObject ${input.key}`), payloadHash: unsignedOrStreaming }),
  });
  await res.bytes();
  return { etag: res.headers['etag'], versionId: res.headers['x-amz-version-id'], ...(checksum === undefined ? {} : { checksum }) };
}

/** Resolves the body and PUTs it in one request. */
export async function putObject(ctx: S3Context, input: PutObjectInput): Promise<PutObjectOutput> {
  return putResolved(ctx, input, await resolveBody(input.body, input.contentLength));
}

/** Options of reads (GET/HEAD). */
export interface ObjectReadInput {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
  /** Byte range: `{ start, end }` (inclusive, end optional), or a raw `bytes=…` value. */
  readonly range?: { readonly start: number; readonly end?: number | undefined } | string | undefined;
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
  readonly ifModifiedSince?: Date | undefined;
  readonly ifUnmodifiedSince?: Date | undefined;
  /** The SSE-C key the object was written with. */
  readonly sseC?: SseCKey | undefined;
  /** Ask for stored checksums and verify a full-object GET against them. @default false */
  readonly checksumMode?: boolean | undefined;
  /** Read one part of a multipart object. */
  readonly partNumber?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A GET response: stream the body once with `body`, or collect it with `bytes()` / `text()`. */
export interface GetObjectOutput extends ObjectMetadata {
  readonly status: number;
  readonly body: AsyncIterable<Uint8Array>;
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
}

function rangeHeader(range: ObjectReadInput['range']): string | undefined {
  if (range === undefined || typeof range === 'string') return range;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
    throw new S3Error('S3_INVALID_ARGUMENT', `Invalid range ${JSON.stringify(range)}: start >= 0 and end >= start (inclusive), both whole numbers.`, {
      value: range,
    });
  }
  return `bytes=${start}-${end ?? ''}`;
}

function readHeaders(input: ObjectReadInput): Record<string, string> {
  const h: Record<string, string> = {};
  const range = rangeHeader(input.range);
  if (range !== undefined) h['range'] = range;
  if (input.ifMatch !== undefined) h['if-match'] = input.ifMatch;
  if (input.ifNoneMatch !== undefined) h['if-none-match'] = input.ifNoneMatch;
  if (input.ifModifiedSince !== undefined) h['if-modified-since'] = input.ifModifiedSince.toUTCString();
  if (input.ifUnmodifiedSince !== undefined) h['if-unmodified-since'] = input.ifUnmodifiedSince.toUTCString();
  if (input.sseC !== undefined) Object.assign(h, sseCHeaders(input.sseC));
  if (input.checksumMode === true) h['x-amz-checksum-mode'] = 'ENABLED';
  return h;
}

const readQuery = (input: ObjectReadInput) => ({ versionId: input.versionId, partNumber: input.partNumber });

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

/** GET an object (streaming; ranges; conditional requests throw `AwsServiceError` 304/412 as S3 answers). */
export async function getObject(ctx: S3Context, input: ObjectReadInput): Promise<GetObjectOutput> {
  const res: TransportResponse = await ctx.send({
    operation: 'GetObject',
    method: 'GET',
    bucket: input.bucket,
    key: input.key,
    query: readQuery(input),
    headers: readHeaders(input),
    sseC: input.sseC !== undefined,
    signal: input.signal,
  });
  const meta = objectMetadata(res.headers);
  let body: AsyncIterable<Uint8Array> = res.body;
  if (input.checksumMode === true && res.status === 200) {
    const alg = CHECKSUM_ALGORITHMS.find((a) => meta.checksums[a] !== undefined && !/-\d+$/.test(meta.checksums[a] ?? ''));
    const expected = alg === undefined ? undefined : meta.checksums[alg];
    if (alg !== undefined && expected !== undefined) body = verifyChecksum(res.body, alg, expected, `GetObject ${input.key}`);
  }
  const once = body;
  return {
    ...meta,
    status: res.status,
    body: once,
    bytes: () => collect(once),
    text: async () => Buffer.from(await collect(once)).toString('utf8'),
  };
}

/** HEAD an object; a missing object throws `AwsServiceError` with status 404. */
export async function headObject(ctx: S3Context, input: ObjectReadInput): Promise<ObjectMetadata> {
  const res = await ctx.send({
    operation: 'HeadObject',
    method: 'HEAD',
    bucket: input.bucket,
    key: input.key,
    query: readQuery(input),
    headers: readHeaders(input),
    sseC: input.sseC !== undefined,
    signal: input.signal,
  });
  await res.bytes();
  return objectMetadata(res.headers);
}

/** DELETE one object (S3 answers 204 whether or not it existed). */
export async function deleteObject(
  ctx: S3Context,
  input: { bucket: string; key: string; versionId?: string | undefined; signal?: AbortSignal | undefined },
): Promise<{ versionId: string | undefined; deleteMarker: boolean }> {
  const res = await ctx.send({
    operation: 'DeleteObject',
    method: 'DELETE',
    bucket: input.bucket,
    key: input.key,
    query: { versionId: input.versionId },
    signal: input.signal,
  });
  await res.bytes();
  return { versionId: res.headers['x-amz-version-id'], deleteMarker: res.headers['x-amz-delete-marker'] === 'true' };
}
