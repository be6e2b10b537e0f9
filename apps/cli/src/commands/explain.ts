import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { explainSignatureMismatch } from '@rawaws/sigv4';
import { CliError } from '../cli-error.js';
import { readAll } from '../cli-io.js';
import type { Command } from '../command.js';
import { signFromInput } from '../sign-input.js';
import { readJsonStdin } from './sign.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new CliError('CLI_INVALID_INPUT', `explain: cannot read ${what} file ${JSON.stringify(path)}`, { cause });
  }
}

/** Our side: a sign input (`request`) is re-signed; otherwise `canonicalRequest` (+ `stringToSign`) is used as given. */
function ourSide(input: Record<string, unknown>): { canonicalRequest: string; stringToSign?: string } {
  if (input['request'] !== undefined) {
    const signed = signFromInput(input['request']);
    return { canonicalRequest: signed.canonicalRequest, stringToSign: signed.stringToSign };
  }
  const canonicalRequest = input['canonicalRequest'];
  const stringToSign = input['stringToSign'];
  if (typeof canonicalRequest !== 'string') {
    throw new CliError('CLI_INVALID_INPUT', 'explain: give "request" (the same JSON as `rawaws sign`) or "canonicalRequest" (+ "stringToSign")');
  }
  if (stringToSign !== undefined && typeof stringToSign !== 'string') throw new CliError('CLI_INVALID_INPUT', 'explain: "stringToSign" must be a string');
  return stringToSign === undefined ? { canonicalRequest } : { canonicalRequest, stringToSign };
}

/** `rawaws explain`: diff S3's SignatureDoesNotMatch view of a request against ours and name the likely cause. */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain an S3 SignatureDoesNotMatch error against the request you signed',
  help: `Usage: rawaws explain --request request.json [--error-body error.xml] [--json]
       rawaws explain [--json] < input.json

With --request, the error body comes from --error-body or is pasted on stdin. Otherwise stdin is one JSON object:
  { "errorBody": "<Error><Code>SignatureDoesNotMatch</Code>...<CanonicalRequest>...</Error>",
    "request": { ...the same JSON as \`rawaws sign\` reads... } }
or, instead of "request": "canonicalRequest" and optionally "stringToSign" as you computed them.
Prints the likely cause(s) and a line diff (- ours, + server). --json prints
{ "causes", "canonicalRequestMatches", "canonicalRequestDiff", "stringToSignDiff", "report" }.`,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: { 'error-body': { type: 'string' }, request: { type: 'string' }, json: { type: 'boolean', default: false } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (cause) {
      throw new CliError('CLI_USAGE', `explain: ${(cause as Error).message}`, { cause });
    }
    let input: Record<string, unknown>;
    if (values.request !== undefined) {
      // Files: --request request.json, and the error body from --error-body or pasted on stdin.
      const request = await readText(values.request, 'request');
      const errorBody = values['error-body'] !== undefined ? await readText(values['error-body'], 'error body') : await readAll(io.stdin);
      let parsed: unknown;
      try {
        parsed = JSON.parse(request);
      } catch (cause) {
        throw new CliError('CLI_INVALID_JSON', `explain: ${values.request} is not JSON`, { cause });
      }
      input = { errorBody, request: parsed };
    } else if (values['error-body'] !== undefined) {
      throw new CliError('CLI_USAGE', 'explain: --error-body needs --request request.json');
    } else {
      const json = await readJsonStdin(io.stdin, 'explain');
      if (!isObject(json) || typeof json['errorBody'] !== 'string') {
        throw new CliError('CLI_INVALID_INPUT', 'explain: stdin must be a JSON object with "errorBody" (the XML error body as a string)');
      }
      input = json;
    }
    const result = explainSignatureMismatch(input['errorBody'] as string, ourSide(input));
    if (values.json) {
      const { causes, canonicalRequestMatches, canonicalRequestDiff, stringToSignDiff, report } = result;
      io.write(`${JSON.stringify({ causes, canonicalRequestMatches, canonicalRequestDiff, stringToSignDiff, report })}\n`);
    } else {
      io.write(`${result.report}\n`);
    }
    return 0;
  },
};
