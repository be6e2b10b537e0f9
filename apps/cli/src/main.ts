import { isSigV4Error } from '@rawaws/sigv4';
import { CliError, isCliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { commands } from './commands.js';

const usage = (): string =>
  [
    'Usage: rawaws <command> [options]',
    '',
    'Commands:',
    ...[...commands.values()].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Run `rawaws <command> --help` for the options of one command.',
  ].join('\n');

/** Prints `{ "error": { "code", "message" } }` on stdout (machine-readable, as the sign contract says). */
function reportError(io: CliIo, e: unknown): number {
  if (isCliError(e) || isSigV4Error(e)) {
    io.write(`${JSON.stringify({ error: { code: e.code, message: e.message } })}\n`);
    return e.code === 'CLI_USAGE' || e.code === 'CLI_UNKNOWN_COMMAND' ? 2 : 1;
  }
  // Unknown failures: never echo the input (it may hold secrets); the message is the error's own.
  io.write(`${JSON.stringify({ error: { code: 'CLI_INTERNAL', message: e instanceof Error ? e.message : 'unexpected failure' } })}\n`);
  return 1;
}

/**
 * Runs `rawaws` with `argv` (arguments after the program name); resolves to the process exit code.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), { stdin: process.stdin, write: (s) => process.stdout.write(s), ... });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands.get(name);
  try {
    if (command === undefined) throw new CliError('CLI_UNKNOWN_COMMAND', `unknown command ${JSON.stringify(name)}; commands: ${[...commands.keys()].join(', ')}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.write(`${command.help}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    return reportError(io, e);
  }
}
