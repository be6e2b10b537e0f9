/** Hex SHA-256 of the empty string: the "hash of empty" line of every chunk string to sign. */
export const EMPTY_SHA256_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * String to sign of one `aws-chunked` chunk, chained to the previous signature (the seed signature for the first chunk).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 * @example
 * const sts = chunkStringToSign(seed.amzDate, seed.credentialScope, seed.signature, sha256Hex(chunk));
 */
export function chunkStringToSign(amzDate: string, scope: string, previousSignature: string, chunkHashHex: string): string {
  return `AWS4-HMAC-SHA256-PAYLOAD\n${amzDate}\n${scope}\n${previousSignature}\n${EMPTY_SHA256_HEX}\n${chunkHashHex}`;
}

/**
 * String to sign of the trailer, chained to the final (zero-length) chunk's signature. `trailerHashHex` is the hex
 * SHA-256 of the canonical trailer `name:value\n` (there is no "hash of empty" line here).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 * @example
 * const sts = trailerStringToSign(amzDate, scope, finalChunkSignature, sha256Hex('x-amz-checksum-crc32c:sOO8/Q==\n'));
 */
export function trailerStringToSign(amzDate: string, scope: string, previousSignature: string, trailerHashHex: string): string {
  return `AWS4-HMAC-SHA256-TRAILER\n${amzDate}\n${scope}\n${previousSignature}\n${trailerHashHex}`;
}
