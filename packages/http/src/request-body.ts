import { Readable } from 'node:stream';
import { HttpError } from './errors.js';
import type { RequestBody } from './types.js';

/** The body of one attempt, ready for the dispatcher, with whether it could be sent again. */
export interface AttemptBody {
  body: Uint8Array | Readable | undefined;
  /** Length when known up front. */
  length: number | undefined;
  /** Can a later attempt send the same bytes again? */
  replayable: boolean;
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<Uint8Array> =>
  typeof v === 'object' && v !== null && typeof (v as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function';

/** Check the body's type before anything is sent. */
export function validateBody(body: unknown, what: string): void {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array || typeof body === 'function') return;
  if (isAsyncIterable(body)) return;
  throw new HttpError(
    'ERR_INVALID_REQUEST',
    `Invalid body for ${what}: got ${Object.prototype.toString.call(body)}; use a string, Uint8Array, AsyncIterable<Uint8Array> or a function returning a stream`,
  );
}

/** Wrap an async iterable so each chunk is counted as it is pulled by the socket (backpressure is preserved). */
function counted(source: AsyncIterable<unknown>, onBytes: (total: number) => void): Readable {
  let total = 0;
  async function* gen(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
      total += bytes.byteLength;
      onBytes(total);
      yield bytes;
    }
  }
  return Readable.from(gen(), { objectMode: false });
}

/**
 * Materialise the body for one attempt. Factories are called afresh; one-shot iterables can be used once
 * (`used` remembers which ones were). Progress is reported through `onBytes` for streamed bodies.
 */
export function openBody(body: RequestBody | undefined, used: WeakSet<object>, onBytes: (total: number) => void): AttemptBody {
  if (body === undefined) return { body: undefined, length: 0, replayable: true };
  if (typeof body === 'string') {
    const bytes = Buffer.from(body, 'utf8');
    return { body: bytes, length: bytes.byteLength, replayable: true };
  }
  if (body instanceof Uint8Array) return { body, length: body.byteLength, replayable: true };
  if (typeof body === 'function') {
    const stream = body();
    if (!isAsyncIterable(stream)) {
      throw new HttpError('ERR_INVALID_REQUEST', 'The body factory must return an AsyncIterable<Uint8Array> or a readable stream');
    }
    return { body: counted(stream, onBytes), length: undefined, replayable: true };
  }
  if (used.has(body)) {
    throw new HttpError('ERR_BODY_NOT_REPLAYABLE', 'The request body stream was already consumed; pass a function that returns a fresh stream');
  }
  used.add(body);
  return { body: counted(body, onBytes), length: undefined, replayable: false };
}
