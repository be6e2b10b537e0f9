import type { PayloadSigning } from './object-operations.js';
import { createClient, parseAwsError, parseXml, type AwsClient, type ClientOptions } from '@rawaws/client';
import { createTransport, type Transport, type TransportRequest, type TransportResponse } from '@rawaws/http';
import { resolveAddress, type AddressingOptions, type S3Address, type S3Query } from './address.js';
import { validateBucketName } from './bucket-name.js';
import { S3Error } from './errors.js';
import { validateObjectKey } from './object-key.js';
import { awsChunkedTransport } from './aws-chunked-transport.js';
import { bucketRegionOf } from './region-redirect.js';
import { assertSseCTransport } from './sse-c.js';
import type { XmlNode } from './xml-tree.js';
import type { Credentials } from '@rawaws/sigv4';

/** One S3 call as the operation files describe it. */
export interface S3Request {
  /** S3 operation name for error messages, e.g. `PutObject`. */
  readonly operation: string;
  readonly method: string;
  /** Operations on a bucket always set this property (ListBuckets leaves it out); it is then validated. */
  readonly bucket?: string | undefined;
  /** Operations on an object always set this property; it is then validated. */
  readonly key?: string | undefined;
  readonly query?: S3Query | undefined;
  readonly headers?: Record<string, string> | undefined;
  readonly body?: TransportRequest['body'] | undefined;
  /** Hex SHA-256 of the body or `UNSIGNED-PAYLOAD`; default: computed from a string/bytes body. */
  readonly payloadHash?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The request carries SSE-C key headers (plain HTTP is then refused unless allowed). */
  readonly sseC?: boolean | undefined;
}

/** Shared state of one S3 client: addressing, per-region clients, the region cache. */
export interface S3Context {
  readonly options: Readonly<S3ContextOptions>;
  /** Sends a request, following one region redirect; throws `AwsServiceError` for non-2xx. */
  send(req: S3Request): Promise<TransportResponse>;
  /** Sends and parses an XML response body. */
  sendXml(req: S3Request): Promise<XmlNode>;
  /** The address a request to `bucket`/`key` would use (for presigning). */
  address(bucket?: string, key?: string, query?: S3Query): Promise<{ address: S3Address; region: string; client: AwsClient }>;
  /** The low-level client for `region` (default: the configured one). */
  clientFor(region?: string): AwsClient;
  /** The current time corrected by the clock skew the transport has learned (for presigning and POST policies). */
  now(): Date;
  /** Closes the transport this context created. */
  close(): Promise<void>;
}

/** Options the context needs. */
export interface S3ContextOptions {
  readonly client: Omit<ClientOptions, 'service'>;
  /** The provider the client signs with (also signs aws-chunked bodies and presigned URLs). */
  readonly credentials: () => Promise<Credentials>;
  /** How file and stream bodies of known length are signed. @default 'unsigned' */
  readonly payloadSigning?: PayloadSigning | undefined;
  readonly forcePathStyle?: boolean | undefined;
  readonly connectAddress?: string | undefined;
  readonly allowInsecureSseC?: boolean | undefined;
  readonly followRegionRedirects?: boolean | undefined;
}

