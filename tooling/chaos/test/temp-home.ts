import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away home with its own AWS config files and an env that never includes the machine's AWS_* variables. */
export interface TempHome {
  dir: string;
  write(name: string, text: string): string;
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  cleanup(): void;
}

export function tempHome(files: { config?: string; credentials?: string } = {}): TempHome {
  const dir = mkdtempSync(join(tmpdir(), 'rawaws-chaos-'));
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const config = write('config', files.config ?? '');
  const credentials = write('credentials', files.credentials ?? '');
  return {
    dir,
    write,
    env: (extra = {}) => ({ HOME: dir, PATH: process.env['PATH'], AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, ...extra }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
