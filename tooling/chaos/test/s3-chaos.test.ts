import { inject, expect, it } from 'vitest';
import type { S3TestTarget } from '@rawaws/rgw/global-setup';
import { runS3Chaos } from '../src/s3-chaos.js';
import { summarizeS3Chaos } from '../src/summarize-s3-chaos.js';
import { formatFigures } from '../src/format-figures.js';
import { findSecrets } from '../src/find-secrets.js';

const target: S3TestTarget = inject('s3');
const OPS = Number(process.env['CHAOS_OPS'] ?? 2000);
const SEED = Number(process.env['CHAOS_SEED'] ?? 20261123);
const MAX_ATTEMPTS = 3;

it(`${OPS} mixed S3 operations through the fault proxy lose no data (seed ${SEED})`, { timeout: Math.max(180_000, OPS * 200) }, async () => {
  const f = await runS3Chaos({
    endpoint: target.endpoint,
    region: target.region,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    sessionToken: target.sessionToken,
    ops: OPS,
    seed: SEED,
  });
  console.log(formatFigures(`S3 chaos (CHAOS_OPS=${OPS}, CHAOS_SEED=${SEED})`, summarizeS3Chaos(f)));

  expect(f.operations).toBe(OPS);
  // the workload really was under fire, of every kind
  for (const kind of ['reset', 'status', 'slowdown', 'truncate', 'latency'] as const) expect(f.proxy.injected[kind]).toBeGreaterThan(0);
  expect(f.clockCorrections).toBeGreaterThan(0);
  expect(f.retries).toBeGreaterThan(0);
  for (const [kind, n] of Object.entries(f.byKind)) if (kind !== 'multipart' || OPS >= 100) expect(n, kind).toBeGreaterThan(0);
  // the outcome
  expect(f.dataLost).toBe(0);
  expect(f.partialObjects).toBe(0);
  expect(f.corruptReads).toBe(0);
  expect(f.openUploads).toBe(0);
  expect(f.objectsVerified).toBeGreaterThan(0);
  expect(f.writesReadBack).toBe(f.acknowledgedWrites);
  // the retry budget: never more than max attempts (+1 free clock-skew retry), never below an empty quota
  expect(f.maxAttemptSeen).toBeLessThanOrEqual(MAX_ATTEMPTS + 1);
  expect(f.minQuotaLeft).toBeGreaterThanOrEqual(0);
  // most operations succeed; what fails is surfaced, never silent
  expect(f.failuresSurfaced).toBeLessThan(OPS * 0.05);
  // nothing that reached the caller or the event stream carries a secret
  expect(findSecrets([...f.sampleErrors, ...f.events], [target.secretAccessKey, ...(target.sessionToken ? [target.sessionToken] : [])])).toEqual([]);
});
