import { listObjectsV2Result, type ListObjectsV2Page, type S3Object } from './list-objects-result.js';
import type { S3Context } from './s3-context.js';

/** Input of `listObjects` / `listObjectPages`. */
export interface ListObjectsInput {
  readonly bucket: string;
  readonly prefix?: string | undefined;
  /** Group keys by this (usually `/`) into `prefixes`. */
  readonly delimiter?: string | undefined;
  /** Start after this key. */
  readonly startAfter?: string | undefined;
  /** Keys per page (1..1000). @default 1000 */
  readonly pageSize?: number | undefined;
  /** Resume from a page's `nextContinuationToken`. */
  readonly continuationToken?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * ListObjectsV2, one page per iteration, following continuation tokens. Keys are requested with
 * `encoding-type=url` and decoded, so keys with control characters survive XML.
 */
export async function* listObjectPages(ctx: S3Context, input: ListObjectsInput): AsyncGenerator<ListObjectsV2Page> {
  let token = input.continuationToken;
  for (;;) {
    const doc = await ctx.sendXml({
      operation: 'ListObjectsV2',
      method: 'GET',
      bucket: input.bucket,
      query: {
        'list-type': '2',
        'encoding-type': 'url',
        prefix: input.prefix,
        delimiter: input.delimiter,
        'start-after': token === undefined ? input.startAfter : undefined,
        'max-keys': input.pageSize,
        'continuation-token': token,
      },
      signal: input.signal,
    });
    const page = listObjectsV2Result(doc);
    yield page;
    if (!page.isTruncated || page.nextContinuationToken === undefined || page.nextContinuationToken === '') return;
    token = page.nextContinuationToken;
  }
}

/**
 * Every object under a prefix as an async iterator (pages fetched lazily).
 *
 * @example
 * ```ts
 * for await (const o of s3.listObjects({ bucket, prefix: 'logs/' })) console.log(o.key, o.size);
 * ```
 */
export async function* listObjects(ctx: S3Context, input: ListObjectsInput): AsyncGenerator<S3Object> {
  for await (const page of listObjectPages(ctx, input)) yield* page.objects;
}
