import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { awsDate, fakeCredentials, type FakeCredentials } from './fake-credentials.js';
import { listen } from './listen.js';

/** How the emulator misbehaves during an outage. */
export type OutageMode = 'error' | 'hang';

/** Options of {@link startImdsEmulator}. */
export interface ImdsEmulatorOptions {
  /** IAM role (instance profile) name; `null` emulates an instance without a role. @default "rawaws-emulated-role" */
  roleName?: string | null;
  /** Fixed credentials to serve. @default random `ASIA…` credentials, re-issued when they expire */
  credentials?: Partial<FakeCredentials> | undefined;
  /** Lifetime of generated credentials in ms. @default 6 hours */
  credentialLifetimeMs?: number | undefined;
  /** Require an IMDSv2 token (IMDSv1 disabled on the instance, `HttpTokens=required`). @default false */
  tokenRequired?: boolean | undefined;
  /**
   * Answer the token PUT with this status instead of a token (e.g. 403/404/405 as on old or locked-down hosts).
   * @default undefined (issue tokens)
   */
  tokenStatus?: number | undefined;
  /**
   * Approximate a hop limit of 1 seen from a container: token PUTs are accepted but never answered (the reply's
   * TTL runs out on the way back), while IMDSv1 GETs still work. @default false
   */
  hopLimitExceeded?: boolean | undefined;
  /** Clock. @default Date.now */
  now?: (() => number) | undefined;
  /** Port to listen on. @default 0 (random) */
  port?: number | undefined;
  /** Loopback address to bind: `127.0.0.1` or `::1` (IPv6 mode tests). @default "127.0.0.1" */
  host?: '127.0.0.1' | '::1' | undefined;
}

/** Request counters. */
export interface ImdsStats {
  tokenRequests: number;
  roleRequests: number;
  credentialRequests: number;
  /** Requests answered 401 (missing/invalid/expired token). */
  unauthorized: number;
  /** Requests answered during an outage. */
  outageRequests: number;
  total: number;
}

