#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSseCUploadServer } from './server.js';

const HELP = `rawaws-sse-c-upload: a page that uploads files straight to S3 with SSE-C

Usage: rawaws-sse-c-upload --bucket NAME [--port N] [--endpoint-url URL] [--region R] [--profile P]

Credentials, region and endpoint follow the AWS SDKs' default chain; the bucket is created when missing and its
CORS configuration is replaced so the page's origin may PUT and GET.
`;

const { values } = parseArgs({
  options: {
    bucket: { type: 'string' },
    port: { type: 'string' },
    'endpoint-url': { type: 'string' },
    region: { type: 'string' },
    profile: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help === true || values.bucket === undefined) {
  process.stdout.write(HELP);
  process.exit(values.help === true ? 0 : 2);
}
const server = await startSseCUploadServer({
  bucket: values.bucket,
  port: values.port === undefined ? 0 : Number(values.port),
  endpoint: values['endpoint-url'],
  region: values.region,
  profile: values.profile,
});
process.stdout.write(`Open ${server.url} (bucket ${server.bucket}); Ctrl-C stops.\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