/** Builds the shared context of `createS3Client`. */
export function createS3Context(options: S3ContextOptions): S3Context {
  // A connect address (bucket.localhost -> 127.0.0.1) is a transport setting; one transport serves every region.
  const ownTransport: Transport | undefined =
    options.client.transport === undefined ? createTransport(options.connectAddress === undefined ? {} : { connectAddress: options.connectAddress }) : undefined;
  const transport = awsChunkedTransport(options.client.transport ?? (ownTransport as Transport), options.credentials);
  const clientOptions = { ...options.client, transport };
  const base = createClient({ ...clientOptions, service: 's3' });
  const clients = new Map<string, AwsClient>();
  // bucket -> region learnt from a redirect (followed once, then remembered)
  const bucketRegions = new Map<string, string>();

  const clientFor = (region?: string): AwsClient => {
    if (region === undefined) return base;
    let c = clients.get(region);
    if (c === undefined) {
      c = createClient({ ...clientOptions, service: 's3', region });
      clients.set(region, c);
    }
    return c;
  };

  async function address(bucket?: string, key?: string, query?: S3Query) {
    if (bucket !== undefined) validateBucketName(bucket);
    if (key !== undefined) validateObjectKey(key);
    const learnt = bucket === undefined ? undefined : bucketRegions.get(bucket);
    const client = clientFor(learnt);
    const config = await client.resolveConfig();
    const addressing: AddressingOptions = {
      endpoint: config.endpoint,
      forcePathStyle: options.forcePathStyle,
      connectAddress: options.connectAddress,
    };
    return { address: resolveAddress(addressing, bucket, key, query), region: config.region, client };
  }

  const redirectStatus = (status: number): boolean => (status >= 200 && status < 300) || status === 301 || status === 307 || status === 400;

  async function attempt(req: S3Request, followRedirect: boolean): Promise<TransportResponse> {
    // A field that is present but undefined (a JS caller's missing `key`) must fail here, not turn PutObject
    // into a PUT on the bucket (CreateBucket) or GetObject into ListObjects.
    if ('bucket' in req) validateBucketName(req.bucket as string);
    if ('key' in req) validateObjectKey(req.key as string);
    const { address: a, client } = await address(req.bucket, req.key, req.query);
    if (req.sseC === true) assertSseCTransport(new URL(a.url), a.connectHostname, options.allowInsecureSseC === true);
    return client.send({
      method: req.method,
      url: a.url,
      headers: { ...req.headers },
      s3: true,
      operation: `s3:${req.operation}`,
      ...(followRedirect ? { expectedStatus: redirectStatus } : {}),
      ...(req.body === undefined ? {} : { body: req.body }),
      ...(req.payloadHash === undefined ? {} : { payloadHash: req.payloadHash }),
      ...(req.signal === undefined ? {} : { signal: req.signal }),
    });
  }

  async function send(req: S3Request): Promise<TransportResponse> {
    const follow = options.followRegionRedirects !== false && req.bucket !== undefined;
    const res = await attempt(req, follow);
    if (res.status < 300) return res;
    // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html – 301 PermanentRedirect, 307 and
    // 400 AuthorizationHeaderMalformed name the bucket's real region; follow once and remember it.
    const body = await res.bytes();
    const error = parseAwsError({ status: res.status, headers: res.headers, body }, { operation: `s3:${req.operation}`, attempts: res.attempts });
    const region = bucketRegionOf(error, res.headers);
    const bucket = req.bucket as string;
    const current = bucketRegions.get(bucket) ?? (await base.resolveConfig()).region;
    if (region === undefined || region === current) throw error;
    if (!isReplayable(req.body)) {
      throw new S3Error(
        'S3_REDIRECT',
        `${req.operation}: bucket ${bucket} is in ${region}, not ${current}, and the request body (a one-shot stream) cannot be sent again. Create the client with region: '${region}'.`,
        { cause: error, value: region },
      );
    }
    bucketRegions.set(bucket, region);
    return attempt(req, false);
  }

  return {
    options,
    send,
    async sendXml(req) {
      const res = await send(req);
      const text = await res.text();
      return parseResponseXml(text, req.operation);
    },
    address,
    clientFor,
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html: X-Amz-Date is checked against
    // the server's clock too, so presigned URLs use the offset learned from RequestTimeTooSkewed answers.
    now: () => new Date(Date.now() + transport.clockOffsetMs()),
    async close() {
      await Promise.all([base.close(), ...[...clients.values()].map((c) => c.close())]);
      await ownTransport?.close();
    },
  };
}

function isReplayable(body: S3Request['body']): boolean {
  return body === undefined || typeof body === 'string' || body instanceof Uint8Array || typeof body === 'function';
}

/**
 * Parses an S3 response body. Some operations (CompleteMultipartUpload, CopyObject) answer 200 and put an `<Error>`
 * document in the body; that becomes a thrown error here.
 */
export function parseResponseXml(text: string, operation: string): XmlNode {
  let doc: XmlNode;
  try {
    doc = parseXml(text);
  } catch (cause) {
    throw new S3Error('S3_BAD_RESPONSE', `${operation}: the server's response is not XML`, { cause, value: text.slice(0, 80) });
  }
  const err = (doc as Record<string, unknown>)['Error'];
  if (err !== undefined) {
    const code = typeof err === 'object' && err !== null ? String((err as Record<string, unknown>)['Code'] ?? 'InternalError') : 'InternalError';
    throw new S3Error('S3_BAD_RESPONSE', `${operation} failed after a 200 response: ${code}. Retry the operation.`, { value: code });
  }
  return doc;
}