/** A running IMDS emulator. */
export interface ImdsEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`: use as AWS_EC2_METADATA_SERVICE_ENDPOINT. */
  readonly endpoint: string;
  stats(): ImdsStats;
  resetStats(): void;
  /** `true`/`'error'`: answer 503 to everything; `'hang'`: accept and never answer; `false`: back to normal. */
  setOutage(outage: boolean | OutageMode): void;
  /** Replace the served credentials (fields not given are generated). */
  setCredentials(creds: Partial<FakeCredentials>): FakeCredentials;
  /** The credentials currently served. */
  currentCredentials(): FakeCredentials;
  setTokenRequired(required: boolean): void;
  setTokenStatus(status: number | undefined): void;
  setHopLimitExceeded(exceeded: boolean): void;
  setRoleName(name: string | null): void;
  close(): Promise<void>;
}

const MAX_TTL = 21600;

/**
 * Starts a loopback EC2 instance metadata service: IMDSv2 tokens (`PUT /latest/api/token` with TTLs of 1 to 21600
 * s, refused with 403 when the PUT carries `X-Forwarded-For` as real IMDS does), IMDSv1 unless `tokenRequired`,
 * role discovery and the credentials JSON, an outage switch and request counters.
 *
 * @example
 * const imds = await startImdsEmulator();
 * process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.endpoint;
 */
export async function startImdsEmulator(opts: ImdsEmulatorOptions = {}): Promise<ImdsEmulator> {
  const now = opts.now ?? Date.now;
  const lifetime = opts.credentialLifetimeMs ?? 6 * 3600_000;
  let roleName = opts.roleName === undefined ? 'rawaws-emulated-role' : opts.roleName;
  let tokenRequired = opts.tokenRequired ?? false;
  let tokenStatus = opts.tokenStatus;
  let hopLimitExceeded = opts.hopLimitExceeded ?? false;
  let outage: OutageMode | undefined;
  let fixed = opts.credentials !== undefined;
  const issue = (partial: Partial<FakeCredentials> = {}): FakeCredentials => ({ ...fakeCredentials(new Date(now() + lifetime)), ...partial });
  let creds = issue(opts.credentials);
  const tokens = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const zero = (): ImdsStats => ({ tokenRequests: 0, roleRequests: 0, credentialRequests: 0, unauthorized: 0, outageRequests: 0, total: 0 });
  let stats = zero();

  const text = (res: ServerResponse, status: number, body: string, type = 'text/plain'): void => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), server: 'EC2ws' });
    res.end(body);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    stats.total++;
    const path = new URL(req.url ?? '/', 'http://imds').pathname;
    if (outage !== undefined) {
      stats.outageRequests++;
      if (outage === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      return text(res, 503, 'Service Unavailable');
    }
    if (path === '/latest/api/token') {
      if (req.method !== 'PUT') return text(res, 405, 'Method Not Allowed');
      stats.tokenRequests++;
      if (hopLimitExceeded) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (tokenStatus !== undefined) return text(res, tokenStatus, 'token refused');
      if (req.headers['x-forwarded-for'] !== undefined) return text(res, 403, 'Forbidden');
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL) return text(res, 400, 'Bad Request');
      const token = randomBytes(32).toString('base64');
      tokens.set(token, now() + ttl * 1000);
      res.setHeader('x-aws-ec2-metadata-token-ttl-seconds', String(ttl));
      return text(res, 200, token);
    }
    if (req.method !== 'GET') return text(res, 405, 'Method Not Allowed');
    const token = req.headers['x-aws-ec2-metadata-token'];
    if (typeof token === 'string') {
      const exp = tokens.get(token);
      if (exp === undefined || exp <= now()) {
        stats.unauthorized++;
        return text(res, 401, 'Unauthorized');
      }
    } else if (tokenRequired) {
      stats.unauthorized++;
      return text(res, 401, 'Unauthorized');
    }
    const prefix = '/latest/meta-data/iam/security-credentials/';
    if (path === prefix || path === prefix.slice(0, -1)) {
      stats.roleRequests++;
      return roleName === null ? text(res, 404, 'Not Found') : text(res, 200, roleName);
    }
    if (path.startsWith(prefix)) {
      stats.credentialRequests++;
      if (roleName === null || decodeURIComponent(path.slice(prefix.length)) !== roleName) return text(res, 404, 'Not Found');
      // Like EC2, hand out fresh credentials once the old ones are near expiry (unless pinned by the test).
      if (!fixed && creds.expiration.getTime() - now() < 5 * 60_000) creds = issue();
      const body = JSON.stringify({
        Code: 'Success',
        LastUpdated: awsDate(new Date(now())),
        Type: 'AWS-HMAC',
        AccessKeyId: creds.accessKeyId,
        SecretAccessKey: creds.secretAccessKey,
        Token: creds.sessionToken,
        Expiration: awsDate(creds.expiration),
      });
      return text(res, 200, body, 'application/json');
    }
    return text(res, 404, 'Not Found');
  };

  const server = await listen(handler, { port: opts.port, host: opts.host });
  return {
    endpoint: server.origin,
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats = zero();
    },
    setOutage: (o) => {
      outage = o === false ? undefined : o === true ? 'error' : o;
      if (outage === undefined) for (const res of hanging) res.destroy();
    },
    setCredentials: (c) => {
      fixed = true;
      creds = issue(c);
      return { ...creds };
    },
    currentCredentials: () => ({ ...creds }),
    setTokenRequired: (r) => {
      tokenRequired = r;
    },
    setTokenStatus: (s) => {
      tokenStatus = s;
    },
    setHopLimitExceeded: (e) => {
      hopLimitExceeded = e;
    },
    setRoleName: (n) => {
      roleName = n;
    },
    close: () => {
      for (const res of hanging) res.destroy();
      return server.close();
    },
  };
}
