// Client
export { createS3Client } from './s3-client.js';
export type { S3Client, S3ClientOptions } from './s3-client.js';

// Errors
export { S3Error, isS3Error } from './errors.js';
export type { S3ErrorCode } from './errors.js';

// Validation, keys, addressing
export { validateBucketName, bucketNameProblem } from './bucket-name.js';
export { validateObjectKey, MAX_KEY_BYTES } from './object-key.js';
export { encodeKey, uriEncode } from './encode-key.js';
export { resolveAddress, canUseVirtualHost } from './address.js';
export type { AddressingOptions, S3Address, S3Query } from './address.js';

// Encryption
export { generateSseCKey, sseCKey, sseCKeyBytes, sseCHeaders, sseCCopySourceHeaders, isLoopbackHost } from './sse-c.js';
export type { SseCKey } from './sse-c.js';
export { serverSideEncryptionHeaders } from './server-side-encryption.js';
export type { ServerSideEncryption } from './server-side-encryption.js';

// Checksums
export { createChecksum, computeChecksum, checksumHeaderName, checksumToBase64, contentMd5, CHECKSUM_ALGORITHMS } from './checksum.js';
export type { Checksum, ChecksumAlgorithm } from './checksum.js';

// Multipart planning
export { planMultipart, MIN_PART_SIZE, MAX_PART_SIZE, MAX_PARTS, MAX_OBJECT_SIZE, MAX_PUT_SIZE } from './multipart-plan.js';
export type { MultipartPlan, MultipartPlanOptions } from './multipart-plan.js';

// XML bodies
export { deleteObjectsXml, DELETE_OBJECTS_BATCH } from './delete-objects-xml.js';
export type { ObjectIdentifier } from './delete-objects-xml.js';
export { completeMultipartXml } from './complete-multipart-xml.js';
export type { CompletedPart } from './complete-multipart-xml.js';
export { lifecycleXml } from './lifecycle-xml.js';
export type { LifecycleRule } from './lifecycle-xml.js';
export { taggingXml, taggingHeader } from './tagging-xml.js';
export type { Tags } from './tagging-xml.js';
export { userMetadataHeaders, userMetadataFromHeaders } from './user-metadata.js';

// Response readers (on a parseXml tree)
export { listObjectsV2Result } from './list-objects-result.js';
export type { ListObjectsV2Page, S3Object } from './list-objects-result.js';
export { listPartsResult } from './list-parts-result.js';
export type { ListPartsPage, UploadedPart } from './list-parts-result.js';
export { listUploadsResult } from './list-uploads-result.js';
export type { ListMultipartUploadsPage, MultipartUploadInfo } from './list-uploads-result.js';
export { listBucketsResult } from './list-buckets-result.js';
export type { BucketInfo } from './list-buckets-result.js';
export { deleteObjectsResult } from './delete-objects-result.js';
export type { DeleteObjectsResult } from './delete-objects-result.js';
export { objectMetadata } from './object-metadata.js';
export type { ObjectMetadata } from './object-metadata.js';

// Operation input/output types
export type { CreateBucketInput } from './bucket-operations.js';
export type { PutObjectInput, PutObjectOutput, ObjectReadInput, GetObjectOutput, PayloadSigning } from './object-operations.js';
export type { ObjectWriteOptions } from './write-headers.js';
export type { PutBody, FileBody } from './put-body.js';
export type { CopyObjectInput } from './copy-object.js';
export type { ListObjectsInput } from './list-objects.js';
export type { TaggingTarget } from './object-tagging.js';
export type { UploadRef } from './multipart-operations.js';
export type { UploadInput, UploadOutput, UploadProgress, UploadState } from './upload.js';
export { MAX_PRESIGN_EXPIRY, DEFAULT_PRESIGN_EXPIRY } from './presign.js';
export type { PresignInput, PresignGetInput, PresignPutInput, PresignedRequest } from './presign.js';
export type { PresignedPost, PresignedPostInput, PostPolicyCondition } from './post-policy.js';

// Intentionally not exported: the request context (s3-context.ts), xml-tree helpers, part-source, region-redirect.
