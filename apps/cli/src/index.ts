export { main } from './main.js';
export { commands } from './commands.js';
export { CliError, isCliError } from './cli-error.js';
export type { CliErrorCode } from './cli-error.js';
export type { CliIo } from './cli-io.js';
export type { Command } from './command.js';
export type { SignInput, SignOutput } from './sign-input.js';
