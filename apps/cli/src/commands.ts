import type { Command } from './command.js';
import { explainCommand } from './commands/explain.js';
import { signCommand } from './commands/sign.js';

/** Every sub-command, by name. New commands (request, s3, whoami) register here. */
export const commands: ReadonlyMap<string, Command> = new Map([signCommand, explainCommand].map((c) => [c.name, c]));
