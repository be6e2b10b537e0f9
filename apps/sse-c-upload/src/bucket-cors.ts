import { escapeXml, type AwsClient } from '@rawaws/client';
import { contentMd5, resolveAddress } from '@rawaws/s3';

/** One CORS rule of a bucket (S3's `CORSRule`). */
export interface CorsRule {
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly ('GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD')[];
  readonly allowedHeaders?: readonly string[] | undefined;
  readonly exposeHeaders?: readonly string[] | undefined;
  /** Seconds a browser may cache the preflight answer. */
  readonly maxAgeSeconds?: number | undefined;
}

/**
 * The `CORSConfiguration` document of PutBucketCors.
 *
 * @example
 * corsXml([{ allowedOrigins: ['http://127.0.0.1:8080'], allowedMethods: ['PUT'] }]);
 */
export function corsXml(rules: readonly CorsRule[]): string {
  const el = (name: string, values: readonly string[] | undefined) => (values ?? []).map((v) => `<${name}>${escapeXml(v)}</${name}>`).join('');
  const body = rules
    .map(
      (r) =>
        `<CORSRule>${el('AllowedOrigin', r.allowedOrigins)}${el('AllowedMethod', r.allowedMethods)}${el('AllowedHeader', r.allowedHeaders)}` +
        `${el('ExposeHeader', r.exposeHeaders)}${r.maxAgeSeconds === undefined ? '' : `<MaxAgeSeconds>${r.maxAgeSeconds}</MaxAgeSeconds>`}</CORSRule>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${body}</CORSConfiguration>`;
}

/**
 * PutBucketCors through `@rawaws/client`'s generic `send` (S3 requires a Content-MD5 on this call).
 *
 * @example
 * await putBucketCors(createClient({ service: 's3' }), 'my-bucket', [{ allowedOrigins: ['*'], allowedMethods: ['GET'] }], { forcePathStyle: true });
 */
export async function putBucketCors(client: AwsClient, bucket: string, rules: readonly CorsRule[], opts: { forcePathStyle?: boolean } = {}): Promise<void> {
  const { endpoint } = await client.resolveConfig();
  const address = resolveAddress({ endpoint, forcePathStyle: opts.forcePathStyle === true }, bucket, undefined, { cors: '' });
  const body = corsXml(rules);
  const res = await client.send({
    method: 'PUT',
    url: address.url,
    body,
    headers: { 'content-type': 'application/xml', 'content-md5': contentMd5(body) },
    operation: 's3:PutBucketCors',
  });
  await res.text();
}
