import { afterEach, describe, expect, it } from 'vitest';
import { fromEnv } from '../src/from-env.js';
import { fromIni } from '../src/from-ini.js';
import { loadProfileSettings } from '../src/load-profile-settings.js';
import { loadSharedConfig } from '../src/shared-config.js';
import { rejection, tempHome, type TempHome } from './helpers.js';

let home: TempHome | undefined;
afterEach(() => home?.cleanup());
const setup = (files: { config?: string; credentials?: string }) => (home = tempHome(files));

describe('fromEnv', () => {
  it('reads keys, token, expiry and account', async () => {
    const c = await fromEnv({
      env: {
        AWS_ACCESS_KEY_ID: 'AKID',
        AWS_SECRET_ACCESS_KEY: 'SECRET',
        AWS_SESSION_TOKEN: 'TOKEN',
        AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z',
        AWS_ACCOUNT_ID: '123456789012',
      },
    })();
    expect(c).toMatchObject({ accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN', source: 'env', accountId: '123456789012' });
    expect(c.expiration?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it.each([
    [{}, 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'],
    [{ AWS_ACCESS_KEY_ID: 'A' }, 'AWS_SECRET_ACCESS_KEY'],
    [{ AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: '' }, 'AWS_SECRET_ACCESS_KEY'],
  ])('is "not found" for %j', async (env, missing) => {
    const e = await rejection(fromEnv({ env })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_NOT_FOUND', source: 'env' });
    expect(e.message).toBe(`${missing} not set`);
  });

  it('rejects an unparsable AWS_CREDENTIAL_EXPIRATION with a typed error', async () => {
    const e = await rejection(fromEnv({ env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'SECRETVALUE', AWS_CREDENTIAL_EXPIRATION: 'tomorrow' } })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_INVALID_CONFIG' });
    expect(e.message).toContain('"tomorrow"');
    expect(e.message).not.toContain('SECRETVALUE');
  });
});

describe('fromIni static keys and file precedence', () => {
  it('reads the default profile from the credentials file', async () => {
    const h = setup({ credentials: '[default]\naws_access_key_id = AKID\naws_secret_access_key = S\naws_session_token = T\n' });
    expect(await fromIni({ env: h.env() })()).toMatchObject({ accessKeyId: 'AKID', secretAccessKey: 'S', sessionToken: 'T', source: 'profile:default' });
  });

  it('reads [profile x] from config and [x] from credentials; credentials file wins per key', async () => {
    const h = setup({
      config: '[profile dev]\naws_access_key_id = FROM_CONFIG\naws_secret_access_key = CONFIG_SECRET\nregion = eu-west-1\n',
      credentials: '[dev]\naws_access_key_id = FROM_CREDS\n',
    });
    const c = await fromIni({ env: h.env(), profile: 'dev' })();
    expect(c).toMatchObject({ accessKeyId: 'FROM_CREDS', secretAccessKey: 'CONFIG_SECRET', source: 'profile:dev' });
    // For settings the config file wins.
    const settings = await loadProfileSettings({ env: h.env(), profile: 'dev' });
    expect(settings).toMatchObject({ aws_access_key_id: 'FROM_CONFIG', region: 'eu-west-1' });
  });

  it('AWS_PROFILE selects the profile; the option beats AWS_PROFILE', async () => {
    const h = setup({ credentials: '[a]\naws_access_key_id = A\naws_secret_access_key = S\n[b]\naws_access_key_id = B\naws_secret_access_key = S\n' });
    expect((await fromIni({ env: h.env({ AWS_PROFILE: 'a' }) })()).accessKeyId).toBe('A');
    expect((await fromIni({ env: h.env({ AWS_PROFILE: 'a' }), profile: 'b' })()).accessKeyId).toBe('B');
  });

  it('[x] in the config file is not a profile (only [default] is)', async () => {
    const h = setup({ config: '[dev]\naws_access_key_id = A\naws_secret_access_key = S\n' });
    const e = await rejection(fromIni({ env: h.env(), profile: 'dev' })());
    expect(e['code']).toBe('CREDENTIALS_PROFILE_INVALID');
    expect(e.message).toContain('profile dev (from the profile option) is not in');
  });

  it('[profile default] replaces [default] in the config file', async () => {
    const h = setup({ config: '[default]\nregion = us-west-1\noutput = json\n[profile default]\nregion = us-west-2\n' });
    expect(await loadProfileSettings({ env: h.env() })).toEqual({ region: 'us-west-2' });
  });

  it('a missing default profile is "not found"; a profile without credentials too', async () => {
    const h = setup({ config: '[profile other]\nregion = x\n' });
    expect((await rejection(fromIni({ env: h.env() })()))['code']).toBe('CREDENTIALS_NOT_FOUND');
    expect((await rejection(fromIni({ env: h.env(), profile: 'other' })()))).toMatchObject({
      code: 'CREDENTIALS_NOT_FOUND',
      message: 'profile other has no credentials (no keys, role, process or web identity)',
    });
  });

  it('missing files are empty, ~/ paths are expanded against HOME', async () => {
    const h = setup({});
    h.write('creds2', '[default]\naws_access_key_id = TILDE\naws_secret_access_key = S\n');
    const env = { HOME: h.dir, AWS_SHARED_CREDENTIALS_FILE: '~/creds2', AWS_CONFIG_FILE: '~/does-not-exist' };
    expect((await fromIni({ env })()).accessKeyId).toBe('TILDE');
  });

  it('configFile / credentialsFile options beat the env vars', async () => {
    const h = setup({ credentials: '[default]\naws_access_key_id = FROMENVFILE\naws_secret_access_key = s\n' });
    const other = h.write('other-creds', '[default]\naws_access_key_id = FROMOPTION\naws_secret_access_key = s\n');
    const cfg = h.write('other-config', '[default]\nregion = sa-east-1\n');
    expect((await fromIni({ env: h.env(), credentialsFile: other })()).accessKeyId).toBe('FROMOPTION');
    expect((await loadProfileSettings({ env: h.env(), configFile: cfg })).region).toBe('sa-east-1');
  });

  it('defaults to ~/.aws/config and ~/.aws/credentials under HOME', async () => {
    const h = setup({});
    h.write('.aws-placeholder', '');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${h.dir}/.aws`);
    writeFileSync(`${h.dir}/.aws/credentials`, '[default]\naws_access_key_id = HOMEKEY\naws_secret_access_key = S\n');
    writeFileSync(`${h.dir}/.aws/config`, '[default]\nregion = ap-south-1\n');
    expect((await fromIni({ env: { HOME: h.dir } })()).accessKeyId).toBe('HOMEKEY');
    expect((await loadProfileSettings({ env: { HOME: h.dir } })).region).toBe('ap-south-1');
  });

  it('a malformed file fails with the file and line, and the chain stops there', async () => {
    const h = setup({ config: '[default]\nregion = us-east-1\n\n[profile broken\n' });
    const e = await rejection(fromIni({ env: h.env() })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_CONFIG_PARSE', file: h.config, line: 4 });
    expect(e.message).toContain(`${h.config}:4:`);
  });

  it('an unreadable path (a directory) is a typed read error', async () => {
    const h = setup({});
    const e = await rejection(fromIni({ env: h.env({ AWS_CONFIG_FILE: h.dir }) })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_CONFIG_READ', file: h.dir });
  });

  it('sso profiles are refused clearly', async () => {
    const h = setup({ config: '[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n' });
    const e = await rejection(fromIni({ env: h.env(), profile: 'sso' })());
    expect(e['code']).toBe('CREDENTIALS_SSO_UNSUPPORTED');
    expect(e.message).toContain('export-credentials');
  });
});

describe('loadSharedConfig sections', () => {
  it('parses [services x] and [sso-session x] separately, with sub-sections', async () => {
    const h = setup({
      config:
        '[profile dev]\nservices = local\ns3 =\n  addressing_style = path\nregion = us-east-2\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\ns3 =\n  endpoint_url = http://127.0.0.1:2\n[sso-session corp]\nsso_region = eu-west-1\n',
    });
    const cfg = await loadSharedConfig({ env: h.env() });
    expect({ ...cfg.configProfiles.get('dev') }).toEqual({ services: 'local', 's3.addressing_style': 'path', region: 'us-east-2' });
    expect({ ...cfg.services.get('local') }).toEqual({ 'sts.endpoint_url': 'http://127.0.0.1:1', 's3.endpoint_url': 'http://127.0.0.1:2' });
    expect({ ...cfg.ssoSessions.get('corp') }).toEqual({ sso_region: 'eu-west-1' });
    expect(await loadProfileSettings({ env: h.env(), profile: 'dev' })).toMatchObject({ region: 'us-east-2', 's3.addressing_style': 'path' });
  });

  it('loadProfileSettings of an unknown profile is {}', async () => {
    const h = setup({ config: '[default]\nregion = x\n' });
    expect(await loadProfileSettings({ env: h.env(), profile: 'nope' })).toEqual({});
  });

  it('profile names that look like Object.prototype keys are plain data', async () => {
    const h = setup({ credentials: '[__proto__]\naws_access_key_id = P\naws_secret_access_key = S\n[constructor]\naws_access_key_id = C\naws_secret_access_key = S\n' });
    expect((await fromIni({ env: h.env(), profile: '__proto__' })()).accessKeyId).toBe('P');
    expect((await fromIni({ env: h.env(), profile: 'constructor' })()).accessKeyId).toBe('C');
    expect((await rejection(fromIni({ env: h.env(), profile: 'toString' })()))['code']).toBe('CREDENTIALS_PROFILE_INVALID');
  });
});
