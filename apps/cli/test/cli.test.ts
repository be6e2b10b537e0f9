import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliDir = fileURLToPath(new URL('../', import.meta.url));

interface Example {
  id: string;
  input: { host: string; path: string; rawQuery?: string; method: string; headers: Record<string, string>; body?: string; payloadHash?: string;
    region: string; service: string; amzDate: string; expiresIn?: number; credentials: { accessKeyId: string; secretAccessKey: string } };
  expected: { canonicalRequest: string; stringToSign: string; signature: string; authorization?: string; url?: string };
}
const examples = (JSON.parse(readFileSync(new URL('../../../packages/sigv4/test/fixtures/s3-examples.json', import.meta.url), 'utf8')) as { examples: Example[] }).examples;
const example = (id: string): Example => examples.find((e) => e.id === id) as Example;
const isoOf = (amz: string): string => `${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`;

/** The `rawaws sign` input for a published S3 example (Host and x-amz-date are added by the signer itself). */
function signInput(ex: Example): Record<string, unknown> {
  const { input } = ex;
  const headers = Object.fromEntries(Object.entries(input.headers).filter(([k]) => !['host', 'x-amz-date'].includes(k.toLowerCase())));
  return {
    method: input.method,
    url: `https://${input.host}${input.path}${input.rawQuery !== undefined ? `?${input.rawQuery}` : ''}`,
    headers,
    ...(input.body !== undefined && input.body !== '' ? { body: Buffer.from(input.body).toString('base64') } : {}),
    ...(input.payloadHash !== undefined ? { payloadHash: input.payloadHash } : {}),
    region: input.region,
    service: input.service,
    credentials: input.credentials,
    date: isoOf(input.amzDate),
    s3: true,
    ...(input.expiresIn !== undefined ? { presign: { expiresIn: input.expiresIn } } : {}),
  };
}

async function run(argv: string[], stdin: string): Promise<{ code: number; out: string; json: Record<string, unknown> | undefined }> {
  let out = '';
  const code = await main(argv, { stdin: [stdin], write: (t) => { out += t; }, writeError: () => undefined, env: {} });
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(out) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { code, out, json };
}

describe('rawaws sign: published S3 examples', () => {
  for (const id of ['s3-get-object', 's3-put-object', 's3-get-bucket-lifecycle', 's3-list-objects']) {
    it(`signs ${id}`, async () => {
      const ex = example(id);
      const { code, json } = await run(['sign'], JSON.stringify(signInput(ex)));
      expect(code).toBe(0);
      expect(json).toMatchObject({ canonicalRequest: ex.expected.canonicalRequest, stringToSign: ex.expected.stringToSign, signature: ex.expected.signature });
      // The doc prints the components without a space after the commas; both forms are valid.
      expect((json?.['headers'] as Record<string, string>)['authorization']?.replace(/, /g, ',')).toBe(ex.expected.authorization);
      expect(Object.keys(json ?? {}).sort()).toEqual(['canonicalRequest', 'headers', 'signature', 'stringToSign', 'url']);
    });
  }

  it('presigns s3-presigned-get-object', async () => {
    const ex = example('s3-presigned-get-object');
    const { code, json } = await run(['sign'], JSON.stringify(signInput(ex)));
    expect(code).toBe(0);
    expect(json).toMatchObject({ canonicalRequest: ex.expected.canonicalRequest, signature: ex.expected.signature, url: ex.expected.url });
  });
});

describe('rawaws sign: errors', () => {
  const good = signInput(example('s3-get-object'));

  it.each([
    ['not JSON', '{"method":', 'CLI_INVALID_JSON'],
    ['an array', '[]', 'CLI_INVALID_INPUT'],
    ['no region', JSON.stringify({ ...good, region: undefined }), 'CLI_INVALID_INPUT'],
    ['no credentials', JSON.stringify({ ...good, credentials: undefined }), 'CLI_INVALID_INPUT'],
    ['a relative URL', JSON.stringify({ ...good, url: '/test.txt' }), 'CLI_INVALID_INPUT'],
    ['a bad date', JSON.stringify({ ...good, date: 'yesterday' }), 'CLI_INVALID_INPUT'],
    ['bad base64', JSON.stringify({ ...good, body: 'not base64!' }), 'CLI_INVALID_INPUT'],
    ['a presign expiry of 8 days', JSON.stringify({ ...good, presign: { expiresIn: 8 * 86400 } }), 'SIGV4_INVALID_EXPIRY'],
    ['a non-ASCII header name', JSON.stringify({ ...good, headers: { 'x-ämz': '1' } }), 'SIGV4_INVALID_HEADER_NAME'],
  ])('rejects %s with a coded JSON error and exit 1', async (_name, stdin, code) => {
    const r = await run(['sign'], stdin);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code } });
    expect(typeof (r.json?.['error'] as { message: unknown }).message).toBe('string');
    expect(r.out).not.toContain('wJalrXUtnFEMI');
  });

  it('rejects unknown commands and stray arguments with exit 2', async () => {
    expect(await run(['frobnicate'], '')).toMatchObject({ code: 2, json: { error: { code: 'CLI_UNKNOWN_COMMAND' } } });
    expect(await run(['sign', 'extra'], '')).toMatchObject({ code: 2, json: { error: { code: 'CLI_USAGE' } } });
  });

  it('prints help for the program and for each command', async () => {
    const top = await run(['--help'], '');
    expect(top.code).toBe(0);
    expect(top.out).toContain('sign');
    expect(top.out).toContain('explain');
    const sign = await run(['sign', '--help'], '');
    expect(sign.out).toContain('"presign"');
  });
});

