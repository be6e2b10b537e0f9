import type { PayloadSigning } from './object-operations.js';
import { defaultCredentials, type Provider } from '@rawaws/credentials';
import type { Transport } from '@rawaws/http';
import type { Credentials } from '@rawaws/sigv4';
import {
  createBucket, deleteBucket, deleteBucketLifecycle, getBucketLifecycle, headBucket, listBuckets, putBucketLifecycle,
  type CreateBucketInput,
} from './bucket-operations.js';
import type { BucketInfo } from './list-buckets-result.js';
import { copyObject, type CopyObjectInput } from './copy-object.js';
import type { DeleteObjectsResult } from './delete-objects-result.js';
import type { ObjectIdentifier } from './delete-objects-xml.js';
import { deleteObjects } from './delete-objects.js';
import type { LifecycleRule } from './lifecycle-xml.js';
import type { ListObjectsV2Page, S3Object } from './list-objects-result.js';
import { listObjectPages, listObjects, type ListObjectsInput } from './list-objects.js';
import type { UploadedPart } from './list-parts-result.js';
import type { MultipartUploadInfo } from './list-uploads-result.js';
import { abortMultipartUpload, listMultipartUploads, listParts, type UploadRef } from './multipart-operations.js';
import type { ObjectMetadata } from './object-metadata.js';
import {
  deleteObject, getObject, headObject, putObject,
  type GetObjectOutput, type ObjectReadInput, type PutObjectInput, type PutObjectOutput,
} from './object-operations.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging, type TaggingTarget } from './object-tagging.js';
import { createPresignedPost, type PresignedPost, type PresignedPostInput } from './post-policy.js';
import { presignGetObject, presignPutObject, type PresignedRequest, type PresignGetInput, type PresignPutInput } from './presign.js';
import { createS3Context } from './s3-context.js';
import type { Tags } from './tagging-xml.js';
import { upload, type UploadInput, type UploadOutput } from './upload.js';

/** Options of {@link createS3Client}. */
export interface S3ClientOptions {
  /** @default `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` */
  readonly region?: string | undefined;
  /** Custom endpoint (RGW, MinIO, R2, LocalStack…). @default `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`, the profile, then AWS */
  readonly endpoint?: string | URL | undefined;
  /** Static credentials or a provider. @default the SDK-order default chain of `@rawaws/credentials` */
  readonly credentials?: Credentials | Provider<Credentials> | undefined;
  /** @default `AWS_PROFILE`, then `default` */
  readonly profile?: string | undefined;
  /** Environment to read instead of `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Put the bucket in the path instead of the host name. @default false (virtual-hosted when possible) */
  readonly forcePathStyle?: boolean | undefined;
  /** Connect here instead of resolving host names (e.g. `127.0.0.1` for `bucket.localhost`). @default normal DNS */
  readonly connectAddress?: string | undefined;
  /** Allow SSE-C over plain HTTP to a loopback address (local test servers). @default false */
  readonly allowInsecureSseC?: boolean | undefined;
  /** Follow 301/400 region redirects once per bucket and remember the region. @default true */
  readonly followRegionRedirects?: boolean | undefined;
  /**
   * How file and stream bodies of known length are signed: `'unsigned'` (`UNSIGNED-PAYLOAD`, like the SDK over
   * HTTPS) or `'streaming'` (signed `aws-chunked`, `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`: every 64 KiB chunk is
   * signed, for integrity over plain HTTP). Bytes and strings are always signed in full. Per-call override: `payloadSigning`.
   * @default 'unsigned'
   */
  readonly payloadSigning?: PayloadSigning | undefined;
  /** Transport to use (its connect-address setting then applies instead of `connectAddress`). @default a new one */
  readonly transport?: Transport | undefined;
  readonly useFipsEndpoint?: boolean | undefined;
  readonly useDualstackEndpoint?: boolean | undefined;
}

