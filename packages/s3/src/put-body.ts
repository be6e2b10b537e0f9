import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { S3Error } from './errors.js';

/** A file on disk as an upload body: read in ranges, so retries and parallel parts never buffer the whole file. */
export interface FileBody {
  readonly path: string;
}

/**
 * What `putObject` and `upload` accept: a string (UTF-8), bytes, a file path (`{ path }`), or a stream / async
 * iterable of bytes (a Node `Readable`, a web `ReadableStream`, a generator).
 */
export type PutBody = string | Uint8Array | ArrayBuffer | FileBody | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** A body after inspection. */
export type ResolvedBody =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly size: number }
  | { readonly kind: 'file'; readonly path: string; readonly size: number }
  | { readonly kind: 'stream'; readonly stream: AsyncIterable<Uint8Array>; readonly size: number | undefined };

function isFileBody(b: unknown): b is FileBody {
  return typeof b === 'object' && b !== null && typeof (b as FileBody).path === 'string' && !(Symbol.asyncIterator in b);
}

/** Normalises a {@link PutBody}; `contentLength` gives the size of a stream when the caller knows it. */
export async function resolveBody(body: PutBody, contentLength?: number): Promise<ResolvedBody> {
  if (typeof body === 'string') {
    const bytes = Buffer.from(body, 'utf8');
    return { kind: 'bytes', bytes, size: bytes.length };
  }
  if (body instanceof Uint8Array) return { kind: 'bytes', bytes: body, size: body.length };
  if (body instanceof ArrayBuffer) return { kind: 'bytes', bytes: new Uint8Array(body), size: body.byteLength };
  if (isFileBody(body)) {
    let st;
    try {
      st = await stat(body.path);
    } catch (cause) {
      throw new S3Error('S3_INVALID_ARGUMENT', `Cannot read upload file ${body.path}: ${(cause as Error).message}`, { cause, value: body.path });
    }
    if (!st.isFile()) throw new S3Error('S3_INVALID_ARGUMENT', `Upload path ${body.path} is not a regular file.`, { value: body.path });
    return { kind: 'file', path: body.path, size: st.size };
  }
  if (typeof (body as ReadableStream).getReader === 'function' && !(Symbol.asyncIterator in body)) {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    const it = (async function* () {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    })();
    return { kind: 'stream', stream: it, size: contentLength };
  }
  if (Symbol.asyncIterator in (body as object)) {
    return { kind: 'stream', stream: body as AsyncIterable<Uint8Array>, size: contentLength };
  }
  throw new S3Error('S3_INVALID_ARGUMENT', 'Unsupported body: pass a string, Uint8Array, { path }, Readable, ReadableStream or async iterable.', {
    value: typeof body,
  });
}

/** Reads `length` bytes of a file from `position` (for parts), into `target` when given. */
export async function readFileRange(path: string, position: number, length: number, target?: Uint8Array): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = target === undefined ? Buffer.allocUnsafe(length) : target.subarray(0, length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await fh.read(buf, done, length - done, position + done);
      if (bytesRead === 0) throw new S3Error('S3_INVALID_ARGUMENT', `File ${path} shrank while it was being uploaded.`, { value: path });
      done += bytesRead;
    }
    return buf;
  } finally {
    await fh.close();
  }
}

/** A fresh stream of a file, for a (re-)sendable request body. */
export function fileStreamFactory(path: string): () => AsyncIterable<Uint8Array> {
  return () => createReadStream(path);
}

/** Counts bytes of a one-shot stream and fails if it differs from the declared size. */
export async function* checkedLength(stream: AsyncIterable<Uint8Array>, size: number, what: string): AsyncIterable<Uint8Array> {
  let n = 0;
  for await (const chunk of stream) {
    n += chunk.length;
    if (n > size) throw new S3Error('S3_INVALID_ARGUMENT', `${what}: the stream is longer than contentLength ${size}.`, { value: size });
    yield chunk;
  }
  if (n !== size) throw new S3Error('S3_INVALID_ARGUMENT', `${what}: the stream ended after ${n} bytes, contentLength said ${size}.`, { value: size });
}
