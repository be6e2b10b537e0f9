// Runs the error and warning paths with recognisable secrets and asserts none of them shows up in any message,
// inspected error (with its cause chain), JSON, or log line.
import { inspect } from 'node:util';
import { startContainerEmulator, startImdsEmulator, startStsEmulator } from '@rawaws/imds-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCredentials } from '../src/default-credentials.js';
import { fromContainer } from '../src/from-container.js';
import { fromEnv } from '../src/from-env.js';
import { fromImds, resetImdsVerdicts } from '../src/from-imds.js';
import { fromIni } from '../src/from-ini.js';
import { fromWebIdentity } from '../src/from-web-identity.js';
import { recordingLogger, rejection, tempHome, type TempHome } from './helpers.js';

const SECRETS = ['SECRETKEYzzz111', 'SESSIONTOKENzzz222', 'WEBTOKENzzz333', 'CONTAINERTOKENzzz444', 'MFACODEzzz555'];
let home: TempHome;
afterEach(() => home?.cleanup());

function assertClean(what: unknown, label: string): void {
  const renderings = [String(what), inspect(what, { depth: 10, showHidden: true }), JSON.stringify(what, Object.getOwnPropertyNames(what ?? {}))];
  let cause = (what as { cause?: unknown } | undefined)?.cause;
  while (cause !== undefined && cause !== null) {
    renderings.push(String(cause), inspect(cause, { depth: 10 }));
    cause = (cause as { cause?: unknown }).cause;
  }
  for (const r of renderings) for (const s of SECRETS) expect(r.includes(s), `${label} leaked ${s}: ${r.slice(0, 300)}`).toBe(false);
}

describe('no secret in errors, inspected objects or logs', () => {
  it('covers every provider failure path', async () => {
    home = tempHome();
    const sts = await startStsEmulator({
      keys: { AKIDGOOD: 'rightSecret' },
      webIdentityTokens: ['other'],
      roles: { 'arn:aws:iam::123456789012:role/r': { mfaSerial: 'arn:aws:iam::123456789012:mfa/u', mfaCode: '000000' } },
    });
    const container = await startContainerEmulator();
    const imds = await startImdsEmulator({ credentials: { secretAccessKey: 'SECRETKEYzzz111', sessionToken: 'SESSIONTOKENzzz222' } });
    resetImdsVerdicts();
    const logger = recordingLogger();
    try {
      const errors: [string, unknown][] = [];
      const collect = async (label: string, p: Promise<unknown>) => errors.push([label, await rejection(p)]);

      await collect('env bad expiry', fromEnv({ env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'SECRETKEYzzz111', AWS_SESSION_TOKEN: 'SESSIONTOKENzzz222', AWS_CREDENTIAL_EXPIRATION: 'x' } })());
      await collect('env half set', fromEnv({ env: { AWS_SECRET_ACCESS_KEY: 'SECRETKEYzzz111' } })());

      home.write('config', '[default]\nSECRETKEYzzz111\n');
      await collect('parse error', fromIni({ env: home.env() })());

      const script = home.write('p.mjs', `process.stdout.write('{"Version":1,"AccessKeyId":"A","SecretAccessKey":"SECRETKEYzzz111","SessionToken":"SESSIONTOKENzzz222","Expiration":"nope"}')`);
      home.write('config', `[default]\ncredential_process = "${process.execPath}" "${script}"\n`);
      await collect('process bad expiry', fromIni({ env: home.env() })());
      const script2 = home.write('p2.mjs', `process.stdout.write('{"Version":2,"SecretAccessKey":"SECRETKEYzzz111"}')`);
      home.write('config', `[default]\ncredential_process = "${process.execPath}" "${script2}"\n`);
      await collect('process bad version', fromIni({ env: home.env() })());
      const script3 = home.write('p3.mjs', `process.stdout.write('SECRETKEYzzz111 not json')`);
      home.write('config', `[default]\ncredential_process = "${process.execPath}" "${script3}"\n`);
      await collect('process not json', fromIni({ env: home.env() })());

      home.write('config', '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = s\n[profile s]\naws_access_key_id = AKIDGOOD\naws_secret_access_key = SECRETKEYzzz111\naws_session_token = SESSIONTOKENzzz222\n');
      await collect('sts signature mismatch', fromIni({ env: home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint }), profile: 'r' })());
      home.write('config', '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = s\nmfa_serial = arn:aws:iam::123456789012:mfa/u\n[profile s]\naws_access_key_id = AKIDGOOD\naws_secret_access_key = rightSecret\n');
      await collect('sts mfa refused', fromIni({ env: home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint }), profile: 'r', mfaCodeProvider: async () => 'MFACODEzzz555' })());

      const token = home.write('token', 'WEBTOKENzzz333');
      await collect('web identity refused', fromWebIdentity({ env: home.env({ AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/r' }), stsEndpoint: sts.endpoint })());

      await collect('container wrong token', fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: container.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'CONTAINERTOKENzzz444' } })());
      await collect('container hostile uri', fromContainer({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://u:CONTAINERTOKENzzz444@evil.example/x?t=CONTAINERTOKENzzz444' } })());

      // IMDS: succeed once, then an outage produces a static-stability warning that names the key id only.
      const p = fromImds({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }), logger });
      const creds = await p();
      imds.setOutage(true);
      const during = await p();
      assertClean(creds, 'imds credentials');
      assertClean(during, 'extended credentials');

      await collect('chain not found', defaultCredentials({ env: home.env({ AWS_SECRET_ACCESS_KEY: 'SECRETKEYzzz111', AWS_SESSION_TOKEN: 'SESSIONTOKENzzz222', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent' }) })());

      for (const [label, e] of errors) assertClean(e, label);
      for (const line of logger.warnings) for (const s of SECRETS) expect(line).not.toContain(s);
      expect(logger.warnings.length).toBeGreaterThan(0);
      expect(errors.length).toBe(12);
      expect(errors.find(([l]) => l === 'sts mfa refused')?.[1]).toMatchObject({ code: 'CREDENTIALS_STS_ERROR', stsCode: 'AccessDenied' });
      expect(errors.find(([l]) => l === 'sts signature mismatch')?.[1]).toMatchObject({ stsCode: 'SignatureDoesNotMatch' });
    } finally {
      await Promise.all([sts.close(), container.close(), imds.close()]);
    }
  });
});
