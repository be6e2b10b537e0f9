import { createHash, randomBytes } from 'node:crypto';
import { defaultCredentials, explainDefaultCredentials } from '@rawaws/credentials';
import { createClient } from '@rawaws/client';
import { createS3Client, generateSseCKey } from '@rawaws/s3';
import { cleanupBucket } from './cleanup-bucket.js';
import { formatBytes, formatRate, maskKeyId } from './format.js';
import { identityStep } from './identity-step.js';
import type { Narrator } from './narrator.js';
import { startProgressBar } from './progress-bar.js';

/** Where the tour runs. */
export interface TourOptions {
  /** Env the packages read instead of `process.env` (credentials, region, endpoint). */
  readonly env: Record<string, string | undefined>;
  /** True for the local RGW: path-style addressing and SSE-C over loopback HTTP. */
  readonly local: boolean;
  readonly narrator: Narrator;
  /** Aborts the tour (Ctrl-C); clean-up still runs. */
  readonly signal: AbortSignal;
  /** Size of the multipart object. @default 24 MiB */
  readonly multipartBytes?: number | undefined;
}

const MiB = 2 ** 20;
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * The tour: credentials, a Query call, a bucket with a lifecycle rule, a multipart upload, a presigned SSE-C upload
 * with plain `fetch`, list, download and verify, and clean-up (also after a failure or an abort).
 */
export async function runTour(opts: TourOptions): Promise<void> {
  const { env, narrator, signal } = opts;
  narrator.step('Find credentials the way the AWS SDKs do');
  const trace = await explainDefaultCredentials({ env, memoize: false });
  for (const s of trace.skipped) narrator.say(`skipped ${s.source}: ${s.message.split('\n')[0]}`);
  if (trace.credentials === undefined) throw trace.error;
  const c = trace.credentials;
  narrator.say(
    `found credentials from ${c.source ?? 'unknown'}${c.source === 'imds' ? ' (the EC2 instance role, via the metadata service)' : ''}: ` +
      `key ${maskKeyId(c.accessKeyId)}${c.expiration === undefined ? '' : `, valid until ${c.expiration.toISOString()}`}`,
  );
  const credentials = defaultCredentials({ env });

  await identityStep(narrator, env, credentials, signal);
  signal.throwIfAborted();

  const s3 = createS3Client({ env, credentials, forcePathStyle: opts.local, allowInsecureSseC: opts.local });
  const bucket = `rawaws-demo-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  let created = false;
  let cleaned = false;
  try {
    const config = createClient({ service: 's3', env, credentials: null });
    const { region, endpoint } = await config.resolveConfig().finally(() => config.close());
    narrator.step(`Create bucket ${bucket} with a lifecycle rule`);
    await s3.createBucket({ bucket, signal });
    created = true;
    narrator.say(`created bucket ${bucket} in ${region} at ${endpoint.origin}`);
    await s3.putBucketLifecycle({
      bucket,
      rules: [
        { id: 'expire-scratch', prefix: 'scratch/', expirationDays: 1 },
        { id: 'abort-stale-uploads', prefix: '', abortIncompleteMultipartUploadDays: 1 },
      ],
    });
    for (const r of await s3.getBucketLifecycle({ bucket })) {
      const what = r.expirationDays !== undefined ? `objects under "${r.prefix ?? ''}" expire after ${r.expirationDays} day(s)` : `unfinished multipart uploads are aborted after ${r.abortIncompleteMultipartUploadDays ?? '?'} day(s)`;
      narrator.say(`lifecycle rule ${r.id ?? '(no id)'}: ${what}`);
    }
    signal.throwIfAborted();

    const size = opts.multipartBytes ?? 24 * MiB;
    narrator.step(`Multipart upload of ${formatBytes(size)} (5 MiB parts, 2 in flight)`);
    const big = randomBytes(size);
    const bar = startProgressBar('upload', size, narrator.progressStream);
    const t0 = Date.now();
    const up = await s3
      .upload({ bucket, key: 'tour/big.bin', body: big, partSize: 5 * MiB, queueSize: 2, signal, onProgress: (p) => bar.update(p.loaded) })
      .finally(() => bar.stop());
    narrator.say(`uploaded tour/big.bin in ${up.partCount} parts (${up.multipart ? 'multipart' : 'single PUT'}), ${formatRate(size, Date.now() - t0)}`);
    signal.throwIfAborted();

    narrator.step('Presigned upload with SSE-C (the server encrypts with OUR key and keeps only its MD5)');
    const key = generateSseCKey();
    const secret = new TextEncoder().encode(`a secret written at ${new Date().toISOString()}\n`);
    const put = await s3.presignPutObject({ bucket, key: 'tour/secret.txt', sseC: key, contentType: 'text/plain', expiresIn: 300 });
    narrator.say(`presigned PUT valid until ${put.expiresAt.toISOString()}; the uploader must also send: ${Object.keys(put.headers).join(', ')}`);
    const res = await fetch(put.url, { method: 'PUT', headers: put.headers, body: secret, signal });
    if (!res.ok) throw new Error(`presigned SSE-C PUT answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    narrator.say(`plain fetch() uploaded ${secret.length} bytes with the URL and those headers: HTTP ${res.status}`);
    const without = await s3.headObject({ bucket, key: 'tour/secret.txt' }).then(
      () => 'readable (unexpected!)',
      (e: unknown) => `refused (HTTP ${(e as { status?: number }).status ?? '?'})`,
    );
    narrator.say(`reading it back without the key: ${without}`);
    const get = await s3.presignGetObject({ bucket, key: 'tour/secret.txt', sseC: key, expiresIn: 300 });
    const back = new Uint8Array(await (await fetch(get.url, { headers: get.headers, signal })).arrayBuffer());
    if (sha256(back) !== sha256(secret)) throw new Error('SSE-C object read back with the key differs from what was uploaded');
    narrator.say('reading it back with the key through a presigned GET: identical bytes');
    signal.throwIfAborted();

    narrator.step('List the bucket');
    for await (const o of s3.listObjects({ bucket })) narrator.say(`${o.key}  ${formatBytes(o.size)}`);

    narrator.step('Download the big object and verify it');
    const dl = startProgressBar('download', size, narrator.progressStream);
    const t1 = Date.now();
    const obj = await s3.getObject({ bucket, key: 'tour/big.bin', signal });
    const hash = createHash('sha256');
    let got = 0;
    try {
      for await (const chunk of obj.body) {
        hash.update(chunk);
        got += chunk.length;
        dl.update(got);
      }
    } finally {
      dl.stop();
    }
    const same = got === size && hash.digest('hex') === sha256(big);
    if (!same) throw new Error(`downloaded ${got} bytes whose SHA-256 differs from the upload`);
    narrator.say(`downloaded ${formatBytes(got)} at ${formatRate(got, Date.now() - t1)}; SHA-256 matches the upload: verified`);
  } finally {
    cleaned = !created || (await cleanupBucket(s3, bucket, narrator, { skip: opts.local && signal.aborted }));
    await s3.close();
  }
  // reached only when every step worked: then a failed clean-up fails the tour
  if (!cleaned) throw new Error(`clean-up of bucket ${bucket} failed (see above)`);
}
