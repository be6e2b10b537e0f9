export { startImdsEmulator } from './imds-emulator.js';
export type { ImdsEmulator, ImdsEmulatorOptions, ImdsStats, OutageMode } from './imds-emulator.js';
export { startContainerEmulator } from './container-emulator.js';
export type { ContainerEmulator, ContainerEmulatorOptions } from './container-emulator.js';
export { startStsEmulator } from './sts-emulator.js';
export type { StsCall, StsEmulator, StsEmulatorOptions, StsKey, StsRole } from './sts-emulator.js';
export { fakeCredentials } from './fake-credentials.js';
export type { FakeCredentials } from './fake-credentials.js';
