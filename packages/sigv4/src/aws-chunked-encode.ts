import { createAwsChunkedEncoder, type AwsChunkedEncoderOptions } from './aws-chunked-encoder.js';

/**
 * Encodes a body as `aws-chunked`, lazily: it pulls the source only as fast as the result is consumed and holds at
 * most one chunk of payload, so a body of any size streams in bounded memory.
 *
 * @example
 * const headers = awsChunkedHeaders({ decodedLength: size, payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' });
 * const seed = signRequest({ method: 'PUT', url, headers }, { credentials, region, service: 's3', payloadHash: headers['x-amz-content-sha256'] });
 * const body = awsChunkedEncode(fs.createReadStream(file), { payload: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', seed, credentials, decodedLength: size });
 */
export async function* awsChunkedEncode(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: AwsChunkedEncoderOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const encoder = createAwsChunkedEncoder(opts);
  for await (const data of body) {
    for (const piece of encoder.write(data)) yield piece;
  }
  for (const piece of encoder.end()) yield piece;
}

/**
 * The same encoder as a Web `TransformStream` (payload bytes in, `aws-chunked` bytes out), for `fetch` bodies and
 * `ReadableStream.pipeThrough`.
 *
 * @example
 * const body = file.stream().pipeThrough(awsChunkedStream({ payload: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', trailer }));
 */
export function awsChunkedStream(opts: AwsChunkedEncoderOptions): TransformStream<Uint8Array, Uint8Array> {
  const encoder = createAwsChunkedEncoder(opts);
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(data, controller) {
      for (const piece of encoder.write(data)) controller.enqueue(piece);
    },
    flush(controller) {
      for (const piece of encoder.end()) controller.enqueue(piece);
    },
  });
}
