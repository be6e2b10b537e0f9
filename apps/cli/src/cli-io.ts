/** Where a command reads and writes; `process` in the bin, in-memory in tests. */
export interface CliIo {
  readonly stdin: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  write(text: string): void;
  writeError(text: string): void;
  /** Environment, for commands that read AWS_* settings. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Reads all of stdin as UTF-8 text. */
export async function readAll(stdin: CliIo['stdin']): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
