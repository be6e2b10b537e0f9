import type { Figures } from './format-figures.js';
import type { S3ChaosFigures } from './s3-chaos.js';

const list = (r: Record<string, number>): string =>
  Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/**
 * The printed figures of an S3 chaos run.
 *
 * @example
 * ```ts
 * console.log(formatFigures('S3 chaos', summarizeS3Chaos(await runS3Chaos(opts))));
 * ```
 */
export function summarizeS3Chaos(f: S3ChaosFigures): Figures {
  return {
    operations: `${f.operations} (${list(f.byKind)})`,
    'HTTP requests at the proxy': f.proxy.requests,
    'faults injected': `${f.proxy.faults} (${list(f.proxy.injected)})`,
    retries: f.retries,
    'clock-skew corrections': f.clockCorrections,
    'highest attempt number': f.maxAttemptSeen,
    'lowest retry quota left': Number.isFinite(f.minQuotaLeft) ? f.minQuotaLeft : 'no retries',
    'retries refused': list(f.noRetry),
    'failures surfaced to the caller': `${f.failuresSurfaced} (${list(f.failuresByCode)})`,
    'acknowledged writes': f.acknowledgedWrites,
    'acknowledged writes read back byte-identical (direct)': `${f.writesReadBack} of ${f.acknowledgedWrites}`,
    'keys whose final state was verified (direct)': f.objectsVerified,
    'corrupt reads': f.corruptReads,
    'partial objects': f.partialObjects,
    'open multipart uploads': f.openUploads,
    'data lost': f.dataLost,
    'wall time': `${(f.durationMs / 1000).toFixed(1)} s`,
  };
}
