import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, isAwsServiceError } from '@rawaws/client';
import { createS3Client, type S3Client, type S3ClientOptions } from '@rawaws/s3';
import { putBucketCors } from './bucket-cors.js';
import { staticFile } from './static-files.js';
import { BadUploadRequest, createDownload, createUploadTicket, parseUploadRequest } from './upload-api.js';

/** Options of {@link startSseCUploadServer}. */
export interface SseCUploadServerOptions {
  /** Bucket the uploads go to; created when missing, and its CORS configuration is replaced. */
  readonly bucket: string;
  /** @default 0 (a free port) */
  readonly port?: number | undefined;
  /** S3 endpoint (RGW, MinIO…). @default the AWS SDK's resolution (`AWS_ENDPOINT_URL_S3`…, then AWS) */
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  /** @default the default credential chain */
  readonly credentials?: S3ClientOptions['credentials'];
  readonly profile?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** @default true when `endpoint` is set (local servers), else false */
  readonly forcePathStyle?: boolean | undefined;
}

/** A running upload server. */
export interface SseCUploadServer {
  /** The page, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  readonly bucket: string;
  readonly s3: S3Client;
  close(): Promise<void>;
}

const MAX_JSON = 16 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON) throw new BadUploadRequest(`Request body over ${MAX_JSON} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (e) {
    throw new BadUploadRequest('Request body is not JSON.', { cause: e });
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    // the JSON answers carry an SSE-C key: never cache them
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; connect-src *; img-src 'self' data:",
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

/**
 * Starts the page server on 127.0.0.1: `GET /` (the page), `POST /api/uploads` (a presigned SSE-C PUT with a fresh
 * key, returned once) and `POST /api/downloads` (a presigned SSE-C GET for a key the browser sends back).
 * Before listening for real work it makes sure the bucket exists and lets the page's origin PUT/GET there (CORS).
 *
 * @example
 * const server = await startSseCUploadServer({ bucket: 'uploads', endpoint: 'http://127.0.0.1:7480' });
 * console.log(`open ${server.url}`);
 */
export async function startSseCUploadServer(opts: SseCUploadServerOptions): Promise<SseCUploadServer> {
  const forcePathStyle = opts.forcePathStyle ?? opts.endpoint !== undefined;
  const common = {
    endpoint: opts.endpoint,
    region: opts.region,
    credentials: opts.credentials,
    profile: opts.profile,
    env: opts.env,
  };
  // SSE-C over plain HTTP stays refused except to a loopback endpoint (the s3 package checks that)
  const s3 = createS3Client({ ...common, forcePathStyle, allowInsecureSseC: true });
  const { bucket } = opts;

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (e instanceof BadUploadRequest) return send(res, 400, JSON.stringify({ error: e.message }), 'application/json');
      const message = isAwsServiceError(e) ? `S3 answered ${e.status} ${e.code}` : 'internal error';
      if (!res.headersSent) send(res, 502, JSON.stringify({ error: message }), 'application/json');
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && path === '/api/uploads') {
      const ticket = await createUploadTicket(s3, bucket, parseUploadRequest(await readJson(req)));
      return send(res, 200, JSON.stringify(ticket), 'application/json');
    }
    if (req.method === 'POST' && path === '/api/downloads') {
      return send(res, 200, JSON.stringify(await createDownload(s3, bucket, await readJson(req))), 'application/json');
    }
    if (req.method === 'GET') {
      const file = await staticFile(path === '/' ? 'index.html' : path.slice(1));
      if (file !== undefined) return send(res, 200, file.body, file.type);
    }
    send(res, 404, 'not found', 'text/plain; charset=utf-8');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await s3.close();
  };
  try {
    if (!(await s3.headBucket({ bucket })).exists) await s3.createBucket({ bucket });
    const client = createClient({ service: 's3', ...common });
    try {
      await putBucketCors(client, bucket, [
        {
          allowedOrigins: [origin, `http://localhost:${port}`],
          allowedMethods: ['PUT', 'GET'],
          allowedHeaders: [
            'content-type',
            'x-amz-server-side-encryption-customer-algorithm',
            'x-amz-server-side-encryption-customer-key',
            'x-amz-server-side-encryption-customer-key-md5',
          ],
          exposeHeaders: ['etag', 'x-amz-server-side-encryption-customer-algorithm', 'x-amz-server-side-encryption-customer-key-md5'],
          maxAgeSeconds: 600,
        },
      ], { forcePathStyle });
    } finally {
      await client.close();
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { url: `${origin}/`, bucket, s3, close };
}
