import { isAwsServiceError } from '@rawaws/client';
import { chaosRules, mulberry32, startFaultProxy, type FaultProxyStats, type FaultRule } from '@rawaws/fault-proxy';
import { createTransport, isHttpError, type TransportEvent } from '@rawaws/http';
import { createS3Client, isS3Error, MIN_PART_SIZE, type S3Client } from '@rawaws/s3';
import { KeyModel } from './key-model.js';
import { sameBytes, seededBytes, type ContentSpec } from './seeded-bytes.js';

/** Where to run and how big. */
export interface S3ChaosOptions {
  /** The real S3 server (RGW); the fault proxy is put in front of it. */
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** Logical operations to run. @default 2000 */
  readonly ops?: number | undefined;
  /** Seed of the operation mix, the bodies and the proxy's faults. @default 20261123 */
  readonly seed?: number | undefined;
  /** Operations in flight (each worker owns its keys, so no two operations race on a key). @default 8 */
  readonly concurrency?: number | undefined;
  /** One operation in this many is a two-part multipart upload (5 MiB + a tail). @default 100 */
  readonly multipartEvery?: number | undefined;
  /** How wrong the client's clock is (ms, negative = behind the server). @default -1200000 (20 min behind) */
  readonly clockSkewMs?: number | undefined;
  /** Fault rules for the proxy. @default {@link defaultChaosRules} */
  readonly rules?: readonly FaultRule[] | undefined;
}

/** Operation kinds of the mix. */
export type ChaosOpKind = 'put' | 'multipart' | 'get-range' | 'delete-objects' | 'presigned-put';

/** What a run did and found. `dataLost`, `partialObjects`, `corruptReads` and `openUploads` must be 0. */
export interface S3ChaosFigures {
  operations: number;
  byKind: Record<ChaosOpKind, number>;
  proxy: FaultProxyStats;
  retries: number;
  /** Highest attempt number of any request (max attempts, plus the one free clock-skew retry). */
  maxAttemptSeen: number;
  /** Lowest retry-quota level reported by a retry decision. */
  minQuotaLeft: number;
  /** Requests whose retry was refused, by reason (`max-attempts`, `retry-quota`, ...). */
  noRetry: Record<string, number>;
  clockCorrections: number;
  failuresSurfaced: number;
  failuresByCode: Record<string, number>;
  acknowledgedWrites: number;
  /** Acknowledged writes read back directly from the server right after the acknowledgement. */
  writesReadBack: number;
  /** Keys whose final state was checked directly on the server after the run. */
  objectsVerified: number;
  dataLost: number;
  partialObjects: number;
  corruptReads: number;
  openUploads: number;
  durationMs: number;
  /** A sample of the surfaced errors (for the secret scan). */
  sampleErrors: unknown[];
  /** Every transport event (for the secret scan). */
  events: TransportEvent[];
}

/**
 * The default fault mix: resets (before and during uploads), 500, 503, SlowDown, truncated bodies and latency
 * spikes, each a seeded probability per request.
 */
export function defaultChaosRules(): FaultRule[] {
  return [
    { name: 'reset-mid-upload', method: 'PUT', probability: 0.01, action: { type: 'reset', afterRequestBytes: 512 } },
    ...chaosRules({ reset: 0.02, error500: 0.02, error503: 0.02, slowDown: 0.02, truncate: 0.02, latency: 0.03, latencyMs: 250 }),
  ];
}

const KEYS_PER_WORKER = 6;

const errorCode = (e: unknown): string =>
  isHttpError(e) ? e.code : isAwsServiceError(e) ? `${e.status} ${e.code}` : isS3Error(e) ? e.code : e instanceof Error ? e.name : 'unknown';

/**
 * Runs a seeded mix of S3 operations through a fault proxy in front of `endpoint`, then reads every key back
 * directly from the server and checks that acknowledged writes are intact, failed writes left nothing partial and
 * no multipart upload is open.
 *
 * @example
 * ```ts
 * const figures = await runS3Chaos({ endpoint: rgw.endpoint, region: 'us-east-1', accessKeyId, secretAccessKey });
 * console.log(formatFigures('S3 chaos', summarizeS3Chaos(figures)));
 * ```
 */
