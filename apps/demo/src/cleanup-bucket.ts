import type { S3Client } from '@rawaws/s3';
import type { Narrator } from './narrator.js';

/**
 * Deletes everything the tour made: objects, unfinished multipart uploads, the bucket; then checks the bucket is
 * gone. Never throws (it runs in `finally`): problems are reported as lines.
 */
export async function cleanupBucket(s3: S3Client, bucket: string, narrator: Narrator, opts: { skip?: boolean } = {}): Promise<boolean> {
  narrator.step('Clean up');
  if (opts.skip === true) {
    narrator.say('interrupted: the throw-away RGW was stopped with everything in it');
    return true;
  }
  try {
    const keys: string[] = [];
    for await (const o of s3.listObjects({ bucket })) keys.push(o.key);
    if (keys.length > 0) {
      const r = await s3.deleteObjects({ bucket, objects: keys, quiet: true });
      if (r.errors.length > 0) throw new Error(`could not delete ${r.errors.map((e) => `${e.key} (${e.code})`).join(', ')}`);
    }
    const uploads = await s3.listMultipartUploads({ bucket });
    for (const u of uploads) await s3.abortMultipartUpload({ bucket, key: u.key, uploadId: u.uploadId });
    await s3.deleteBucket({ bucket });
    const { exists } = await s3.headBucket({ bucket });
    if (exists) throw new Error(`bucket ${bucket} still exists after DeleteBucket`);
    narrator.say(`deleted ${keys.length} object(s), aborted ${uploads.length} unfinished upload(s), deleted bucket ${bucket}`);
    narrator.say('checked: the bucket is gone, nothing left behind');
    return true;
  } catch (e) {
    narrator.say(`clean-up FAILED, delete bucket ${bucket} by hand: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
