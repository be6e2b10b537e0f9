export { startRgw } from './start-rgw.js';
export type { RgwInstance, StartRgwOptions } from './start-rgw.js';
export { stopRgw } from './stop-rgw.js';
export type { StopRgwOptions } from './stop-rgw.js';
export { ensureCephBinaries, CEPH_PACKAGES } from './ceph-binaries.js';
export type { CephBinaries, EnsureCephBinariesOptions } from './ceph-binaries.js';
export type { RgwUser } from './rgw-users.js';
export { RgwError, isRgwError } from './errors.js';
export type { RgwErrorCode } from './errors.js';
