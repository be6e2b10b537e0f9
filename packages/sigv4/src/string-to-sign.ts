/** The algorithm name of SigV4 with HMAC-SHA256. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * The SigV4 string to sign: algorithm, timestamp, scope and the hex SHA-256 of the canonical request, one per line.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
 * @example
 * stringToSign('AWS4-HMAC-SHA256', '20150830T123600Z', '20150830/us-east-1/service/aws4_request', hashHex);
 */
export function stringToSign(algorithm: string, amzDate: string, scope: string, canonicalRequestHashHex: string): string {
  return `${algorithm}\n${amzDate}\n${scope}\n${canonicalRequestHashHex}`;
}
