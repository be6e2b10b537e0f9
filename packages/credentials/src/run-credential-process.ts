import { spawn } from 'node:child_process';
import { createCredentials, type RedactedCredentials } from './aws-credentials.js';
import { CredentialsError } from './errors.js';
import type { Env } from './provider.js';

/** Options of {@link runCredentialProcess}. */
export interface CredentialProcessOptions {
  /** Environment of the child process. */
  env: Env;
  /** Kill the process and fail after this many milliseconds. */
  timeoutMs: number;
  /** `source` label, e.g. `process:dev`. */
  source: string;
  /** The current time, for the expiry check. */
  now: () => number;
}

const MAX_OUTPUT = 1024 * 1024;

/**
 * Runs a `credential_process` command through the shell (as the SDKs do) and reads its Version 1 JSON
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html). Output is never quoted in
 * errors: it may hold the secret.
 */
export async function runCredentialProcess(command: string, opts: CredentialProcessOptions): Promise<RedactedCredentials> {
  const { stdout, stderr, exitCode, signal, timedOut, spawnError } = await run(command, opts);
  const where = `credential_process of ${opts.source.replace(/^process:/, 'profile ')}`;
  if (spawnError !== undefined) {
    throw new CredentialsError('CREDENTIALS_PROCESS_FAILED', `${where} could not be started (${spawnError.message})`, {
      source: opts.source,
      cause: spawnError,
    });
  }
  if (timedOut) {
    throw new CredentialsError('CREDENTIALS_PROCESS_TIMEOUT', `${where} did not finish within ${opts.timeoutMs} ms and was killed`, {
      source: opts.source,
    });
  }
  if (exitCode !== 0) {
    const tail = stderr.trim().slice(-300);
    throw new CredentialsError(
      'CREDENTIALS_PROCESS_FAILED',
      `${where} exited with ${signal ? `signal ${signal}` : `code ${exitCode}`}${tail ? `; stderr: ${tail}` : ''}`,
      { source: opts.source },
    );
  }
  const invalid = (why: string): CredentialsError =>
    new CredentialsError('CREDENTIALS_PROCESS_INVALID_OUTPUT', `${where} printed invalid output (${stdout.length} bytes): ${why}`, {
      source: opts.source,
    });
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw invalid('not JSON; expected {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...}');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid('not a JSON object');
  const o = data as Record<string, unknown>;
  if (o['Version'] !== 1) throw invalid(`"Version" must be 1, got ${JSON.stringify(o['Version'] ?? null)}`);
  for (const k of ['AccessKeyId', 'SecretAccessKey']) {
    if (typeof o[k] !== 'string' || o[k] === '') throw invalid(`"${k}" must be a non-empty string`);
  }
  for (const k of ['SessionToken', 'Expiration', 'AccountId']) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') throw invalid(`"${k}" must be a string`);
  }
  let expiration: Date | undefined;
  if (typeof o['Expiration'] === 'string') {
    expiration = new Date(o['Expiration']);
    if (Number.isNaN(expiration.getTime())) throw invalid(`"Expiration" is not an ISO-8601 date: ${JSON.stringify(o['Expiration'])}`);
    if (expiration.getTime() <= opts.now()) {
      throw new CredentialsError('CREDENTIALS_EXPIRED', `${where} returned credentials that expired at ${expiration.toISOString()}`, {
        source: opts.source,
      });
    }
  }
  return createCredentials({
    accessKeyId: o['AccessKeyId'] as string,
    secretAccessKey: o['SecretAccessKey'] as string,
    sessionToken: typeof o['SessionToken'] === 'string' ? o['SessionToken'] : undefined,
    expiration,
    accountId: typeof o['AccountId'] === 'string' ? o['AccountId'] : undefined,
    source: opts.source,
  });
}

interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  spawnError: Error | undefined;
}

function run(command: string, opts: CredentialProcessOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const isWindows = process.platform === 'win32';
    // Own process group on POSIX so a timeout kills the shell and everything it started.
    const child = spawn(command, { shell: true, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: !isWindows, windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    let spawnError: Error | undefined;
    const kill = (): void => {
      try {
        if (!isWindows && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      outLen += b.length;
      if (outLen <= MAX_OUTPUT) out.push(b);
      else kill();
    });
    child.stderr.on('data', (b: Buffer) => {
      errLen += b.length;
      if (errLen <= 64 * 1024) err.push(b);
    });
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode,
        signal,
        timedOut,
        spawnError,
      });
    });
  });
}
