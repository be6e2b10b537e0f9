/** Inputs of {@link cephConfig}: everything that differs between two throw-away clusters. */
export interface CephConfigInput {
  /** Cluster id (a UUID). */
  fsid: string;
  /** Working directory; every path of the cluster lives under it. */
  dir: string;
  /** Monitor port, messenger v1. */
  monPortV1: number;
  /** Monitor port, messenger v2. */
  monPortV2: number;
  /** Port of the plain S3 gateway (`client.rgw.a`). */
  rgwPort: number;
  /** Port of the second gateway (`client.rgw.sts`), which also accepts STS session tokens. */
  stsPort: number;
  /** Key that encrypts STS session tokens: exactly 16 characters. */
  stsKey: string;
  /** Seconds that make one lifecycle "day". */
  lcDebugInterval: number;
  /** memstore capacity in bytes. */
  memstoreBytes: number;
  /** Extra `[global]` lines, e.g. plugin paths of an unpacked `CEPH_PREFIX`. */
  extraGlobal?: readonly string[];
}

/** The monitor address as Ceph writes it: both messenger versions on 127.0.0.1. */
export const monAddress = (c: Pick<CephConfigInput, 'monPortV1' | 'monPortV2'>): string =>
  `[v2:127.0.0.1:${c.monPortV2},v1:127.0.0.1:${c.monPortV1}]`;

/**
 * The `ceph.conf` of a single-node throw-away cluster: one mon, one memstore OSD, no mgr, one radosgw
 * (`client.rgw.a`) on 127.0.0.1, no cephx.
 *
 * A second radosgw (`client.rgw.sts`) serves STS on its own port (see the comment in the text).
 *
 * Pure: same input, same text. The values and the reason for each are in /work/shared/notes/rgw.md.
 */
export function cephConfig(c: CephConfigInput): string {
  const d = c.dir;
  return `[global]
fsid = ${c.fsid}
mon initial members = a
mon host = ${monAddress(c)}
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
# auth=none only offers the 'crc' connection mode; daemons default to 'secure' for mon connections
# and radosgw then retries forever ("get_initial_auth_request returned -13")
ms mon client mode = crc
ms mon service mode = crc
ms mon cluster mode = crc
ms client mode = crc
ms service mode = crc
ms cluster mode = crc
auth allow insecure global id reclaim = false
mon warn on insecure global id reclaim allowed = false
run dir = ${d}/run
admin socket = ${d}/run/$cluster-$name.asok
pid file = ${d}/run/$name.pid
log file = ${d}/log/$name.log
mon data = ${d}/mon/$cluster-$id
osd data = ${d}/osd/$cluster-$id
keyring = /dev/null
osd pool default size = 1
osd pool default min size = 1
# radosgw creates 7 pools: 8 PGs each stays under 'mon max pg per osd'
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
# radosgw creates its pools one by one, each waits for a paxos round: the default 1 s makes startup ~12 s
paxos propose interval = 0.05
paxos min wait = 0.01
osd objectstore = memstore
memstore device bytes = ${c.memstoreBytes}
osd max object name len = 460
osd max object namespace len = 64
osd op num shards = 1
osd op num threads per shard = 2
mon osd full ratio = 0.97
mon osd backfillfull ratio = 0.96
mon osd nearfull ratio = 0.95
osd failsafe full ratio = 0.99
${(c.extraGlobal ?? []).join('\n')}

[client]
# SSE-C over plain HTTP (AWS itself requires HTTPS)
rgw crypt require ssl = false
rgw thread pool size = 64
rgw enable usage log = false
# lifecycle: one "day" lasts lcDebugInterval seconds
rgw lc debug interval = ${c.lcDebugInterval}
# virtual-hosted style: Host: <bucket>.localhost:<port>
rgw dns name = localhost
rgw data = ${d}/rgw
# encrypts STS session tokens; both gateways must share it
rgw sts key = ${c.stsKey}

# S3, IAM and the STS actions; a bad signature gets SignatureDoesNotMatch, as on AWS
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:${c.rgwPort}

# the same plus authentication with STS session credentials. With it on, RGW answers a bad signature with
# AccessDenied instead of SignatureDoesNotMatch, hence a separate gateway on the same cluster.
[client.rgw.sts]
rgw frontends = beast endpoint=127.0.0.1:${c.stsPort}
rgw s3 auth use sts = true
`;
}
