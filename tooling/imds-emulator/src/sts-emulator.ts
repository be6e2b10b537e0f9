import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyRequest } from '@rawaws/sigv4';
import { fakeCredentials, type FakeCredentials } from './fake-credentials.js';
import { listen, readBody } from './listen.js';
import { assumeRoleXml, callerIdentityXml, errorXml } from './sts-xml.js';

/** A long-term key the emulator trusts (an IAM user's). */
export interface StsKey {
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** Caller ARN reported by GetCallerIdentity. @default arn:aws:iam::<account>:user/emulated */
  arn?: string | undefined;
}

/** Per-role requirements. */
export interface StsRole {
  /** AssumeRole must carry this ExternalId. */
  externalId?: string | undefined;
  /** AssumeRole must carry this SerialNumber and `mfaCode` as TokenCode. */
  mfaSerial?: string | undefined;
  mfaCode?: string | undefined;
}

/** Options of {@link startStsEmulator}. */
export interface StsEmulatorOptions {
  /** Access key id -> secret. Credentials the emulator issues are trusted automatically (chained roles). */
  keys?: Record<string, string | StsKey> | undefined;
  /** Known roles; when given, any other RoleArn is AccessDenied. @default any well-formed role ARN */
  roles?: Record<string, StsRole> | undefined;
  /** Web identity tokens AssumeRoleWithWebIdentity accepts. @default any non-empty token */
  webIdentityTokens?: readonly string[] | undefined;
  /** Region in the credential scope. @default any */
  region?: string | undefined;
  /** Clock. @default Date.now */
  now?: (() => number) | undefined;
}

/** One call as the emulator saw it. WebIdentityToken and TokenCode values are kept: they are test fixtures. */
export interface StsCall {
  action: string;
  params: Record<string, string>;
  /** The signing key id (signed calls only). */
  accessKeyId: string | undefined;
  status: number;
  /** The access key id of the credentials this call issued (successful Assume* calls). */
  issuedAccessKeyId?: string | undefined;
}

