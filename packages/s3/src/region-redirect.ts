import type { AwsServiceError } from '@rawaws/client';

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/**
 * The region an S3 error says the bucket lives in: `Region` in a 400 AuthorizationHeaderMalformed body, the
 * `Endpoint` host of a 301 PermanentRedirect (`bucket.s3.eu-west-1.amazonaws.com`), or the `x-amz-bucket-region`
 * response header. `undefined` for any other error.
 */
export function bucketRegionOf(e: AwsServiceError, headers: Readonly<Record<string, string>> = {}): string | undefined {
  if (e.status !== 301 && e.status !== 307 && e.status !== 400) return undefined;
  const d = e.details;
  const candidates = [headers['x-amz-bucket-region'], d['Region']];
  const endpoint = d['Endpoint'];
  if (endpoint !== undefined) {
    const m = /(?:^|\.)s3[.-](?:dualstack\.)?([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com/.exec(endpoint);
    if (m?.[1] !== undefined) candidates.push(m[1]);
  }
  return candidates.find((c): c is string => c !== undefined && REGION.test(c));
}
