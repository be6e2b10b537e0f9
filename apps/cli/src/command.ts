import type { CliIo } from './cli-io.js';

/** One `rawaws <name>` sub-command. */
export interface Command {
  readonly name: string;
  /** One line for `rawaws --help`. */
  readonly summary: string;
  /** Full help text for `rawaws <name> --help`. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. Throws CliError/SigV4Error on failure. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
