// Random bytes and XML-/INI-shaped garbage into the parsers that read what servers and users hand us: they never
// crash, they return a typed result or throw a typed error, and planted secrets never reach a message.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { isAwsServiceError, isClientError, parseAwsError, parseXml } from '@rawaws/client';
import { fromIni, isCredentialsError, loadSharedConfig } from '@rawaws/credentials';
import { afterAll, describe, expect, it } from 'vitest';
import { findSecrets } from '../src/find-secrets.js';
import { formatFigures } from '../src/format-figures.js';
import { tempHome } from './temp-home.js';

const RUNS = Number(process.env['CHAOS_FUZZ_RUNS'] ?? 400);
const SIG = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'deadbeef';
const TOKEN = 'FwoGZXIvYXdzEPLANTEDSESSIONTOKEN0123456789';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY';

const XML_PIECES = ['<?xml version="1.0" encoding="UTF-8"?>', '<Error>', '</Error>', '<ErrorResponse>', '</ErrorResponse>', '<Code>', '</Code>',
  '<Message>', '</Message>', '<RequestId>', '</RequestId>', 'SlowDown', 'NoSuchKey', 'AccessDenied', '<!DOCTYPE x [<!ENTITY e "&e;&e;">]>',
  '&e;', '&amp;', '&#0;', '&#xD800;', '&lt;', '<![CDATA[', ']]>', '<!--', '-->', '<a b="c">', '</a>', '"', "'", '>', '<',
  `<SignatureProvided>${SIG}</SignatureProvided>`, `<CanonicalRequest>x-amz-security-token:${TOKEN}</CanonicalRequest>`,
  `<Message>Signature=${SIG}</Message>`, '{"__type":"com.amazon#ThrottlingException","message":"x"}', '<html><body>502</body></html>', '\u0000', '\uFFFF', '😀'];
const xmlish = fc.array(fc.oneof(fc.constantFrom(...XML_PIECES), fc.string({ maxLength: 8 })), { maxLength: 30 }).map((a) => a.join(''));
const bytes = fc.uint8Array({ maxLength: 2048 });
const escapeXml = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Well-formed error documents (S3 and Query shapes) whose fields may carry a planted signature or token.
// Secret-bearing fields carry the planted secrets; the others random text (they may be echoed, as the server wrote them).
const SECRET_FIELDS: Record<string, string[]> = {
  SignatureProvided: [SIG],
  CanonicalRequest: [`x-amz-security-token:${TOKEN}`, `X-Amz-Signature=${SIG}`],
  SessionToken: [TOKEN],
  Message: [`The request signature we calculated does not match Signature=${SIG}`, `X-Amz-Signature=${SIG}&X-Amz-Date=x`],
};
const field = fc.oneof(
  fc.tuple(fc.constantFrom('Code', 'Message', 'RequestId', 'HostId', 'StringToSign', 'Resource', 'Detail'), fc.string({ maxLength: 30 })),
  fc.constantFrom(...Object.entries(SECRET_FIELDS).flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string]))),
);
const xmlDoc = fc
  .record({ query: fc.boolean(), fields: fc.array(field, { maxLength: 8 }) })
  .map(({ query, fields }) => {
    const inner = `<Error>${fields.map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('')}</Error>`;
    return query ? `<ErrorResponse>${inner}<RequestId>r</RequestId></ErrorResponse>` : `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`;
  });

const INI_PIECES = ['[default]', '[profile dev]', '[profile', ']', '[sso-session s]', '[services x]', 'region = us-east-1', 'region=',
  `aws_secret_access_key = ${SECRET}`, 'aws_access_key_id = AKIDFUZZ', `aws_session_token = ${TOKEN}`, 's3 =', '  addressing_style = path',
  'role_arn = arn:aws:iam::123456789012:role/r', 'source_profile = dev', 'credential_source = Environment', 'sso_session = s',
  '# comment', '; comment', '=', ' = ', 'key', '\t', '\r', '\u0000', '\uFEFF', '[', '[]', '[ default ]', 'credential_process = /nonexistent/x'];
const iniish = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...INI_PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), { maxLength: 25 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((nl) => lines.join(nl)));

