import { execFile } from 'node:child_process';
import { RgwError } from './errors.js';

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** @default 60_000 */
  timeoutMs?: number;
  /** Words for the error message, e.g. "create the S3 user". */
  what?: string;
}

/**
 * Runs a program to completion and returns its stdout; a non-zero exit becomes an {@link RgwError}
 * `RGW_START_FAILED` carrying the command line and the end of stderr.
 */
export function runCommand(file: string, args: readonly string[], opts: RunCommandOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: opts.env ?? process.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const tail = `${stderr}${stdout}`.trim().split('\n').slice(-15).join('\n');
        reject(
          new RgwError(
            'RGW_START_FAILED',
            `Failed to ${opts.what ?? 'run a command'}: \`${[file, ...args].join(' ')}\` ${
              error.killed ? `timed out after ${opts.timeoutMs ?? 60_000} ms` : `exited with ${String(error.code)}`
            }${tail === '' ? '' : `:\n${tail}`}`,
            { cause: error },
          ),
        );
      },
    );
  });
}
