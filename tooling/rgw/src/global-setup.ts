import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { s3TargetFromEnv, type S3TestTarget } from './s3-target.js';
import { startRgw, type RgwInstance } from './start-rgw.js';

export type { S3TestTarget } from './s3-target.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The S3 server of this run; see `@rawaws/rgw/global-setup`. */
    s3: S3TestTarget;
  }
}

interface Shared {
  refs: number;
  instance: Promise<RgwInstance> | undefined;
}

// vitest runs each project's global setup in the main process, possibly loading this module once per project:
// one RGW for the whole run, counted by references on a process-wide slot
const kShared = Symbol.for('rawaws.rgw.global-setup');
const shared: Shared = ((globalThis as Record<symbol, unknown>)[kShared] as Shared | undefined) ?? { refs: 0, instance: undefined };
(globalThis as Record<symbol, unknown>)[kShared] = shared;

const say = (line: string): void => void process.stderr.write(`[@rawaws/rgw] ${line}\n`);

/** The {@link S3TestTarget} of a launched RGW. */
export function targetOf(rgw: RgwInstance): S3TestTarget {
  return {
    source: 'rgw',
    endpoint: rgw.endpoint,
    region: rgw.region,
    accessKeyId: rgw.accessKeyId,
    secretAccessKey: rgw.secretAccessKey,
    rgw: {
      alt: { accessKeyId: rgw.users.alt.accessKeyId, secretAccessKey: rgw.users.alt.secretAccessKey, arn: rgw.users.alt.arn },
      stsEndpoint: rgw.stsEndpoint,
      roleArn: rgw.role.arn,
      locationConstraint: rgw.locationConstraint,
      dir: rgw.dir,
    },
  };
}

/**
 * Vitest global setup: provides `inject('s3')` to the tests. Uses the server named by `S3_ENDPOINT` (see
 * {@link s3TargetFromEnv}) when set; otherwise starts one throw-away RGW for the whole run (shared by every
 * project that lists this file) and stops it when the last project tears down.
 *
 * @example
 * // vitest.config.ts
 * export default defineProject({ test: { name: 's3', globalSetup: ['@rawaws/rgw/global-setup'] } });
 * // a test
 * import { inject } from 'vitest';
 * import type {} from '@rawaws/rgw/global-setup';
 * const { endpoint, accessKeyId, secretAccessKey, region } = inject('s3');
 */
export default async function setup(project: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
  const external = s3TargetFromEnv(process.env);
  if (external !== undefined) {
    project.provide('s3', external);
    return async () => {};
  }
  shared.refs++;
  const started = (shared.instance ??= (async () => {
    const rgw = await startRgw({ log: (line) => line.startsWith('install') || line.startsWith('download') || line.startsWith('unpack') ? say(line) : undefined });
    say(`RGW on ${rgw.endpoint} (ready in ${rgw.timings.ready} ms, dir ${rgw.dir})`);
    return rgw;
  })());
  let rgw: RgwInstance;
  try {
    rgw = await started;
  } catch (e) {
    shared.refs--;
    shared.instance = undefined;
    throw e;
  }
  project.provide('s3', targetOf(rgw));
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--shared.refs > 0) return;
    shared.instance = undefined;
    await rgw.stop();
  };
}
