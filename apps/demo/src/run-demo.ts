import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { startLocalStack, type LocalStack } from './local-stack.js';
import { createNarrator } from './narrator.js';
import { runTour } from './tour.js';

/** Where `runDemo` reads and writes. */
export interface DemoIo {
  readonly argv: readonly string[];
  readonly env: Record<string, string | undefined>;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
}

const HELP = `rawaws demo: a short tour of rawaws

Usage: pnpm demo [--aws] [--size MiB]

Without --aws, starts a throw-away Ceph RGW (S3) and an IMDS emulator on 127.0.0.1, runs the tour against them
and stops both. With --aws (or RAWAWS_DEMO_TARGET=aws), runs the same tour against real AWS with your default
credentials and region; it creates one bucket named rawaws-demo-* and deletes it at the end. No endpoint
override (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3...) may be set then.

Options:
  --aws          run against real AWS instead of the local servers
  --size MiB     size of the multipart object (default 24)
  -h, --help     show this help
`;

/**
 * Runs the demo and resolves with the process exit code (0 ok, 1 failure, 2 usage, 130 interrupted).
 * SIGINT/SIGTERM abort the tour; its clean-up and the servers' shutdown still run.
 *
 * @example
 * process.exitCode = await runDemo({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function runDemo(io: DemoIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...io.argv],
      options: { aws: { type: 'boolean' }, size: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (e) {
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  if (args.help === true) {
    io.stdout.write(HELP);
    return 0;
  }
  const sizeMiB = args.size === undefined ? 24 : Number(args.size);
  if (!Number.isInteger(sizeMiB) || sizeMiB < 6 || sizeMiB > 4096) {
    io.stderr.write(`Invalid --size ${args.size ?? ''}: use a whole number of MiB from 6 to 4096 (multipart needs more than one 5 MiB part).\n`);
    return 2;
  }
  const aws = args.aws === true || io.env['RAWAWS_DEMO_TARGET'] === 'aws';
  if (aws) {
    const override = Object.keys(io.env).find((k) => k.startsWith('AWS_ENDPOINT_URL') && io.env[k] !== '');
    if (override !== undefined) {
      io.stderr.write(`--aws runs against real AWS, but ${override} is set: unset it, or run without --aws for the local servers.\n`);
      return 2;
    }
  }

  const narrator = createNarrator(io.stdout, io.stderr);
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    io.stderr.write(`\n${signal}: stopping after clean-up...\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let stack: LocalStack | undefined;
  try {
    io.stdout.write(aws ? 'rawaws tour against real AWS\n' : 'rawaws tour against a local Ceph RGW and an IMDS emulator\n');
    let env: Record<string, string | undefined> = io.env;
    if (!aws) {
      stack = await startLocalStack(narrator, { signal: controller.signal });
      env = { ...withoutAwsSettings(io.env), ...stack.env };
    }
    await runTour({ env, local: !aws, narrator, signal: controller.signal, multipartBytes: sizeMiB * 2 ** 20 });
    io.stdout.write('\nDone: every step worked and nothing was left behind.\n');
    return 0;
  } catch (e) {
    if (controller.signal.aborted) {
      io.stderr.write('Interrupted.\n');
      return 130;
    }
    io.stderr.write(`\nThe tour failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
    return 1;
  } finally {
    if (stack !== undefined) {
      await stack.stop();
      io.stdout.write('Local servers stopped.\n');
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The caller's env minus anything that would point the local tour elsewhere (keys, profiles, endpoints). */
function withoutAwsSettings(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('AWS_')) out[k] = v;
  return out;
}
