import { startImdsEmulator, type ImdsEmulator } from '@rawaws/imds-emulator';
import { startRgw, type RgwInstance } from '@rawaws/rgw';
import type { Narrator } from './narrator.js';

/** The throw-away servers of the local tour and the environment that points rawaws at them. */
export interface LocalStack {
  /** Env for the tour: IMDS endpoint, region, endpoint URL, and empty shared config files. */
  readonly env: Record<string, string | undefined>;
  readonly rgw: RgwInstance;
  readonly imds: ImdsEmulator;
  /** Stops both servers (safe to call twice). */
  stop(): Promise<void>;
}

/**
 * Starts a Ceph RGW (the S3/STS/IAM server) and the IMDS emulator (EC2's metadata service) on 127.0.0.1.
 * The emulator hands out the RGW user's keys as the "instance role" credentials, so the tour finds its
 * credentials exactly as it would on an EC2 instance.
 */
export async function startLocalStack(narrator: Narrator, opts: { signal?: AbortSignal } = {}): Promise<LocalStack> {
  narrator.step('Start the local servers');
  const rgw = await startRgw();
  narrator.say(`Ceph RGW (a real S3 server) is up at ${rgw.endpoint} after ${(rgw.timings.ready / 1000).toFixed(1)} s; its data lives in ${rgw.dir}`);
  let imds: ImdsEmulator;
  try {
    opts.signal?.throwIfAborted();
    imds = await startImdsEmulator({
      roleName: 'rawaws-demo-instance-role',
      // RGW checks real keys, so the emulator serves the RGW user's (no session token: RGW's main gateway wants none).
      credentials: { accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey, sessionToken: '' },
    });
  } catch (e) {
    await rgw.stop();
    throw e;
  }
  narrator.say(`IMDS emulator (plays EC2's instance metadata service) is up at ${imds.endpoint}`);
  let stopped = false;
  return {
    rgw,
    imds,
    env: {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
      AWS_ENDPOINT_URL: rgw.endpoint,
      AWS_REGION: rgw.region,
      // keep the machine's own ~/.aws files out of the tour
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.allSettled([imds.close(), rgw.stop()]);
    },
  };
}
