import { isAwsServiceError } from '@rawaws/client';
import { isCliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';

/** One readable line for any failure: the error's name, its stable code, the HTTP status for AWS errors. */
export function describeError(e: unknown): string {
  if (isAwsServiceError(e)) return `AwsServiceError [${e.code}] (HTTP ${e.status}${e.requestId === undefined ? '' : `, request id ${e.requestId}`}): ${e.message}`;
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return `${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${e.message}`;
  }
  return String(e);
}

/**
 * Runs an AWS command and prints failures for people, on stderr: `rawaws s3 cp: S3Error [S3_INVALID_KEY]: …`.
 * Usage errors exit 2 (with a hint to `--help`), everything else 1.
 */
export async function withHumanErrors(io: CliIo, command: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    io.writeError(`rawaws ${command}: ${describeError(e)}\n`);
    if (isCliError(e) && e.code === 'CLI_USAGE') {
      io.writeError(`Run \`rawaws ${command.split(' ')[0] ?? command} --help\` for the options.\n`);
      return 2;
    }
    return 1;
  }
}
