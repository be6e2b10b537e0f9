import type { PayloadSigning } from './object-operations.js';
import type { CompletedPart } from './complete-multipart-xml.js';
import { S3Error } from './errors.js';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, listParts, uploadPart } from './multipart-operations.js';
import { planMultipart } from './multipart-plan.js';
import { putResolved, type PutObjectOutput } from './object-operations.js';
import { PartBufferPool, partSource, StreamChunker } from './part-source.js';
import { resolveBody, type PutBody, type ResolvedBody } from './put-body.js';
import type { S3Context } from './s3-context.js';
import type { ObjectWriteOptions } from './write-headers.js';

/** The saved state of a multipart upload: JSON-serialisable, enough to resume it in another process. */
export interface UploadState {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partSize: number;
  readonly parts: readonly CompletedPart[];
}

/** A progress event. */
export interface UploadProgress {
  /** Bytes acknowledged by S3 so far (parts skipped on resume included). */
  readonly loaded: number;
  /** Total bytes, `undefined` for a stream of unknown length. */
  readonly total: number | undefined;
  /** The part just finished (multipart only). */
  readonly partNumber?: number | undefined;
}

/** Input of `upload`. */
export interface UploadInput extends ObjectWriteOptions {
  readonly bucket: string;
  readonly key: string;
  readonly body: PutBody;
  /** Size of a stream body, when known. */
  readonly contentLength?: number | undefined;
  /** @default 8 MiB, grown to fit 10,000 parts */
  readonly partSize?: number | undefined;
  /** Parts in flight. @default 4 */
  readonly queueSize?: number | undefined;
  /** Upper bound of part bytes held in memory (lowers queueSize). @default queueSize × partSize */
  readonly maxMemory?: number | undefined;
  /** Objects up to this size go in one PUT. @default partSize */
  readonly multipartThreshold?: number | undefined;
  /** Signing of a single-PUT file/stream body (parts are always signed in full). @default the client's setting */
  readonly payloadSigning?: PayloadSigning | undefined;
  /** Continue this saved upload: parts already listed by ListParts are skipped. */
  readonly resume?: UploadState | undefined;
  /** Called with the state after CreateMultipartUpload and after every part (save it to resume later). */
  readonly onState?: ((state: UploadState) => void) | undefined;
  readonly onProgress?: ((p: UploadProgress) => void) | undefined;
  /** Keep the upload open when a part fails (to resume it later) instead of aborting it. @default false */
  readonly leaveOpenOnError?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Result of `upload`. */
export interface UploadOutput extends PutObjectOutput {
  /** Whether multipart was used. */
  readonly multipart: boolean;
  readonly uploadId?: string | undefined;
  readonly partCount: number;
}

/**
 * Uploads any body: one PUT when it is small, otherwise a multipart upload with `queueSize` parts in flight and at
 * most `queueSize × partSize` bytes buffered. A failed upload is aborted (no parts left behind) unless
 * `leaveOpenOnError`, and the error is `S3_MULTIPART_FAILED` with the cause and the resumable state.
 */
export async function upload(ctx: S3Context, input: UploadInput): Promise<UploadOutput> {
  const body = await resolveBody(input.body, input.contentLength);
  const plan = planMultipart({
    size: body.size,
    partSize: input.resume?.partSize ?? input.partSize,
    queueSize: input.queueSize,
    maxMemory: input.maxMemory,
  });
  const threshold = input.multipartThreshold ?? plan.partSize;
  const progress = (loaded: number, partNumber?: number) =>
    input.onProgress?.({ loaded, total: body.size, ...(partNumber === undefined ? {} : { partNumber }) });

  if (input.resume === undefined && body.size !== undefined && body.size <= threshold) {
    const out = await putResolved(ctx, input, body);
    progress(body.size);
    return { ...out, multipart: false, partCount: 1 };
  }
  let chunker: StreamChunker | undefined;
  let firstPart: Uint8Array | undefined;
  if (body.kind === 'stream' && body.size === undefined && input.resume === undefined) {
    chunker = new StreamChunker(body.stream);
    firstPart = (await chunker.read(plan.partSize)) ?? new Uint8Array(0);
    if (firstPart.length < plan.partSize) {
      const out = await putResolved(ctx, input, { kind: 'bytes', bytes: firstPart, size: firstPart.length });
      progress(firstPart.length);
      return { ...out, multipart: false, partCount: 1 };
    }
  }
  return multipartUpload(ctx, input, body, plan.partSize, plan.queueSize, { chunker, firstPart, progress });
}

async function multipartUpload(
  ctx: S3Context,
  input: UploadInput,
  body: ResolvedBody,
  partSize: number,
  queueSize: number,
  o: { chunker: StreamChunker | undefined; firstPart: Uint8Array | undefined; progress: (loaded: number, part?: number) => void },
): Promise<UploadOutput> {
  const { bucket, key, sseC } = input;
  const resume = input.resume;
  if (resume !== undefined && (resume.bucket !== bucket || resume.key !== key)) {
    throw new S3Error('S3_INVALID_ARGUMENT', `Cannot resume upload of ${resume.bucket}/${resume.key} as ${bucket}/${key}: pass the same bucket and key.`, {
      value: resume.uploadId,
    });
  }
  const uploadId = resume?.uploadId ?? (await createMultipartUpload(ctx, { ...input, signal: input.signal }));
  const done = new Map<number, CompletedPart>();
  let loaded = 0;
  if (resume !== undefined) {
    // Trust only what S3 says is stored, and only parts of the expected size.
    const listed = await listParts(ctx, { bucket, key, uploadId, signal: input.signal });
    for (const p of listed) {
      const expected = body.size === undefined ? partSize : Math.min(partSize, body.size - (p.partNumber - 1) * partSize);
      if (p.size === expected || (body.size === undefined && p.size > 0)) {
        done.set(p.partNumber, { partNumber: p.partNumber, etag: p.etag, ...checksumsOf(resume, p.partNumber) });
        loaded += p.size;
      }
    }
  }
  const state = (): UploadState => ({ bucket, key, uploadId, partSize, parts: [...done.values()].sort((a, b) => a.partNumber - b.partNumber) });
  input.onState?.(state());
  if (loaded > 0) o.progress(loaded);

  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const pool = body.kind === 'file' ? new PartBufferPool(partSize) : undefined;
  const source = partSource(body, partSize, {
    skip: new Set(done.keys()),
    ...(pool === undefined ? {} : { pool }),
    ...(o.chunker === undefined ? {} : { chunker: o.chunker }),
    ...(o.firstPart === undefined ? {} : { firstPart: o.firstPart }),
  });
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined) {
      const next = await source.next();
      if (next.done === true || failure !== undefined) return;
      const { partNumber, bytes } = next.value;
      const part = await uploadPart(ctx, {
        bucket, key, uploadId, partNumber, body: bytes, sseC, checksumAlgorithm: input.checksumAlgorithm, signal: controller.signal,
      });
      done.set(partNumber, part);
      pool?.give(bytes);
      loaded += bytes.length;
      input.onState?.(state());
      o.progress(loaded, partNumber);
    }
  };
  const workers = Array.from({ length: queueSize }, () =>
    worker().catch((e: unknown) => {
      failure ??= e;
      controller.abort(e);
    }),
  );
  await Promise.all(workers);
  input.signal?.removeEventListener('abort', onOuterAbort);
  if (failure === undefined && done.size === 0) failure = new S3Error('S3_INVALID_ARGUMENT', 'The upload body produced no parts.', { value: key });
  if (failure !== undefined) {
    await source.return(undefined).catch(() => undefined);
    await o.chunker?.close().catch(() => undefined);
    let aborted = false;
    let abortError: unknown;
    if (input.leaveOpenOnError !== true) {
      try {
        await abortMultipartUpload(ctx, { bucket, key, uploadId });
        aborted = true;
      } catch (e) {
        abortError = e;
      }
    }
    const what = aborted
      ? 'the upload was aborted'
      : input.leaveOpenOnError === true
        ? `the upload ${uploadId} is left open; resume it with the state in error.value`
        : `aborting upload ${uploadId} failed too (${(abortError as Error)?.message ?? abortError}); abort it or set a lifecycle rule`;
    throw new S3Error('S3_MULTIPART_FAILED', `Multipart upload of ${bucket}/${key} failed: ${(failure as Error)?.message ?? String(failure)}; ${what}.`, {
      cause: failure,
      value: state(),
    });
  }
  const s = state();
  let out;
  try {
    out = await completeMultipartUpload(ctx, { bucket, key, uploadId, parts: s.parts, sseC });
  } catch (e) {
    // A complete that failed for good leaves every part stored: abort, as for a failed part. (If the server did
    // complete and only the answer was lost, the abort is a harmless NoSuchUpload and the object stays.)
    if (input.leaveOpenOnError !== true) await abortMultipartUpload(ctx, { bucket, key, uploadId }).catch(() => undefined);
    throw e;
  }
  return { etag: out.etag, versionId: out.versionId, multipart: true, uploadId, partCount: s.parts.length };
}

function checksumsOf(state: UploadState, partNumber: number): Pick<CompletedPart, 'checksums'> {
  const c = state.parts.find((p) => p.partNumber === partNumber)?.checksums;
  return c === undefined ? {} : { checksums: c };
}
