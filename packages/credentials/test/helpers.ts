import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env, Logger } from '../src/provider.js';

/** A temp dir holding a fake home with `.aws/config` and `.aws/credentials`. */
export interface TempHome {
  dir: string;
  config: string;
  credentials: string;
  write(name: string, text: string): string;
  env(extra?: Env): Env;
  cleanup(): void;
}

export function tempHome(files: { config?: string; credentials?: string } = {}): TempHome {
  const dir = mkdtempSync(join(tmpdir(), 'rawaws-creds-'));
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const config = write('config', files.config ?? '');
  const credentials = write('credentials', files.credentials ?? '');
  return {
    dir,
    config,
    credentials,
    write,
    // A minimal env: never the machine's own AWS_* variables.
    env: (extra = {}) => ({ HOME: dir, PATH: process.env['PATH'], AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, ...extra }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A logger that records warnings. */
export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}

/** Collects a rejection (fails the test if the promise resolves). */
export async function rejection(p: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, unknown> & Error;
  }
  throw new Error('expected a rejection');
}