/** The S3 client; every method validates its input before any network call. */
export interface S3Client {
  createBucket(input: CreateBucketInput): Promise<{ location: string | undefined }>;
  headBucket(input: { bucket: string }): Promise<{ exists: boolean; region: string | undefined }>;
  deleteBucket(input: { bucket: string }): Promise<void>;
  listBuckets(input?: { prefix?: string }): Promise<BucketInfo[]>;
  putBucketLifecycle(input: { bucket: string; rules: readonly LifecycleRule[] }): Promise<void>;
  getBucketLifecycle(input: { bucket: string }): Promise<LifecycleRule[]>;
  deleteBucketLifecycle(input: { bucket: string }): Promise<void>;
  putObject(input: PutObjectInput): Promise<PutObjectOutput>;
  getObject(input: ObjectReadInput): Promise<GetObjectOutput>;
  headObject(input: ObjectReadInput): Promise<ObjectMetadata>;
  deleteObject(input: { bucket: string; key: string; versionId?: string }): Promise<{ versionId: string | undefined; deleteMarker: boolean }>;
  deleteObjects(input: { bucket: string; objects: readonly (ObjectIdentifier | string)[]; quiet?: boolean }): Promise<DeleteObjectsResult>;
  copyObject(input: CopyObjectInput): Promise<{ etag: string | undefined; lastModified: Date | undefined; versionId: string | undefined }>;
  listObjects(input: ListObjectsInput): AsyncGenerator<S3Object>;
  listObjectPages(input: ListObjectsInput): AsyncGenerator<ListObjectsV2Page>;
  putObjectTagging(input: TaggingTarget & { tags: Tags }): Promise<void>;
  getObjectTagging(input: TaggingTarget): Promise<Record<string, string>>;
  deleteObjectTagging(input: TaggingTarget): Promise<void>;
  upload(input: UploadInput): Promise<UploadOutput>;
  listParts(input: UploadRef): Promise<UploadedPart[]>;
  listMultipartUploads(input: { bucket: string; prefix?: string }): Promise<MultipartUploadInfo[]>;
  abortMultipartUpload(input: UploadRef): Promise<void>;
  presignGetObject(input: PresignGetInput): Promise<PresignedRequest>;
  presignPutObject(input: PresignPutInput): Promise<PresignedRequest>;
  createPresignedPost(input: PresignedPostInput): Promise<PresignedPost>;
  /** Closes the transport the client created. */
  close(): Promise<void>;
}

/**
 * Creates an S3 client on `@rawaws/client`: SigV4 per attempt, retries, region/endpoint resolution, typed errors.
 *
 * @example
 * ```ts
 * const s3 = createS3Client({ endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', forcePathStyle: true });
 * await s3.putObject({ bucket: 'photos', key: 'cat 🐱.jpg', body: { path: './cat.jpg' } });
 * for await (const o of s3.listObjects({ bucket: 'photos' })) console.log(o.key);
 * ```
 */
export function createS3Client(options: S3ClientOptions = {}): S3Client {
  const given = options.credentials;
  // One memoized provider for signing, aws-chunked framing and presigning (the chain runs once, not per use).
  const provider: Provider<Credentials> =
    typeof given === 'function'
      ? given
      : given !== undefined
        ? () => Promise.resolve(given)
        : defaultCredentials({
            ...(options.profile === undefined ? {} : { profile: options.profile }),
            ...(options.env === undefined ? {} : { env: options.env as NodeJS.ProcessEnv }),
          });
  const ctx = createS3Context({
    client: {
      region: options.region,
      endpoint: options.endpoint,
      credentials: provider,
      profile: options.profile,
      env: options.env,
      transport: options.transport,
      useFipsEndpoint: options.useFipsEndpoint,
      useDualstackEndpoint: options.useDualstackEndpoint,
    },
    credentials: provider,
    payloadSigning: options.payloadSigning,
    forcePathStyle: options.forcePathStyle,
    connectAddress: options.connectAddress,
    allowInsecureSseC: options.allowInsecureSseC,
    followRegionRedirects: options.followRegionRedirects,
  });
  const credentials = provider;
  return {
    createBucket: (i) => createBucket(ctx, i),
    headBucket: (i) => headBucket(ctx, i),
    deleteBucket: (i) => deleteBucket(ctx, i),
    listBuckets: (i) => listBuckets(ctx, i),
    putBucketLifecycle: (i) => putBucketLifecycle(ctx, i),
    getBucketLifecycle: (i) => getBucketLifecycle(ctx, i),
    deleteBucketLifecycle: (i) => deleteBucketLifecycle(ctx, i),
    putObject: (i) => putObject(ctx, i),
    getObject: (i) => getObject(ctx, i),
    headObject: (i) => headObject(ctx, i),
    deleteObject: (i) => deleteObject(ctx, i),
    deleteObjects: (i) => deleteObjects(ctx, i),
    copyObject: (i) => copyObject(ctx, i),
    listObjects: (i) => listObjects(ctx, i),
    listObjectPages: (i) => listObjectPages(ctx, i),
    putObjectTagging: (i) => putObjectTagging(ctx, i),
    getObjectTagging: (i) => getObjectTagging(ctx, i),
    deleteObjectTagging: (i) => deleteObjectTagging(ctx, i),
    upload: (i) => upload(ctx, i),
    listParts: (i) => listParts(ctx, i),
    listMultipartUploads: (i) => listMultipartUploads(ctx, i),
    abortMultipartUpload: (i) => abortMultipartUpload(ctx, i),
    presignGetObject: (i) => presignGetObject(ctx, credentials, i),
    presignPutObject: (i) => presignPutObject(ctx, credentials, i),
    createPresignedPost: (i) => createPresignedPost(ctx, credentials, i),
    close: () => ctx.close(),
  };
}
