import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseAwsError } from '@rawaws/client';
import { defaultCredentials, loadProfileSettings } from '@rawaws/credentials';
import { createTransport } from '@rawaws/http';
import { presignUrl, signRequest, type SignResult } from '@rawaws/sigv4';
import { CliError } from '../cli-error.js';
import { readAll } from '../cli-io.js';
import type { Command } from '../command.js';
import { scopeFromHost } from '../aws/endpoint-scope.js';
import { withHumanErrors } from '../aws/human-errors.js';

const help = `Usage: rawaws request METHOD URL [options]

Signs any AWS API call with SigV4 and the default credentials, sends it, and prints the response body
(like awscurl). Exits 1 when the status is not 2xx (the status and AWS error code go to stderr).

Options:
  --service NAME       SigV4 service name (default: from an *.amazonaws.com host, e.g. sts, s3, iam)
  --region REGION      default: from the host, then AWS_REGION, AWS_DEFAULT_REGION, the profile's region
  -H, --header 'N: V'  add a header (repeatable); it is signed
  -d, --data DATA      request body: a string, @FILE, or @- for stdin
                       (Content-Type defaults to application/x-www-form-urlencoded, as with curl)
  --presign            print a presigned URL instead of sending (query auth; --expires-in S, default 900)
  --profile NAME       shared config profile (default: AWS_PROFILE, then "default")
  -v, --verbose        print the canonical request, the string to sign and the response status on stderr

Examples:
  rawaws request POST https://sts.us-east-1.amazonaws.com/ -d 'Action=GetCallerIdentity&Version=2011-06-15'
  rawaws request GET 'https://iam.amazonaws.com/?Action=ListRoles&Version=2010-05-08'
  rawaws request PUT http://127.0.0.1:7480/bucket/key --service s3 --region us-east-1 -d @file.bin`;

function parseHeader(h: string): [string, string] {
  const i = h.indexOf(':');
  if (i <= 0) throw new CliError('CLI_USAGE', `Header ${JSON.stringify(h)} is not "Name: value".`);
  return [h.slice(0, i).trim().toLowerCase(), h.slice(i + 1).trim()];
}

async function readData(data: string | undefined, stdin: Parameters<typeof readAll>[0]): Promise<Uint8Array | undefined> {
  if (data === undefined) return undefined;
  if (data === '@-') return new TextEncoder().encode(await readAll(stdin));
  if (data.startsWith('@')) {
    return readFile(data.slice(1)).catch((e: NodeJS.ErrnoException) => {
      throw new CliError('CLI_USAGE', `Cannot read ${data}: ${e.code ?? 'error'}.`, { cause: e });
    });
  }
  return new TextEncoder().encode(data);
}

function printSteps(write: (s: string) => void, s: Pick<SignResult, 'canonicalRequest' | 'stringToSign'>): void {
  write(`--- canonical request\n${s.canonicalRequest}\n--- string to sign\n${s.stringToSign}\n---\n`);
}

/** `rawaws request METHOD URL`: a signed request to any AWS API. */
export const requestCommand: Command = {
  name: 'request',
  summary: 'Sign and send any AWS API request with the default credentials (like awscurl)',
  help,
  run: (args, io) =>
    withHumanErrors(io, 'request', async () => {
      let parsed;
      try {
        parsed = parseArgs({
          args: [...args],
          allowPositionals: true,
          options: {
            service: { type: 'string' },
            region: { type: 'string' },
            header: { type: 'string', short: 'H', multiple: true },
            data: { type: 'string', short: 'd' },
            presign: { type: 'boolean' },
            'expires-in': { type: 'string' },
            profile: { type: 'string' },
            verbose: { type: 'boolean', short: 'v' },
          },
        });
      } catch (e) {
        throw new CliError('CLI_USAGE', e instanceof Error ? e.message : String(e), { cause: e });
      }
      const { values, positionals } = parsed;
      const [rawMethod, rawUrl, ...extra] = positionals;
      if (rawMethod === undefined || rawUrl === undefined || extra.length > 0) throw new CliError('CLI_USAGE', 'request needs METHOD and URL.');
      const method = rawMethod.toUpperCase();
      let url: URL;
      try {
        url = new URL(rawUrl);
      } catch (e) {
        throw new CliError('CLI_USAGE', `Invalid URL ${JSON.stringify(rawUrl)}.`, { cause: e });
      }
      const fromHost = scopeFromHost(url.hostname);
      const service = values.service ?? fromHost.service;
      if (service === undefined) throw new CliError('CLI_USAGE', `Cannot tell the service from ${url.hostname}: pass --service (e.g. s3, sts, iam).`);
      const settings = await loadProfileSettings({ profile: values.profile, env: io.env });
      const region = values.region ?? fromHost.region ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'] ?? settings.region;
      if (region === undefined || region === '') throw new CliError('CLI_USAGE', 'No region: pass --region or set AWS_REGION.');
      const headers: Record<string, string> = Object.fromEntries((values.header ?? []).map(parseHeader));
      const body = await readData(values.data, io.stdin);
      if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
      const credentials = defaultCredentials({ profile: values.profile, env: io.env });
      const verbose = values.verbose === true;

      if (values.presign === true) {
        const expiresIn = Number(values['expires-in'] ?? '900');
        const p = presignUrl({ method, url, headers }, { credentials: await credentials(), region, service, expiresIn, ...(service === 's3' ? { payloadHash: 'UNSIGNED-PAYLOAD' } : {}) });
        if (verbose) printSteps(io.writeError, p);
        io.write(`${p.url}\n`);
        return 0;
      }

      const transport = createTransport();
      try {
        let first = true;
        const res = await transport.send({
          method,
          url,
          headers,
          ...(body === undefined ? {} : { body }),
          prepare: async (req, { date }) => {
            const signed = signRequest({ method, url, headers, body }, { credentials: await credentials(), region, service, date });
            if (verbose && first) printSteps(io.writeError, signed);
            first = false;
            return { ...req, headers: { ...headers, ...signed.headers } };
          },
        });
        const text = await res.text();
        if (verbose) io.writeError(`HTTP ${res.status} (${res.attempts} attempt${res.attempts === 1 ? '' : 's'})\n`);
        io.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
        if (res.status >= 200 && res.status < 300) return 0;
        const err = parseAwsError({ status: res.status, headers: res.headers, body: text }, { operation: `${method} ${url.pathname}` });
        io.writeError(`rawaws request: HTTP ${res.status} ${err.code}${err.serviceMessage ? `: ${err.serviceMessage}` : ''}\n`);
        return 1;
      } finally {
        await transport.close();
      }
    }),
};
