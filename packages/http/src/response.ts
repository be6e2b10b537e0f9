import type { Readable } from 'node:stream';
import { HttpError } from './errors.js';
import type { TransportResponse } from './types.js';

/** Parts of a response the transport hands out. */
export interface ResponseParts {
  status: number;
  headers: Record<string, string>;
  attempts: number;
  /** Bytes already read (buffered error body or a fully buffered 2xx body). */
  prefix?: Uint8Array | undefined;
  /** The unread rest of the body, if any. */
  rest?: Readable | undefined;
  errorCode?: string | undefined;
  noRetryReason?: TransportResponse['noRetryReason'];
  /** Maps an error thrown while reading `rest` to an HttpError. */
  mapError: (err: unknown) => HttpError;
  onBytes: (total: number) => void;
}

/** Build a {@link TransportResponse} whose body (prefix + rest) can be consumed exactly once. */
export function createResponse(parts: ResponseParts): TransportResponse {
  let used = false;
  const take = (): AsyncIterable<Uint8Array> => {
    if (used) throw new HttpError('ERR_BODY_USED', 'The response body was already read');
    used = true;
    return iterate(parts);
  };
  const bytes = async (): Promise<Uint8Array> => {
    const chunks: Uint8Array[] = [];
    for await (const c of take()) chunks.push(c);
    return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
  };
  const body: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => take()[Symbol.asyncIterator]() };
  return {
    status: parts.status,
    headers: parts.headers,
    attempts: parts.attempts,
    errorCode: parts.errorCode,
    noRetryReason: parts.noRetryReason,
    body,
    bytes,
    text: async () => Buffer.from(await bytes()).toString('utf8'),
    json: async () => JSON.parse(Buffer.from(await bytes()).toString('utf8')) as unknown,
  };
}

async function* iterate(parts: ResponseParts): AsyncGenerator<Uint8Array> {
  let total = 0;
  if (parts.prefix && parts.prefix.byteLength > 0) {
    total += parts.prefix.byteLength;
    parts.onBytes(total);
    yield parts.prefix;
  }
  if (!parts.rest) return;
  try {
    for await (const chunk of parts.rest) {
      const c = chunk as Uint8Array;
      total += c.byteLength;
      parts.onBytes(total);
      yield c;
    }
  } catch (err) {
    throw parts.mapError(err);
  } finally {
    if (!parts.rest.readableEnded) parts.rest.destroy();
  }
}

/**
 * Read up to `limit` bytes of `stream`. Returns the bytes and whether the stream ended; the stream is left
 * paused at the limit so its rest can still be handed to the caller.
 */
export async function readUpTo(stream: Readable, limit: number): Promise<{ bytes: Uint8Array; ended: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = stream.iterator({ destroyOnReturn: false });
  while (size < limit) {
    const { value, done } = (await iterator.next()) as IteratorResult<Buffer>;
    if (done) return { bytes: Buffer.concat(chunks, size), ended: true };
    if (size + value.byteLength > limit) {
      const keep = limit - size;
      chunks.push(value.subarray(0, keep));
      stream.unshift(value.subarray(keep));
      size = limit;
      break;
    }
    if (size + value.byteLength === limit) {
      chunks.push(value);
      size = limit;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  await iterator.return?.();
  return { bytes: Buffer.concat(chunks, size), ended: stream.readableEnded };
}
