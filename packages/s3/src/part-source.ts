import { S3Error } from './errors.js';
import { MAX_PARTS } from './multipart-plan.js';
import { readFileRange, type ResolvedBody } from './put-body.js';

/** One part to upload. */
export interface PartChunk {
  readonly partNumber: number;
  readonly bytes: Uint8Array;
}

/**
 * Reuses part-sized buffers for file parts: a worker gives its buffer back once S3 has acknowledged the part, so an
 * upload of any size allocates `queueSize` part buffers instead of one per part (and RSS stays near the budget).
 */
export class PartBufferPool {
  readonly #size: number;
  readonly #free: Uint8Array[] = [];

  constructor(size: number) {
    this.#size = size;
  }

  /** A buffer of `length` bytes (<= part size). */
  take(length: number): Uint8Array {
    return (this.#free.pop() ?? new Uint8Array(this.#size)).subarray(0, length);
  }

  /** Returns a buffer from {@link take}; others are ignored. */
  give(bytes: Uint8Array): void {
    if (bytes.buffer.byteLength === this.#size && bytes.byteOffset === 0) this.#free.push(new Uint8Array(bytes.buffer, 0, this.#size));
  }
}

/** Re-chunks a byte stream into exact sizes, holding at most one part plus one incoming chunk. */
export class StreamChunker {
  readonly #it: AsyncIterator<Uint8Array>;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #done = false;

  constructor(stream: AsyncIterable<Uint8Array>) {
    this.#it = stream[Symbol.asyncIterator]();
  }

  /** The next `size` bytes (fewer at the end), or `undefined` once the stream is exhausted. */
  async read(size: number): Promise<Uint8Array | undefined> {
    while (!this.#done && this.#pendingBytes < size) {
      const r = await this.#it.next();
      if (r.done === true) this.#done = true;
      else if (r.value.length > 0) {
        this.#pending.push(r.value);
        this.#pendingBytes += r.value.length;
      }
    }
    if (this.#pendingBytes === 0) return undefined;
    const all = this.#pending.length === 1 ? (this.#pending[0] as Uint8Array) : Buffer.concat(this.#pending);
    const take = Math.min(size, all.length);
    const out = all.subarray(0, take);
    const rest = all.subarray(take);
    this.#pending = rest.length > 0 ? [rest] : [];
    this.#pendingBytes = rest.length;
    return out;
  }

  /** Stops reading the source (on failure). */
  async close(): Promise<void> {
    await this.#it.return?.();
  }
}

/**
 * Yields the parts of `body` in order, reading each only when the consumer asks (so memory stays at one part per
 * consumer). Parts in `skip` (already uploaded, when resuming) are not yielded; a stream still has to be read past them.
 */
export async function* partSource(
  body: ResolvedBody,
  partSize: number,
  opts: { skip?: ReadonlySet<number>; chunker?: StreamChunker; firstPart?: Uint8Array; pool?: PartBufferPool } = {},
): AsyncGenerator<PartChunk> {
  const skip = opts.skip ?? new Set<number>();
  if (body.kind !== 'stream') {
    const count = Math.max(1, Math.ceil(body.size / partSize));
    for (let n = 1; n <= count; n++) {
      if (skip.has(n)) continue;
      const start = (n - 1) * partSize;
      const len = Math.min(partSize, body.size - start);
      const bytes = body.kind === 'bytes' ? body.bytes.subarray(start, start + len) : await readFileRange(body.path, start, len, opts.pool?.take(len));
      yield { partNumber: n, bytes };
    }
    return;
  }
  const chunker = opts.chunker ?? new StreamChunker(body.stream);
  let n = 0;
  let first = opts.firstPart;
  for (;;) {
    const bytes = first ?? (await chunker.read(partSize));
    first = undefined;
    if (bytes === undefined) return;
    n++;
    if (n > MAX_PARTS) {
      throw new S3Error('S3_OBJECT_TOO_LARGE', `The stream is longer than 10,000 parts of ${partSize} bytes: pass a larger partSize (or contentLength).`, {
        value: partSize,
      });
    }
    if (!skip.has(n)) yield { partNumber: n, bytes };
  }
}