// Mostly well-formed files: sections with keys from the real vocabulary and random values.
const iniEntry = fc.oneof(
  fc.tuple(fc.constantFrom('region', 'aws_access_key_id', 'role_arn', 'source_profile', 'credential_source', 'output', 's3', 'sso_session'),
    fc.oneof(fc.string({ maxLength: 20 }).map((v) => v.replace(/[\r\n]/g, ' ')), fc.constantFrom('us-east-1', 'dev', 'Environment', ''))),
  fc.constantFrom<[string, string]>(['aws_secret_access_key', SECRET], ['aws_session_token', TOKEN]),
);
const iniDoc = fc
  .array(fc.tuple(fc.constantFrom('[default]', '[profile dev]', '[dev]', '[profile other]', '[sso-session s]', '[services x]'), fc.array(iniEntry, { maxLength: 6 })), { maxLength: 4 })
  .map((sections) => sections.map(([h, kv]) => [h, ...kv.map(([k, v]) => `${k} = ${v}`)].join('\n')).join('\n'));

const outcomes: Record<string, Record<string, number>> = { parseAwsError: {}, parseXml: {}, loadSharedConfig: {}, fromIni: {} };
const count = (what: string, outcome: string): void => {
  const o = outcomes[what]!;
  o[outcome] = (o[outcome] ?? 0) + 1;
};

describe('parsers on random input', () => {
  it(`parseAwsError: ${RUNS} random bodies -> always an AwsServiceError, never a planted secret`, () => {
    fc.assert(
      fc.property(fc.oneof(xmlDoc, xmlish, bytes), fc.constantFrom(400, 403, 500, 503), fc.constantFrom('application/xml', 'application/json', 'text/html', ''), (body, status, type) => {
        const e = parseAwsError({ status, headers: { 'content-type': type, 'x-amz-request-id': 'REQ1' }, body });
        expect(isAwsServiceError(e)).toBe(true);
        expect(e.status).toBe(status);
        expect(typeof e.code).toBe('string');
        expect(findSecrets([e, e.message, JSON.stringify(e)], [SIG, TOKEN])).toEqual([]);
        count('parseAwsError', e.code.length > 40 ? 'long code' : 'AwsServiceError');
      }),
      { seed: 8_000_001, numRuns: RUNS },
    );
  });

  it(`parseXml: ${RUNS} random documents -> a tree or CLIENT_XML_PARSE, nothing else`, () => {
    fc.assert(
      fc.property(fc.oneof(xmlDoc, xmlish, bytes.map((b) => Buffer.from(b).toString('latin1'))), (text) => {
        try {
          const tree = parseXml(text);
          expect(typeof tree).toBe('object');
          count('parseXml', 'tree');
        } catch (e) {
          expect(isClientError(e) && e.code).toBe('CLIENT_XML_PARSE');
          expect(findSecrets([e], [SIG, TOKEN])).toEqual([]);
          count('parseXml', 'CLIENT_XML_PARSE');
        }
      }),
      { seed: 8_000_002, numRuns: RUNS },
    );
  });

  const home = tempHome();
  afterAll(() => home.cleanup());

  it(`config files: ${RUNS} random files -> parsed or a typed error with file and line, never a planted secret`, async () => {
    const configPath = home.write('config', '');
    const credentialsPath = home.write('credentials', '');
    await fc.assert(
      fc.asyncProperty(fc.oneof(iniDoc, iniish, bytes.map((b) => Buffer.from(b))), fc.boolean(), async (content, intoConfig) => {
        writeFileSync(intoConfig ? configPath : credentialsPath, content);
        writeFileSync(intoConfig ? credentialsPath : configPath, '');
        const env = home.env({ AWS_EC2_METADATA_DISABLED: 'true' });
        for (const [what, run] of [['loadSharedConfig', () => loadSharedConfig({ env })], ['fromIni', () => fromIni({ env, profile: 'dev' })()]] as const) {
          try {
            await run();
            count(what, 'ok');
          } catch (e) {
            expect(isCredentialsError(e), `${what}: ${String(e)}`).toBe(true);
            const code = (e as { code: string }).code;
            if (code === 'CREDENTIALS_CONFIG_PARSE') expect((e as { line?: number }).line).toBeGreaterThan(0);
            expect(findSecrets([e], [SECRET, TOKEN])).toEqual([]);
            count(what, code);
          }
        }
      }),
      { seed: 8_000_003, numRuns: RUNS },
    );
  });

  afterAll(() => {
    console.log(formatFigures(`Parser fuzzing (${RUNS} runs each, fast-check, fixed seeds)`, Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [k, Object.entries(v).map(([o, n]) => `${o} ${n}`).join(', ')]))));
  });
});
