#!/usr/bin/env node
// rawaws-rgw: start/stop a throw-away RGW from the shell (the demo, manual testing).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { isRgwError } from './errors.js';
import { startRgw, type RgwInstance } from './start-rgw.js';
import { stopRgw } from './stop-rgw.js';

const USAGE = `Usage: rawaws-rgw <command>
  start [--json]        start RGW in the background and print its settings as shell exports
                        (eval "$(rawaws-rgw start)") or as JSON; it runs until 'stop'
  stop [DIR]            stop the RGW whose directory is DIR (default: $RGW_DIR)
  run -- CMD [ARGS...]  start RGW, run CMD with S3_ENDPOINT etc. in its environment, stop RGW, exit with CMD's code
Environment of the started server: S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION, RGW_DIR,
RGW_ALT_ACCESS_KEY_ID, RGW_ALT_SECRET_ACCESS_KEY, RGW_STS_ENDPOINT, RGW_ROLE_ARN.`;

/** The environment variables that describe a running instance. */
function envOf(rgw: RgwInstance): Record<string, string> {
  return {
    S3_ENDPOINT: rgw.endpoint,
    S3_ACCESS_KEY_ID: rgw.accessKeyId,
    S3_SECRET_ACCESS_KEY: rgw.secretAccessKey,
    S3_REGION: rgw.region,
    RGW_DIR: rgw.dir,
    RGW_ALT_ACCESS_KEY_ID: rgw.users.alt.accessKeyId,
    RGW_ALT_SECRET_ACCESS_KEY: rgw.users.alt.secretAccessKey,
    RGW_STS_ENDPOINT: rgw.stsEndpoint,
    RGW_ROLE_ARN: rgw.role.arn,
  };
}

const log = (line: string): void => void process.stderr.write(`rawaws-rgw: ${line}\n`);
const quote = (v: string): string => `'${v.replaceAll("'", "'\\''")}'`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'start') {
    const rgw = await startRgw({ stopWithProcess: false, log });
    const env = envOf(rgw);
    writeFileSync(join(rgw.dir, 'env.json'), `${JSON.stringify(env, null, 2)}\n`);
    process.stdout.write(
      rest.includes('--json')
        ? `${JSON.stringify({ ...env, timings: rgw.timings, pids: rgw.pids }, null, 2)}\n`
        : Object.entries(env).map(([k, v]) => `export ${k}=${quote(v)}\n`).join(''),
    );
    log(`ready in ${rgw.timings.ready} ms; stop with: rawaws-rgw stop ${rgw.dir}`);
    return 0;
  }
  if (command === 'stop') {
    const dir = rest[0] ?? process.env.RGW_DIR;
    if (dir === undefined || dir === '') {
      log('stop needs the RGW directory: rawaws-rgw stop DIR (or set RGW_DIR)');
      return 2;
    }
    const killed = await stopRgw(dir);
    log(`stopped ${killed.map((d) => `${d.name} (${d.pid})`).join(', ') || 'nothing (already stopped)'}`);
    return 0;
  }
  if (command === 'run') {
    const cmd = rest[0] === '--' ? rest.slice(1) : rest;
    const [file, ...args] = cmd;
    if (file === undefined) {
      log('run needs a command: rawaws-rgw run -- CMD [ARGS...]');
      return 2;
    }
    const rgw = await startRgw({ log });
    try {
      return await new Promise<number>((resolve, reject) => {
        const child = spawn(file, args, { stdio: 'inherit', env: { ...process.env, ...envOf(rgw) } });
        // pass SIGINT/SIGTERM on to the command (the exit hooks have stopped RGW by then), so nothing outlives us
        const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
        process.on('SIGINT', forward).on('SIGTERM', forward);
        child.once('error', reject);
        child.once('exit', (code, signal) => {
          process.off('SIGINT', forward).off('SIGTERM', forward);
          resolve(code ?? 128 + (signal === null ? 0 : (osConstants.signals[signal] ?? 0)));
        });
      });
    } finally {
      await rgw.stop();
    }
  }
  process.stderr.write(`${USAGE}\n`);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    log(isRgwError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
