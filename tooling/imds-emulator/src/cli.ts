#!/usr/bin/env node
// `rawaws-imds-emulator`: starts the IMDS, container and STS emulators on loopback, prints one JSON line with their
// endpoints (and the container token), and runs until SIGINT/SIGTERM. For demos and shell scripts; tests use the API.
import { startContainerEmulator } from './container-emulator.js';
import { startImdsEmulator } from './imds-emulator.js';
import { startStsEmulator } from './sts-emulator.js';

const imds = await startImdsEmulator({ tokenRequired: process.argv.includes('--token-required') });
const container = await startContainerEmulator();
const sts = await startStsEmulator();
const env = {
  AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: container.url,
  AWS_CONTAINER_AUTHORIZATION_TOKEN: container.authorizationToken,
  AWS_ENDPOINT_URL_STS: sts.endpoint,
};
process.stdout.write(`${JSON.stringify({ imds: imds.endpoint, container: container.url, sts: sts.endpoint, env })}\n`);
const stop = (): void => {
  void Promise.all([imds.close(), container.close(), sts.close()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