/** A running STS emulator. */
export interface StsEmulator {
  /** `http://127.0.0.1:<port>`: use as AWS_ENDPOINT_URL_STS or `stsEndpoint`. */
  readonly endpoint: string;
  calls(): readonly StsCall[];
  stats(): { total: number; byAction: Record<string, number>; rejected: number };
  /** Credentials issued so far, by access key id. */
  issued(): ReadonlyMap<string, FakeCredentials>;
  close(): Promise<void>;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * Starts a loopback STS speaking the Query protocol: AssumeRole and GetCallerIdentity (SigV4 verified against the
 * known keys and the credentials it issued, session token included), and AssumeRoleWithWebIdentity (unsigned).
 * Responses and errors are XML shaped like STS's.
 *
 * @example
 * const sts = await startStsEmulator({ keys: { AKIDEXAMPLE: 'secret' } });
 * const creds = await fromIni({ stsEndpoint: sts.endpoint })();
 */
export async function startStsEmulator(opts: StsEmulatorOptions = {}): Promise<StsEmulator> {
  const now = opts.now ?? Date.now;
  const keys = new Map<string, StsKey>();
  for (const [id, v] of Object.entries(opts.keys ?? {})) keys.set(id, typeof v === 'string' ? { secretAccessKey: v } : v);
  const issued = new Map<string, FakeCredentials>();
  const arnOf = new Map<string, string>();
  const calls: StsCall[] = [];
  const stats = { total: 0, byAction: {} as Record<string, number>, rejected: 0 };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.total++;
    const requestId = randomUUID();
    const body = await readBody(req);
    const params: Record<string, string> = {};
    const query = req.method === 'POST' ? body : new URL(req.url ?? '/', 'http://sts').search.slice(1);
    for (const [k, v] of new URLSearchParams(query)) params[k] = v;
    const action = params['Action'] ?? '';
    stats.byAction[action] = (stats.byAction[action] ?? 0) + 1;
    let accessKeyId: string | undefined;
    const send = (status: number, xml: string, issuedAccessKeyId?: string): void => {
      if (status >= 400) stats.rejected++;
      calls.push({ action, params, accessKeyId, status, ...(issuedAccessKeyId === undefined ? {} : { issuedAccessKeyId }) });
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(xml) });
      res.end(xml);
    };
    const fail = (status: number, code: string, message: string): void =>
      send(status, errorXml(status >= 500 ? 'Receiver' : 'Sender', code, message, requestId));

    if (params['Version'] !== '2011-06-15') return fail(400, 'InvalidAction', `Could not find operation ${action} for version ${params['Version'] ?? '(none)'}`);
    if (action === 'AssumeRole' || action === 'GetCallerIdentity') {
      const verdict = await verifyRequest(
        { method: req.method ?? 'GET', url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, headers: req.headers as Record<string, string | string[]>, body },
        {
          service: 'sts',
          now: new Date(now()),
          ...(opts.region === undefined ? {} : { region: opts.region }),
          lookupSecret: (id) => {
            const k = keys.get(id);
            if (k !== undefined) return { secretAccessKey: k.secretAccessKey, sessionToken: k.sessionToken };
            const c = issued.get(id);
            return c === undefined ? undefined : { secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
          },
        },
      );
      accessKeyId = verdict.accessKeyId;
      if (!verdict.valid) {
        if (verdict.reason === 'MISSING_AUTHORIZATION') return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
        if (verdict.reason === 'UNKNOWN_ACCESS_KEY' || verdict.reason === 'INVALID_SECURITY_TOKEN') {
          return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
        }
        if (verdict.reason === 'EXPIRED') return fail(403, 'ExpiredToken', 'The security token included in the request is expired');
        return fail(403, 'SignatureDoesNotMatch', `The request signature we calculated does not match the signature you provided (${verdict.reason}).`);
      }
      const c = issued.get(verdict.accessKeyId);
      if (c !== undefined && c.expiration.getTime() <= now()) return fail(403, 'ExpiredToken', 'The security token included in the request is expired');
    }
    if (action === 'GetCallerIdentity') {
      const id = accessKeyId ?? '';
      const arn = arnOf.get(id) ?? keys.get(id)?.arn ?? 'arn:aws:iam::123456789012:user/emulated';
      return send(200, callerIdentityXml(arn, arn.split(':')[4] ?? '123456789012', `AIDAEMULATED${id.slice(-4)}`, requestId));
    }
    if (action !== 'AssumeRole' && action !== 'AssumeRoleWithWebIdentity') return fail(400, 'InvalidAction', `Could not find operation ${action}`);

    const roleArn = params['RoleArn'] ?? '';
    const m = ROLE_ARN.exec(roleArn);
    if (m === null) return fail(400, 'ValidationError', `${roleArn || 'RoleArn'} is invalid`);
    const session = params['RoleSessionName'] ?? '';
    if (!SESSION_NAME.test(session)) return fail(400, 'ValidationError', "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint");
    const duration = params['DurationSeconds'] === undefined ? 3600 : Number(params['DurationSeconds']);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      return fail(400, 'ValidationError', "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint");
    }
    const role = opts.roles?.[roleArn];
    if (opts.roles !== undefined && role === undefined) return fail(403, 'AccessDenied', `Not authorized to perform sts:${action} on ${roleArn}`);
    let extra = '';
    if (action === 'AssumeRole') {
      if (role?.externalId !== undefined && params['ExternalId'] !== role.externalId) {
        return fail(403, 'AccessDenied', `Not authorized to perform sts:AssumeRole on ${roleArn} (ExternalId)`);
      }
      if (role?.mfaSerial !== undefined && (params['SerialNumber'] !== role.mfaSerial || params['TokenCode'] !== role.mfaCode)) {
        return fail(403, 'AccessDenied', `MultiFactorAuthentication failed with invalid MFA one time pass code.`);
      }
    } else {
      const token = params['WebIdentityToken'] ?? '';
      if (token === '' || (opts.webIdentityTokens !== undefined && !opts.webIdentityTokens.includes(token))) {
        return fail(400, 'InvalidIdentityToken', 'Couldn\'t retrieve verification key from your identity provider');
      }
      extra = '<SubjectFromWebIdentityToken>emulated-subject</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience>';
    }
    const creds = fakeCredentials(new Date(Math.floor(now() / 1000) * 1000 + duration * 1000));
    issued.set(creds.accessKeyId, creds);
    const assumed = `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${session}`;
    arnOf.set(creds.accessKeyId, assumed);
    return send(200, assumeRoleXml(action, creds, assumed, requestId, extra), creds.accessKeyId);
  };
  const server = await listen(handler);
  return {
    endpoint: server.origin,
    calls: () => [...calls],
    stats: () => ({ total: stats.total, byAction: { ...stats.byAction }, rejected: stats.rejected }),
    issued: () => new Map(issued),
    close: () => server.close(),
  };
}
