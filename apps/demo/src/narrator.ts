import type { Writable } from 'node:stream';

/** Prints the tour in plain words: numbered steps, indented details. */
export interface Narrator {
  /** Starts step `n`: `\n3. Create a bucket`. */
  step(title: string): void;
  /** An indented detail line under the current step. */
  say(text: string): void;
  /** The stream progress bars draw on (stderr when it is a terminal). */
  readonly progressStream: Writable & { isTTY?: boolean };
}

/**
 * Creates a narrator writing to `out`.
 *
 * @example
 * const n = createNarrator(process.stdout, process.stderr);
 * n.step('Credentials'); n.say('from IMDS');
 */
export function createNarrator(out: Writable, progressStream: Writable & { isTTY?: boolean }): Narrator {
  let n = 0;
  return {
    step(title) {
      n += 1;
      out.write(`\n${n}. ${title}\n`);
    },
    say(text) {
      out.write(`   ${text}\n`);
    },
    progressStream,
  };
}
