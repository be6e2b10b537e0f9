// CreateMultipartUpload is not idempotent: an attempt whose answer is lost after the server acted leaves an upload
// behind when the transport retries. Found by the chaos run (open uploads after 2,000 operations); these pin it down.
import { startFaultProxy, type FaultRule } from '@rawaws/fault-proxy';
import type { S3TestTarget } from '@rawaws/rgw/global-setup';
import { createS3Client, MIN_PART_SIZE, type S3Client } from '@rawaws/s3';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

const target: S3TestTarget = inject('s3');
const CREATE = /[?&]uploads(=|&|$)/;
let direct: S3Client;
const bucket = `orphans-${Date.now().toString(36)}`;
beforeAll(async () => {
  direct = createS3Client({ endpoint: target.endpoint, region: target.region, credentials: target, forcePathStyle: true });
  await direct.createBucket({ bucket });
});
afterAll(async () => {
  for (const u of await direct.listMultipartUploads({ bucket })) await direct.abortMultipartUpload({ bucket, key: u.key, uploadId: u.uploadId });
  const keys: string[] = [];
  for await (const o of direct.listObjects({ bucket })) keys.push(o.key);
  if (keys.length > 0) await direct.deleteObjects({ bucket, objects: keys });
  await direct.deleteBucket({ bucket });
  await direct.close();
});

const body = new Uint8Array(MIN_PART_SIZE + 10).fill(7);
const viaProxy = async (rules: FaultRule[], key: string) => {
  const proxy = await startFaultProxy({ target: target.endpoint, rules });
  const s3 = createS3Client({ endpoint: proxy.url, region: target.region, credentials: target, forcePathStyle: true });
  try {
    return await s3.upload({ bucket, key, body, partSize: MIN_PART_SIZE }).then((out) => ({ out, error: undefined }), (error: unknown) => ({ out: undefined, error }));
  } finally {
    await s3.close();
    await proxy.close();
  }
};

it('a lost CreateMultipartUpload answer that the transport retried leaves no upload open', async () => {
  const { out, error } = await viaProxy([{ method: 'POST', path: CREATE, attempt: 1, action: { type: 'truncate', bytes: 10 } }], 'retried-create');
  expect(error).toBeUndefined();
  expect(out?.multipart).toBe(true);
  expect(await direct.listMultipartUploads({ bucket, prefix: 'retried-create' })).toEqual([]);
  expect((await (await direct.getObject({ bucket, key: 'retried-create' })).bytes()).length).toBe(body.length);
});

it('a CreateMultipartUpload whose every answer is lost fails and leaves no upload open', async () => {
  const { error } = await viaProxy([{ method: 'POST', path: CREATE, action: { type: 'truncate', bytes: 10 } }], 'failed-create');
  expect(error).toBeDefined();
  expect(await direct.listMultipartUploads({ bucket, prefix: 'failed-create' })).toEqual([]);
});

it('a CompleteMultipartUpload that fails for good aborts the upload', async () => {
  const { error } = await viaProxy([{ method: 'POST', path: /[?&]uploadId=/, action: { type: 'status', status: 500 } }], 'failed-complete');
  expect(error).toBeDefined();
  expect(await direct.listMultipartUploads({ bucket, prefix: 'failed-complete' })).toEqual([]);
});
