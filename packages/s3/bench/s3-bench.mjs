#!/usr/bin/env node
// PUT and GET of 8 MiB, 256 MiB and 1 GiB on a loopback RGW: @rawaws/s3 vs @aws-sdk/client-s3 + lib-storage vs minio.
// Each (client, operation, size) runs in its own Node process so peak RSS (maxRSS) is per run.
// Usage: node bench/s3-bench.mjs [--sizes 8,256,1024] [--runs 3]   (S3_ENDPOINT etc. to use a running server;
// otherwise a throw-away RGW is started with @rawaws/rgw). Prints a Markdown table. Not a test: no assertions on time.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const MiB = 1024 * 1024;
const PART = 8 * MiB;
const QUEUE = 4;
const self = fileURLToPath(import.meta.url);

async function child([client, op, sizeMiB, file, bucket]) {
  const env = process.env;
  const creds = { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY };
  const key = `bench/${client}-${sizeMiB}`;
  const size = Number(sizeMiB) * MiB;
  let bytes = 0;
  let run;
  let done = async () => {};
  let warm;
  // Client set-up (imports included) and one small warm-up request (connection, HTTP parser) happen before the clock.
  if (client === 'rawaws') {
    const { createS3Client } = await import('../dist/index.js');
    const s3 = createS3Client({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION, credentials: creds, forcePathStyle: true, env: {} });
    run = op === 'put'
      ? () => s3.upload({ bucket, key, body: { path: file }, partSize: PART, queueSize: QUEUE })
      : async () => { for await (const c of (await s3.getObject({ bucket, key })).body) bytes += c.length; };
    warm = () => s3.headBucket({ bucket });
    done = () => s3.close();
  } else if (client === 'aws-sdk') {
    const { S3Client, GetObjectCommand, HeadBucketCommand } = await import('@aws-sdk/client-s3');
    const { Upload } = await import('@aws-sdk/lib-storage');
    // RGW 16 rejects the SDK's default trailing checksums; ask for checksums only where required.
    const s3 = new S3Client({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION, credentials: creds, forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    run = op === 'put'
      ? () => new Upload({ client: s3, params: { Bucket: bucket, Key: key, Body: createReadStream(file) }, partSize: PART, queueSize: QUEUE }).done()
      : async () => { for await (const c of (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body) bytes += c.length; };
    warm = () => s3.send(new HeadBucketCommand({ Bucket: bucket }));
    done = async () => s3.destroy();
  } else {
    const Minio = await import('minio');
    const u = new URL(env.S3_ENDPOINT);
    const mc = new Minio.Client({ endPoint: u.hostname, port: Number(u.port), useSSL: false, accessKey: creds.accessKeyId, secretKey: creds.secretAccessKey, region: env.S3_REGION, pathStyle: true, partSize: PART });
    run = op === 'put'
      ? () => mc.fPutObject(bucket, key, file, {})
      : async () => { for await (const c of await mc.getObject(bucket, key)) bytes += c.length; };
    warm = () => mc.bucketExists(bucket);
  }
  await warm();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  await done();
  if (op === 'get' && bytes !== size) throw new Error(`${client} GET returned ${bytes} bytes, expected ${size}`);
  process.stdout.write(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

async function main() {
  const arg = (name, def) => { const i = process.argv.indexOf(name); return i === -1 ? def : process.argv[i + 1]; };
  const sizes = arg('--sizes', '8,256,1024').split(',').map(Number);
  const runs = Number(arg('--runs', '3'));
  let rgw;
  if (!process.env.S3_ENDPOINT) {
    const { startRgw } = await import('@rawaws/rgw');
    // RGW frees deleted objects lazily (gc), so give memstore room for every run's data.
    rgw = await startRgw({ memstoreBytes: 6 * 1024 * MiB });
    Object.assign(process.env, { S3_ENDPOINT: rgw.endpoint, S3_REGION: rgw.region, S3_ACCESS_KEY_ID: rgw.accessKeyId, S3_SECRET_ACCESS_KEY: rgw.secretAccessKey });
  }
  process.env.S3_REGION ??= 'us-east-1';
  const { createS3Client } = await import('../dist/index.js');
  const s3 = createS3Client({ endpoint: process.env.S3_ENDPOINT, region: process.env.S3_REGION, forcePathStyle: true, env: {},
    credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY } });
  const bucket = `rawaws-bench-${Date.now()}`;
  await s3.createBucket({ bucket });
  const dir = await mkdtemp(join(tmpdir(), 'rawaws-bench-'));
  const rows = [];
  try {
    for (const sizeMiB of sizes) {
      const file = join(dir, `${sizeMiB}.bin`);
      await pipeline(async function* () { const block = Buffer.alloc(MiB); for (let i = 0; i < sizeMiB; i++) { block.fill(i & 0xff); yield block; } }, createWriteStream(file));
      const n = sizeMiB >= 1024 ? 1 : runs;
      for (const client of ['rawaws', 'aws-sdk', 'minio']) {
        for (const op of ['put', 'get']) {
          const results = [];
          for (let r = 0; r < n; r++) {
            const { stdout } = await promisify(execFile)(process.execPath, [self, '--child', client, op, String(sizeMiB), file, bucket], { env: process.env, maxBuffer: 1 << 20, timeout: 300_000 });
            results.push(JSON.parse(stdout));
          }
          results.sort((a, b) => a.ms - b.ms);
          const med = results[Math.floor(results.length / 2)];
          rows.push({ sizeMiB, client, op, ms: med.ms, mibps: sizeMiB / (med.ms / 1000), rss: Math.max(...results.map((x) => x.maxRssMiB)), n });
          process.stderr.write(`${sizeMiB} MiB ${client} ${op}: ${med.ms.toFixed(0)} ms, peak RSS ${rows.at(-1).rss.toFixed(0)} MiB\n`);
        }
        await s3.deleteObject({ bucket, key: `bench/${client}-${sizeMiB}` });
      }
      await rm(file);
    }
  } finally {
    for await (const o of s3.listObjects({ bucket })) await s3.deleteObject({ bucket, key: o.key });
    for (const u of await s3.listMultipartUploads({ bucket })) await s3.abortMultipartUpload({ bucket, key: u.key, uploadId: u.uploadId });
    await s3.deleteBucket({ bucket });
    await s3.close();
    await rm(dir, { recursive: true, force: true });
    await rgw?.stop();
  }
  console.log(`| size | op | client | median time | MiB/s | peak RSS | vs rawaws time | runs |\n|---|---|---|---|---|---|---|---|`);
  for (const r of rows) {
    const base = rows.find((x) => x.sizeMiB === r.sizeMiB && x.op === r.op && x.client === 'rawaws');
    console.log(`| ${r.sizeMiB} MiB | ${r.op.toUpperCase()} | ${r.client} | ${(r.ms / 1000).toFixed(2)} s | ${r.mibps.toFixed(0)} | ${r.rss.toFixed(0)} MiB | ${(r.ms / base.ms).toFixed(2)}x | ${r.n} |`);
  }
}

if (process.argv[2] === '--child') await child(process.argv.slice(3));
else await main();
