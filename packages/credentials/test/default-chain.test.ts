import { startContainerEmulator, startImdsEmulator, type ImdsEmulator } from '@rawaws/imds-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCredentials } from '../src/default-credentials.js';
import { resetImdsVerdicts } from '../src/from-imds.js';
import { recordingLogger, rejection, tempHome, type TempHome } from './helpers.js';

let home: TempHome;
let imds: ImdsEmulator;
beforeEach(async () => {
  resetImdsVerdicts();
  home = tempHome();
  imds = await startImdsEmulator();
});
afterEach(async () => {
  home.cleanup();
  await imds.close();
});

const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'ENVKEY', AWS_SECRET_ACCESS_KEY: 'envSecret' };
const PROFILE = '[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = s\n[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = s\n';

describe('defaultCredentials', () => {
  it('env wins over the default profile and IMDS', async () => {
    home.write('credentials', PROFILE);
    const c = await defaultCredentials({ env: home.env({ ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) })();
    expect(c.source).toBe('env');
    expect(imds.stats().total).toBe(0);
  });

  it('an explicit profile (AWS_PROFILE) skips env keys, as the JS SDK does, with a warning', async () => {
    home.write('credentials', PROFILE);
    const logger = recordingLogger();
    const c = await defaultCredentials({ env: home.env({ ...ENV_KEYS, AWS_PROFILE: 'dev' }), logger })();
    expect(c).toMatchObject({ accessKeyId: 'DEVKEY', source: 'profile:dev' });
    expect(logger.warnings[0]).toContain('profile dev was chosen explicitly');
  });

  it('the default profile comes before web identity, container and IMDS', async () => {
    home.write('credentials', PROFILE);
    const c = await defaultCredentials({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/x' }) })();
    expect(c.source).toBe('profile:default');
  });

  it('falls through to IMDS when nothing else is configured', async () => {
    const c = await defaultCredentials({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) })();
    expect(c).toMatchObject({ source: 'imds', accessKeyId: imds.currentCredentials().accessKeyId });
  });

  it('uses the container endpoint instead of IMDS when its env var is set', async () => {
    const container = await startContainerEmulator({ authorizationToken: null });
    try {
      const c = await defaultCredentials({ env: home.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: container.url, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) })();
      expect(c.source).toBe('container');
      expect(imds.stats().total).toBe(0);
    } finally {
      await container.close();
    }
  });

  it('a hostile container URI stops the chain before any request (IMDS is not tried either)', async () => {
    const e = await rejection(defaultCredentials({ env: home.env({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://attacker.example/x', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) })());
    expect(e['code']).toBe('CREDENTIALS_CONTAINER_URI_REFUSED');
    expect(imds.stats().total).toBe(0);
  });

  it('a malformed config file stops the chain with file and line', async () => {
    home.write('config', '[default]\nregion = us-east-1\noops\n');
    const e = await rejection(defaultCredentials({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_CONFIG_PARSE', file: home.config, line: 3 });
    expect(imds.stats().total).toBe(0);
  });

  it('when nothing is found, lists every source and why it was skipped', async () => {
    const e = await rejection(defaultCredentials({ env: home.env({ AWS_EC2_METADATA_DISABLED: 'true' }) })());
    expect(e['code']).toBe('CREDENTIALS_NOT_FOUND');
    expect((e['skipped'] as { source: string; code: string }[]).map((s) => [s.source, s.code])).toEqual([
      ['env', 'CREDENTIALS_NOT_FOUND'],
      ['profile:default', 'CREDENTIALS_NOT_FOUND'],
      ['web-identity', 'CREDENTIALS_NOT_FOUND'],
      ['imds', 'CREDENTIALS_IMDS_DISABLED'],
    ]);
    expect(e.message).toContain('No AWS credentials found. Sources tried:');
    expect(e.message).toContain('  - env: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set');
    expect(e.message).toContain('  - imds: AWS_EC2_METADATA_DISABLED is set');
  });

  it('lists the explicit-profile skip and an unreachable IMDS', async () => {
    home.write('config', '[profile dev]\nregion = us-east-1\n');
    const e = await rejection(
      defaultCredentials({ env: home.env({ ...ENV_KEYS, AWS_PROFILE: 'dev', AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' }), logger: recordingLogger() })(),
    );
    expect((e['skipped'] as { source: string; code: string }[]).map((s) => [s.source, s.code])).toEqual([
      ['env', 'CREDENTIALS_SKIPPED'],
      ['profile:dev', 'CREDENTIALS_NOT_FOUND'],
      ['web-identity', 'CREDENTIALS_NOT_FOUND'],
      ['imds', 'CREDENTIALS_IMDS_UNAVAILABLE'],
    ]);
    expect(e.message).not.toContain('envSecret');
  });

  it('is memoized: repeated calls hit IMDS once', async () => {
    const p = defaultCredentials({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) });
    const [a, b] = await Promise.all([p(), p()]);
    await p();
    expect(a).toBe(b);
    expect(imds.stats().credentialRequests).toBe(1);
  });
});

describe('explainDefaultCredentials', () => {
  it('reports the answering source and the skipped ones on success', async () => {
    const { explainDefaultCredentials } = await import('../src/default-credentials.js');
    const t = await explainDefaultCredentials({ env: home.env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint }) });
    expect(t.credentials?.source).toBe('imds');
    expect(t.error).toBeUndefined();
    expect(t.skipped.map((s) => s.source)).toEqual(['env', 'profile:default', 'web-identity']);
  });

  it('returns a terminal error instead of throwing', async () => {
    const { explainDefaultCredentials } = await import('../src/default-credentials.js');
    home.write('config', '[default\n');
    const t = await explainDefaultCredentials({ env: home.env() });
    expect(t.credentials).toBeUndefined();
    expect(t.error).toMatchObject({ code: 'CREDENTIALS_CONFIG_PARSE', line: 1 });
    expect(t.skipped.map((s) => s.source)).toEqual(['env']);
  });
});
