// A client whose clock is 20 minutes behind RGW: requests already in flight when the first skew error teaches the
// transport the offset must still get their corrected retry (found by the chaos run: concurrent first requests
// surfaced RequestTimeTooSkewed).
import type { S3TestTarget } from '@rawaws/rgw/global-setup';
import { createTransport, type TransportEvent } from '@rawaws/http';
import { createS3Client } from '@rawaws/s3';
import { expect, inject, it } from 'vitest';

const target: S3TestTarget = inject('s3');

it('16 concurrent first requests from a skewed client all succeed, learning the offset', async () => {
  const events: TransportEvent[] = [];
  const transport = createTransport({ now: () => Date.now() - 20 * 60_000, onEvent: (e) => events.push(e) });
  const s3 = createS3Client({ endpoint: target.endpoint, region: target.region, credentials: target, forcePathStyle: true, transport });
  const bucket = `skew-${Date.now().toString(36)}`;
  const admin = createS3Client({ endpoint: target.endpoint, region: target.region, credentials: target, forcePathStyle: true });
  await admin.createBucket({ bucket });
  try {
    const keys = Array.from({ length: 16 }, (_, i) => `k${i}`);
    const results = await Promise.allSettled(keys.map((key) => s3.putObject({ bucket, key, body: key })));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    // learned once (a second, sub-second refinement can happen: the Date header has one-second resolution)
    expect(events.filter((e) => e.type === 'clock-skew').length).toBeGreaterThanOrEqual(1);
    expect(events.filter((e) => e.type === 'clock-skew').length).toBeLessThanOrEqual(2);
    expect(Math.abs(transport.clockOffsetMs() - 20 * 60_000)).toBeLessThan(5_000);
    expect(events.filter((e) => e.type === 'no-retry')).toEqual([]);
    await admin.deleteObjects({ bucket, objects: keys });
  } finally {
    await admin.deleteBucket({ bucket });
    await admin.close();
    await s3.close();
    await transport.close();
  }
});
