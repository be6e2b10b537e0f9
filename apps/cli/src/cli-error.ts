const kMarker = Symbol.for('rawaws.cli.error');

/** Stable codes of CLI-level failures (sigv4 errors keep their own `SIGV4_*` codes). */
export type CliErrorCode = 'CLI_USAGE' | 'CLI_UNKNOWN_COMMAND' | 'CLI_INVALID_JSON' | 'CLI_INVALID_INPUT' | 'CLI_INTERNAL';

/** A user-facing CLI failure: printed as `{ "error": { "code", "message" } }`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly [kMarker] = true;
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/** True for a CliError from any copy of the CLI. */
export const isCliError = (e: unknown): e is CliError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[kMarker] === true;