describe('rawaws explain', () => {
  it('names a header changed after signing, from stdin JSON', async () => {
    const request = { ...signInput(example('s3-get-object')), headers: { Range: 'bytes=0-9' } };
    const server = await run(['sign'], JSON.stringify({ ...request, headers: { Range: 'bytes=0-99' } }));
    const s = server.json as { canonicalRequest: string; stringToSign: string };
    const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const errorBody = `<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><StringToSign>${esc(s.stringToSign)}</StringToSign><CanonicalRequest>${esc(s.canonicalRequest)}</CanonicalRequest></Error>`;
    const text = await run(['explain'], JSON.stringify({ errorBody, request }));
    expect(text.code).toBe(0);
    expect(text.out).toContain('[HEADER_VALUE_CHANGED]');
    expect(text.out).toContain('- range:bytes=0-9');
    expect(text.out).toContain('+ range:bytes=0-99');
    const json = await run(['explain', '--json'], JSON.stringify({ errorBody, request }));
    expect((json.json?.['causes'] as Array<{ kind: string; name: string }>).map((c) => [c.kind, c.name])).toEqual([['HEADER_VALUE_CHANGED', 'range']]);
  });

  it('takes --request from a file and the pasted error body on stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rawaws-explain-'));
    const request = { ...signInput(example('s3-get-object')), headers: { Range: 'bytes=0-9' } };
    writeFileSync(join(dir, 'request.json'), JSON.stringify(request));
    const server = (await run(['sign'], JSON.stringify({ ...request, method: 'HEAD' }))).json as { canonicalRequest: string };
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><CanonicalRequest>${server.canonicalRequest}</CanonicalRequest></Error>`;
    const r = await run(['explain', '--request', join(dir, 'request.json')], body);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[METHOD_CHANGED]');
    writeFileSync(join(dir, 'error.xml'), body);
    const files = await run(['explain', '--request', join(dir, 'request.json'), '--error-body', join(dir, 'error.xml'), '--json'], '');
    expect((files.json?.['causes'] as Array<{ kind: string }>)[0]?.kind).toBe('METHOD_CHANGED');
    expect(await run(['explain', '--request', join(dir, 'missing.json')], body)).toMatchObject({ code: 1, json: { error: { code: 'CLI_INVALID_INPUT' } } });
  });

  it('rejects input without an error body', async () => {
    expect(await run(['explain'], '{}')).toMatchObject({ code: 1, json: { error: { code: 'CLI_INVALID_INPUT' } } });
    expect(await run(['explain', '--bogus'], '{}')).toMatchObject({ code: 2, json: { error: { code: 'CLI_USAGE' } } });
  });
});

describe('the built bin', () => {
  beforeAll(() => {
    // Build this app so the test runs the current sources (sigv4's dist must exist, as after `pnpm build`).
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: cliDir });
    expect(existsSync(`${cliDir}dist/bin.js`)).toBe(true);
  }, 60_000);

  it('works as `node apps/cli/dist/bin.js sign` from the repo root', () => {
    const ex = example('s3-get-object');
    const ok = spawnSync(process.execPath, ['apps/cli/dist/bin.js', 'sign'], { cwd: repoRoot, input: JSON.stringify(signInput(ex)), encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { signature: string }).signature).toBe(ex.expected.signature);
    const bad = spawnSync(process.execPath, ['apps/cli/dist/bin.js', 'sign'], { cwd: repoRoot, input: 'nope', encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'CLI_INVALID_JSON' } });
  });
});