export async function runS3Chaos(opts: S3ChaosOptions): Promise<S3ChaosFigures> {
  const started = Date.now();
  const seed = opts.seed ?? 20261123;
  const ops = opts.ops ?? 2000;
  const concurrency = opts.concurrency ?? 8;
  const multipartEvery = opts.multipartEvery ?? 100;
  const skew = opts.clockSkewMs ?? -20 * 60_000;
  const credentials = { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, sessionToken: opts.sessionToken };
  const bucket = `chaos-${seed}-${Date.now().toString(36)}`;

  const direct = createS3Client({ endpoint: opts.endpoint, region: opts.region, credentials, forcePathStyle: true });
  await direct.createBucket({ bucket });
  const proxy = await startFaultProxy({ target: opts.endpoint, seed, rules: opts.rules ?? defaultChaosRules() });

  const figures: S3ChaosFigures = {
    operations: 0,
    byKind: { put: 0, multipart: 0, 'get-range': 0, 'delete-objects': 0, 'presigned-put': 0 },
    proxy: proxy.stats(),
    retries: 0,
    maxAttemptSeen: 0,
    minQuotaLeft: Number.POSITIVE_INFINITY,
    noRetry: {},
    clockCorrections: 0,
    failuresSurfaced: 0,
    failuresByCode: {},
    acknowledgedWrites: 0,
    writesReadBack: 0,
    objectsVerified: 0,
    dataLost: 0,
    partialObjects: 0,
    corruptReads: 0,
    openUploads: 0,
    durationMs: 0,
    sampleErrors: [],
    events: [],
  };
  const onEvent = (e: TransportEvent): void => {
    if (e.type === 'upload-progress' || e.type === 'download-progress') return;
    figures.events.push(e);
    if (e.type === 'attempt-start') figures.maxAttemptSeen = Math.max(figures.maxAttemptSeen, e.attempt);
    else if (e.type === 'retry') {
      figures.retries++;
      figures.minQuotaLeft = Math.min(figures.minQuotaLeft, e.quotaLeft);
    } else if (e.type === 'no-retry') figures.noRetry[e.reason] = (figures.noRetry[e.reason] ?? 0) + 1;
    else if (e.type === 'clock-skew') figures.clockCorrections++;
  };
  // A client whose clock is `skew` off; short backoff bases keep the run bounded (the policy is the standard one).
  const clientNow = (): number => Date.now() + skew;
  const transport = createTransport({ onEvent, now: clientNow, baseDelayMs: 10, throttlingBaseDelayMs: 40, maxBackoffMs: 1000, random: mulberry32(seed ^ 0x5eed) });
  const s3 = createS3Client({ endpoint: proxy.url, region: opts.region, credentials, forcePathStyle: true, transport });

  const model = new KeyModel();
  const keyOf = (w: number, j: number): string => `w${w}/k${j} ü+%`;
  const mpKeyOf = (w: number): string => `w${w}/multipart`;

  const surfaced = (e: unknown): void => {
    figures.failuresSurfaced++;
    const code = errorCode(e);
    figures.failuresByCode[code] = (figures.failuresByCode[code] ?? 0) + 1;
    if (figures.sampleErrors.length < 50) figures.sampleErrors.push(e);
  };

  const runOne = async (s3c: S3Client, w: number, i: number, random: () => number): Promise<void> => {
    const j = Math.floor(random() * KEYS_PER_WORKER);
    const key = keyOf(w, j);
    const roll = random();
    let kind: ChaosOpKind =
      i % multipartEvery === multipartEvery - 1 ? 'multipart' : roll < 0.35 ? 'put' : roll < 0.65 ? 'get-range' : roll < 0.8 ? 'delete-objects' : 'presigned-put';
    if (kind === 'get-range' && model.presentCandidates(key).length === 0) kind = 'put';
    figures.operations++;
    figures.byKind[kind]++;
    const spec: ContentSpec = {
      seed: Math.floor(random() * 2 ** 31),
      size: kind === 'multipart' ? MIN_PART_SIZE + 1 + Math.floor(random() * 65536) : 1 + Math.floor(random() * 48 * 1024),
    };
    switch (kind) {
      case 'put':
      case 'presigned-put':
      case 'multipart': {
        const k = kind === 'multipart' ? mpKeyOf(w) : key;
        const body = seededBytes(spec);
        model.writeStarted(k, spec);
        try {
          if (kind === 'put') await s3c.putObject({ bucket, key: k, body });
          else if (kind === 'multipart') {
            const out = await s3c.upload({ bucket, key: k, body, partSize: MIN_PART_SIZE, multipartThreshold: MIN_PART_SIZE, queueSize: 2 });
            if (!out.multipart) throw new Error('expected a multipart upload');
          } else {
            const p = await s3c.presignPutObject({ bucket, key: k, expiresIn: 3600, date: new Date(clientNow() + transport.clockOffsetMs()) });
            const res = await transport.send({ method: 'PUT', url: p.url, headers: p.headers, body });
            await res.text();
            if (res.status !== 200) throw new PresignedPutFailed(res.status, res.errorCode);
          }
          model.writeAcknowledged(k, spec);
          figures.acknowledgedWrites++;
        } catch (e) {
          surfaced(e);
          return;
        }
        // every acknowledged write is read back at once, straight from the server (nobody else writes this key)
        const verdict = await verifyKey(direct, bucket, k, model);
        figures.writesReadBack++;
        if (verdict !== 'ok') figures.dataLost++;
        return;
      }
      case 'get-range': {
        const candidates = model.presentCandidates(key);
        const min = Math.min(...candidates.map((c) => c.size));
        const start = Math.floor(random() * min);
        const end = Math.min(min - 1, start + Math.floor(random() * 8192));
        try {
          const res = await s3c.getObject({ bucket, key, range: { start, end } });
          const got = await res.bytes();
          if (!candidates.some((c) => sameBytes(got, seededBytes(c).subarray(start, end + 1)))) figures.corruptReads++;
        } catch (e) {
          if (!(isAwsServiceError(e) && e.status === 404)) surfaced(e);
          // a 404 is a correct answer when an unacknowledged delete may have happened; otherwise a write was lost
          else if (!model.mayBeAbsent(key)) figures.dataLost++;
        }
        return;
      }
      case 'delete-objects': {
        const keys = [...new Set([key, keyOf(w, Math.floor(random() * KEYS_PER_WORKER))])];
        for (const k of keys) model.deleteStarted(k);
        try {
          const res = await s3c.deleteObjects({ bucket, objects: keys });
          for (const d of res.deleted) model.deleteAcknowledged(d.key);
          if (res.errors.length > 0) throw new Error(`DeleteObjects reported ${res.errors.length} errors`);
        } catch (e) {
          surfaced(e);
        }
        return;
      }
    }
  };

  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        const random = mulberry32(seed + w * 7919);
        for (let i = w; i < ops; i += concurrency) await runOne(s3, w, i, random);
      }),
    );
    figures.proxy = proxy.stats();

    // Verification goes straight to the server, without the proxy or faults.
    for (let w = 0; w < concurrency; w++) {
      for (const k of [...Array.from({ length: KEYS_PER_WORKER }, (_, j) => keyOf(w, j)), mpKeyOf(w)]) {
        const verdict = await verifyKey(direct, bucket, k, model);
        figures.objectsVerified++;
        if (verdict === 'lost') figures.dataLost++;
        else if (verdict === 'partial') figures.partialObjects++;
      }
    }
    figures.openUploads = (await direct.listMultipartUploads({ bucket })).length;
  } finally {
    await proxy.close();
    await s3.close();
    await transport.close();
    await emptyBucket(direct, bucket);
    await direct.close();
  }
  figures.durationMs = Date.now() - started;
  return figures;
}

/** A presigned PUT answered with a non-200 status. */
class PresignedPutFailed extends Error {
  override readonly name = 'PresignedPutFailed';
  readonly code: string;
  constructor(status: number, code: string | undefined) {
    super(`Presigned PUT failed with HTTP ${status}${code === undefined ? '' : ` ${code}`}`);
    this.code = code ?? String(status);
  }
}

async function verifyKey(s3: S3Client, bucket: string, key: string, model: KeyModel): Promise<'ok' | 'lost' | 'partial'> {
  let got: Uint8Array | null;
  try {
    got = await (await s3.getObject({ bucket, key })).bytes();
  } catch (e) {
    if (!(isAwsServiceError(e) && e.status === 404)) throw e;
    got = null;
  }
  return model.judge(key, got);
}

async function emptyBucket(s3: S3Client, bucket: string): Promise<void> {
  for (const u of await s3.listMultipartUploads({ bucket })) await s3.abortMultipartUpload({ bucket, key: u.key, uploadId: u.uploadId });
  const keys: string[] = [];
  for await (const o of s3.listObjects({ bucket })) keys.push(o.key);
  if (keys.length > 0) await s3.deleteObjects({ bucket, objects: keys });
  await s3.deleteBucket({ bucket });
}
