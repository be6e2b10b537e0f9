import type { IncomingMessage, ServerResponse } from 'node:http';
import { awsDate, fakeCredentials, type FakeCredentials } from './fake-credentials.js';
import { listen } from './listen.js';

/** Options of {@link startContainerEmulator}. */
export interface ContainerEmulatorOptions {
  /** Required `Authorization` header value; `null` accepts requests without one. @default a random token */
  authorizationToken?: string | null;
  /** Path that serves credentials. @default "/v2/credentials/rawaws-emulated" */
  path?: string | undefined;
  /** Fixed credentials. @default random, re-issued when near expiry */
  credentials?: Partial<FakeCredentials> | undefined;
  /** Lifetime of generated credentials in ms. @default 6 hours */
  credentialLifetimeMs?: number | undefined;
  /** Account id to include as `AccountId`. @default undefined */
  accountId?: string | undefined;
  /** Clock. @default Date.now */
  now?: (() => number) | undefined;
}

/** A running container-credentials endpoint. */
export interface ContainerEmulator {
  /** Full credentials URL: use as AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  readonly url: string;
  /** The token clients must send, or null. */
  readonly authorizationToken: string | null;
  stats(): { requests: number; unauthorized: number; total: number };
  /** `true` answers 500 with an AWS-style JSON error. */
  setOutage(outage: boolean): void;
  currentCredentials(): FakeCredentials;
  close(): Promise<void>;
}

/**
 * Starts a loopback ECS / EKS Pod Identity credentials endpoint that checks the `Authorization` header and answers
 * `{ AccessKeyId, SecretAccessKey, Token, Expiration }` like the real agents.
 *
 * @example
 * const c = await startContainerEmulator();
 * env.AWS_CONTAINER_CREDENTIALS_FULL_URI = c.url; env.AWS_CONTAINER_AUTHORIZATION_TOKEN = c.authorizationToken;
 */
export async function startContainerEmulator(opts: ContainerEmulatorOptions = {}): Promise<ContainerEmulator> {
  const now = opts.now ?? Date.now;
  const lifetime = opts.credentialLifetimeMs ?? 6 * 3600_000;
  const token = opts.authorizationToken === undefined ? `emu-${Math.random().toString(36).slice(2)}` : opts.authorizationToken;
  const path = opts.path ?? '/v2/credentials/rawaws-emulated';
  const fixed = opts.credentials !== undefined;
  const issue = (): FakeCredentials => ({ ...fakeCredentials(new Date(now() + lifetime)), ...opts.credentials });
  let creds = issue();
  let outage = false;
  const stats = { requests: 0, unauthorized: 0, total: 0 };

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    stats.total++;
    if (outage) return json(res, 500, { Code: 'InternalError', Message: 'emulated outage' });
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://c').pathname !== path) {
      return json(res, 404, { Code: 'NotFound', Message: 'no such credentials path' });
    }
    if (token !== null && req.headers['authorization'] !== token) {
      stats.unauthorized++;
      return json(res, 401, { Code: 'AccessDeniedException', Message: 'Authorization header missing or wrong' });
    }
    stats.requests++;
    if (!fixed && creds.expiration.getTime() - now() < 5 * 60_000) creds = issue();
    return json(res, 200, {
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      Token: creds.sessionToken,
      Expiration: awsDate(creds.expiration),
      ...(opts.accountId === undefined ? {} : { AccountId: opts.accountId }),
    });
  };
  const server = await listen(handler);
  return {
    url: `${server.origin}${path}`,
    authorizationToken: token,
    stats: () => ({ ...stats }),
    setOutage: (o) => {
      outage = o;
    },
    currentCredentials: () => ({ ...creds }),
    close: () => server.close(),
  };
}
