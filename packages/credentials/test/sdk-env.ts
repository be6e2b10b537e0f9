import type { Env } from '../src/provider.js';

const OWNED = /^(AWS_|HOME$|USERPROFILE$|HOMEPATH$|HOMEDRIVE$)/;

/**
 * Runs `fn` with `process.env` holding exactly `env` for the AWS_* and home variables, for the AWS SDK's providers
 * (which read `process.env` only). The SDK's IMDS and container providers are kept off the network by the callers.
 */
export async function withProcessEnv<T>(env: Env, fn: () => Promise<T>): Promise<T> {
  const saved: Env = {};
  for (const k of Object.keys(process.env)) {
    if (OWNED.test(k)) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined && OWNED.test(k)) process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (OWNED.test(k)) delete process.env[k];
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  }
}

/** The comparable part of a credentials result. */
export type Outcome =
  | { ok: true; accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined; expiration: string | undefined }
  | { ok: false };

/** Settles a provider call into an {@link Outcome}. */
export async function outcome(p: Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined; expiration?: Date | undefined }>): Promise<Outcome> {
  try {
    const c = await p;
    return { ok: true, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration?.toISOString() };
  } catch {
    return { ok: false };
  }
}
