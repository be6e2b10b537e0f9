import { CliError } from '../cli-error.js';
import { readAll } from '../cli-io.js';
import type { Command } from '../command.js';
import { signFromInput } from '../sign-input.js';

/** Parses stdin as exactly one JSON value. */
export async function readJsonStdin(stdin: Parameters<typeof readAll>[0], command: string): Promise<unknown> {
  const text = await readAll(stdin);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new CliError('CLI_INVALID_JSON', `${command}: stdin is not one JSON object (${(cause as Error).message})`, { cause });
  }
}

/** `rawaws sign`: one JSON request on stdin, one JSON signing result on stdout. */
export const signCommand: Command = {
  name: 'sign',
  summary: 'Sign (or presign) one request described as JSON on stdin',
  help: `Usage: rawaws sign < request.json

Reads one JSON object on stdin:
  { "method": "GET", "url": "https://bucket.s3.amazonaws.com/key", "headers": { "range": "bytes=0-9" },
    "body": "<base64>", "payloadHash": "UNSIGNED-PAYLOAD", "region": "us-east-1", "service": "s3",
    "credentials": { "accessKeyId": "...", "secretAccessKey": "...", "sessionToken": "..." },
    "date": "2013-05-24T00:00:00Z", "presign": { "expiresIn": 900 }, "s3": true }
Only method, url, region, service and credentials are required ("date" defaults to now).
Prints { "canonicalRequest", "stringToSign", "signature", "headers", "url" }; with "presign", "url" is the
presigned URL. On bad input prints { "error": { "code", "message" } } and exits with status 1.`,
  async run(args, io) {
    if (args.length > 0) throw new CliError('CLI_USAGE', `sign: unexpected argument ${JSON.stringify(args[0])}; the request comes on stdin`);
    const output = signFromInput(await readJsonStdin(io.stdin, 'sign'));
    io.write(`${JSON.stringify(output)}\n`);
    return 0;
  },
};
