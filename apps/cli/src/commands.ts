import type { Command } from './command.js';
import { explainCommand } from './commands/explain.js';
import { requestCommand } from './commands/request.js';
import { s3Command } from './commands/s3.js';
import { signCommand } from './commands/sign.js';
import { whoamiCommand } from './commands/whoami.js';

/** Every sub-command, by name. New commands (request, s3, whoami) register here. */
export const commands: ReadonlyMap<string, Command> = new Map(
  [signCommand, explainCommand, requestCommand, s3Command, whoamiCommand].map((c) => [c.name, c]),
);
