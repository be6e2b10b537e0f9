import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cephConfig, monAddress } from './ceph-config.js';
import { ensureCephBinaries, type EnsureCephBinariesOptions } from './ceph-binaries.js';
import { spawnDaemon, type Daemon } from './daemon.js';
import { RgwError } from './errors.js';
import { startWatchdog, trackCluster, untrackCluster } from './exit-hooks.js';
import { freePorts } from './free-ports.js';
import { runCommand } from './run-command.js';
import { stopRgw, stopRgwSync } from './stop-rgw.js';
import { createUsers, type RgwRole, type RgwUser } from './rgw-users.js';
import { waitUntil } from './wait-until.js';

/** Options of {@link startRgw}. */
export interface StartRgwOptions {
  /** Access key of the main S3 user. @default 20 random upper-case letters and digits */
  accessKeyId?: string;
  /** Secret key of the main S3 user. @default 40 random characters */
  secretAccessKey?: string;
  /** Region to report; RGW accepts any region in the credential scope. @default 'us-east-1' */
  region?: string;
  /** radosgw port on 127.0.0.1. @default a free port */
  port?: number;
  /** Seconds per lifecycle "day" (`rgw lc debug interval`). @default 10 */
  lcDebugInterval?: number;
  /** memstore size in bytes; objects live in RAM. @default 2 GiB */
  memstoreBytes?: number;
  /**
   * Stop the cluster when this process exits or is killed (exit/signal hooks plus a watchdog that survives
   * SIGKILL). Turn off only to leave the cluster running for another process (the CLI's `start`). @default true
   */
  stopWithProcess?: boolean;
  /** How to find or install the Ceph programs. */
  binaries?: EnsureCephBinariesOptions;
  /** Progress lines. @default no output */
  log?: (line: string) => void;
  /** Give up starting after this long (installing is not counted). @default 60000 */
  timeoutMs?: number;
}

/** A running throw-away RGW. */
export interface RgwInstance {
  /**
   * `http://127.0.0.1:<port>`: S3, IAM and the STS actions; a bad signature gets SignatureDoesNotMatch as on AWS,
   * STS session credentials are refused (InvalidAccessKeyId).
   */
  endpoint: string;
  port: number;
  /**
   * A second gateway on the same cluster that also accepts STS session credentials (AssumeRole,
   * GetSessionToken) for S3 and IAM. Bad signatures get AccessDenied here (RGW 16 with STS auth on).
   */
  stsEndpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every user created: `main` (the keys above; IAM caps for roles and user policies) and `alt` (no caps). */
  users: { main: RgwUser; alt: RgwUser };
  /** A role both users may assume with STS AssumeRole; its policy allows `s3:*`. */
  role: RgwRole;
  /** The LocationConstraint RGW accepts in CreateBucket: its zonegroup's API name (`default`), not the region. */
  locationConstraint: string;
  /** Working directory: ceph.conf, logs (`log/`), the `pids` file. Deleted by `stop()`. */
  dir: string;
  /** Milliseconds from the call to each step. */
  timings: { binaries: number; monUp: number; osdUp: number; rgwUp: number; ready: number };
  pids: { mon: number; osd: number; rgw: number; rgwSts: number };
  /** Kills the daemons by recorded pid and deletes `dir`. Idempotent. */
  stop(): Promise<void>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Random string over `alphabet` (whose length divides 256, so there is no modulo bias). */
export const randomKey = (length: number, alphabet: string): string =>
  Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');

function validate(opts: StartRgwOptions): void {
  const bad = (what: string, value: unknown, hint: string): never => {
    throw new RgwError('RGW_INVALID_OPTION', `Invalid ${what}: ${JSON.stringify(value)}; ${hint}`);
  };
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536)) {
    bad('port', opts.port, 'use an integer 1..65535 or leave it out for a free port');
  }
  if (opts.accessKeyId !== undefined && !/^[A-Za-z0-9]{3,128}$/.test(opts.accessKeyId)) {
    bad('accessKeyId', opts.accessKeyId, 'use 3..128 letters and digits');
  }
  // the secret is never echoed: only its length is
  if (opts.secretAccessKey !== undefined && !/^[\x21-\x7e]{8,128}$/.test(opts.secretAccessKey)) {
    bad('secretAccessKey (length)', opts.secretAccessKey.length, 'use 8..128 printable ASCII characters without spaces');
  }
  if (opts.lcDebugInterval !== undefined && !(Number.isInteger(opts.lcDebugInterval) && opts.lcDebugInterval > 0)) {
    bad('lcDebugInterval', opts.lcDebugInterval, 'use a positive whole number of seconds');
  }
  if (opts.memstoreBytes !== undefined && !(Number.isInteger(opts.memstoreBytes) && opts.memstoreBytes >= 2 ** 28)) {
    bad('memstoreBytes', opts.memstoreBytes, 'use at least 268435456 (256 MiB)');
  }
}

const tcpOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

const httpOk = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
    req.end();
  });

/**
 * Starts a throw-away Ceph cluster (1 mon, 1 memstore OSD, no mgr) and a radosgw on 127.0.0.1 with free ports
 * and a fresh temp dir, creates the S3 users, and returns the endpoint and keys. About 2 s when the programs are
 * installed; missing programs are installed first (see {@link ensureCephBinaries}).
 *
 * @example
 * const rgw = await startRgw();
 * try { console.log(rgw.endpoint, rgw.accessKeyId); } finally { await rgw.stop(); }
 */
export async function startRgw(opts: StartRgwOptions = {}): Promise<RgwInstance> {
  validate(opts);
  const t0 = performance.now();
  const ms = (): number => Math.round(performance.now() - t0);
  const log = opts.log ?? (() => {});
  const bins = await ensureCephBinaries({ log, ...opts.binaries });
  const binaries = ms();
  const tStart = performance.now();
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const left = (): number => Math.max(1000, Math.round(timeoutMs - (performance.now() - tStart)));

  const [monPortV1, monPortV2, freeRgwPort, stsPort] = await freePorts(4);
  if (monPortV1 === undefined || monPortV2 === undefined || freeRgwPort === undefined || stsPort === undefined) {
    throw new RgwError('RGW_START_FAILED', 'Could not find four free ports on 127.0.0.1');
  }
  const port = opts.port ?? freeRgwPort;
  const dir = mkdtempSync(join(tmpdir(), 'rawaws-rgw-'));
  const stopWithProcess = opts.stopWithProcess ?? true;
  if (stopWithProcess) {
    trackCluster(dir);
    startWatchdog(dir, process.pid);
  }
  try {
    for (const sub of ['mon/ceph-a', 'osd/ceph-0', 'run', 'log', 'rgw']) mkdirSync(join(dir, sub), { recursive: true });
    const fsid = randomUUID();
    const conf = join(dir, 'ceph.conf');
    writeFileSync(
      conf,
      cephConfig({
        fsid,
        dir,
        monPortV1,
        monPortV2,
        rgwPort: port,
        stsPort,
        stsKey: randomKey(16, ALNUM),
        lcDebugInterval: opts.lcDebugInterval ?? 10,
        memstoreBytes: opts.memstoreBytes ?? 2 * 1024 ** 3,
        extraGlobal: bins.extraGlobal,
      }),
    );
    const env = bins.env;
    const pidsFile = join(dir, 'pids');
    const logDir = join(dir, 'log');
    const daemon = (name: string, file: string, args: string[], label = name): Daemon =>
      spawnDaemon(name, file, ['-c', conf, ...args, '-f'], { env, logFile: join(logDir, `${label}.stdout`), pidsFile });
    const run = (file: string, args: string[], what: string): Promise<string> =>
      runCommand(file, ['-c', conf, ...args], { env, what, timeoutMs: left() });

    const monmap = join(dir, 'monmap');
    await runCommand('monmaptool', ['--create', '--fsid', fsid, '--addv', 'a', monAddress({ monPortV1, monPortV2 }), monmap], {
      env,
      what: 'create the monmap',
    });
    await run('ceph-mon', ['--mkfs', '-i', 'a', '--monmap', monmap], 'create the monitor store');
    const mon = daemon('ceph-mon', 'ceph-mon', ['-i', 'a']);
    await waitUntil('ceph-mon to listen', () => tcpOpen(monPortV2), { timeoutMs: left(), watch: [mon], logDir });
    const monUp = ms();
    log(`mon up on ${monPortV2}/${monPortV1} after ${monUp} ms`);

    const osdUuid = randomUUID();
    const osdId = (await run('ceph', ['--connect-timeout', '30', 'osd', 'new', osdUuid], 'register the OSD')).trim();
    await run('ceph-osd', ['-i', osdId, '--mkfs', '--osd-uuid', osdUuid], 'create the OSD store');
    const osd = daemon('ceph-osd', 'ceph-osd', ['-i', osdId]);

    // radosgw started before the OSD is up stalls ~5 s (the objecter's resend tick). The OSD's own log says when it
    // is up; reading it is far cheaper than polling `ceph osd stat` (a Python start per poll).
    const osdLog = join(logDir, `osd.${osdId}.log`);
    await waitUntil(`osd.${osdId} to become active`, async () => (await readFile(osdLog, 'utf8')).includes('state: booting -> active'), {
      timeoutMs: left(),
      intervalMs: 20,
      watch: [mon, osd],
      logDir,
    });
    const osdUp = ms();
    log(`osd.${osdId} up after ${osdUp} ms`);
    const rgw = daemon('radosgw', 'radosgw', ['-n', 'client.rgw.a'], 'rgw.a');
    const waitHttp = (p: number, watch: Daemon[]): Promise<void> =>
      waitUntil(`radosgw on 127.0.0.1:${p}`, () => httpOk(p), { timeoutMs: left(), intervalMs: 20, watch, logDir });
    await waitHttp(port, [mon, osd, rgw]);
    // the second gateway starts once the first has created the pools and the default zone: two gateways
    // creating them at the same time collide and one of them stalls for ~5 s
    const rgwSts = daemon('radosgw', 'radosgw', ['-n', 'client.rgw.sts'], 'rgw.sts');
    const rgwUp = ms();
    log(`radosgw answering on ${port} after ${rgwUp} ms`);

    const created = createUsers((args, what) => run('radosgw-admin', args, what), {
      accessKeyId: opts.accessKeyId ?? `RGW${randomKey(17, ALNUM)}`,
      secretAccessKey: opts.secretAccessKey ?? randomKey(40, SECRET),
      altAccessKeyId: `RGW${randomKey(17, ALNUM)}`,
      altSecretAccessKey: randomKey(40, SECRET),
    });
    // users are created while the STS gateway starts; both must be done
    const [{ role, ...users }] = await Promise.all([created, waitHttp(stsPort, [mon, osd, rgw, rgwSts])]);
    const ready = ms();
    log(`users ready after ${ready} ms`);

    let stopped: Promise<void> | undefined;
    const instance: RgwInstance = {
      endpoint: `http://127.0.0.1:${port}`,
      port,
      stsEndpoint: `http://127.0.0.1:${stsPort}`,
      region: opts.region ?? 'us-east-1',
      accessKeyId: users.main.accessKeyId,
      secretAccessKey: users.main.secretAccessKey,
      users,
      role,
      locationConstraint: 'default',
      dir,
      timings: { binaries, monUp, osdUp, rgwUp, ready },
      pids: { mon: mon.pid, osd: osd.pid, rgw: rgw.pid, rgwSts: rgwSts.pid },
      stop: () =>
        (stopped ??= stopRgw(dir).then(() => {
          untrackCluster(dir);
        })),
    };
    // keep the secrets out of console.log / util.inspect output
    Object.defineProperty(instance, Symbol.for('nodejs.util.inspect.custom'), {
      enumerable: false,
      value: () => ({ endpoint: instance.endpoint, accessKeyId: instance.accessKeyId, secretAccessKey: '[redacted]', dir }),
    });
    return instance;
  } catch (e) {
    // keep the logs of a failed start unless the process is going away anyway
    stopRgwSync(dir, { keepDir: true });
    untrackCluster(dir);
    throw e;
  }
}
