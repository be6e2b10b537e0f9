import { writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { startContainerEmulator, startImdsEmulator, startStsEmulator, type StsEmulator } from '@rawaws/imds-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromIni } from '../src/from-ini.js';
import { fromWebIdentity } from '../src/from-web-identity.js';
import { resetImdsVerdicts } from '../src/from-imds.js';
import { recordingLogger, rejection, tempHome, type TempHome } from './helpers.js';

const BASE_SECRET = 'baseSecretKeyEXAMPLE/0123456789abcdefghij';
const ROLE = 'arn:aws:iam::123456789012:role/dev';
const ROLE2 = 'arn:aws:iam::210987654321:role/prod';
let sts: StsEmulator;
let home: TempHome;
beforeAll(async () => {
  sts = await startStsEmulator({
    keys: { AKIDBASE: BASE_SECRET, AKIDTEMP: { secretAccessKey: 'tempSecret', sessionToken: 'tempToken' } },
    roles: {
      [ROLE]: {},
      [ROLE2]: {},
      'arn:aws:iam::123456789012:role/needs-external-id': { externalId: 'ext-123' },
      'arn:aws:iam::123456789012:role/needs-mfa': { mfaSerial: 'arn:aws:iam::123456789012:mfa/user', mfaCode: '123456' },
    },
    webIdentityTokens: ['good-oidc-token'],
  });
});
afterAll(() => sts.close());
afterEach(() => home.cleanup());

const BASE = '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = ' + BASE_SECRET + '\n';
const setup = (config: string, credentials = BASE) => {
  home = tempHome({ config, credentials });
  return home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint });
};
const lastCall = () => sts.calls().at(-1)!;

describe('assume-role profiles', () => {
  it('assumes a role with source_profile through signed STS AssumeRole', async () => {
    const env = setup(`[profile dev]\nrole_arn = ${ROLE}\nsource_profile = base\nrole_session_name = my-session\nexternal_id = ignored-here\nduration_seconds = 1800\nregion = eu-west-1\n`);
    const c = await fromIni({ env, profile: 'dev' })();
    expect(c.source).toBe('assume-role:dev');
    expect(c.accessKeyId).toMatch(/^ASIA/);
    expect(c.accountId).toBe('123456789012');
    const issued = sts.issued().get(c.accessKeyId)!;
    expect(c.secretAccessKey).toBe(issued.secretAccessKey);
    expect(c.sessionToken).toBe(issued.sessionToken);
    expect(c.expiration?.getTime()).toBe(issued.expiration.getTime());
    expect(lastCall()).toMatchObject({
      action: 'AssumeRole',
      accessKeyId: 'AKIDBASE',
      status: 200,
      params: { RoleArn: ROLE, RoleSessionName: 'my-session', ExternalId: 'ignored-here', DurationSeconds: '1800' },
    });
    expect(inspect(c)).not.toContain(c.secretAccessKey);
  });

  it('signs with a session token when the source has one', async () => {
    const env = setup(`[profile dev]\nrole_arn = ${ROLE}\nsource_profile = tmp\n`, '[tmp]\naws_access_key_id = AKIDTEMP\naws_secret_access_key = tempSecret\naws_session_token = tempToken\n');
    await fromIni({ env, profile: 'dev' })();
    expect(lastCall()).toMatchObject({ status: 200, accessKeyId: 'AKIDTEMP' });
  });

  it('chains roles: each hop signs with the previous hop\'s credentials', async () => {
    const env = setup(`[profile dev]\nrole_arn = ${ROLE}\nsource_profile = base\n[profile prod]\nrole_arn = ${ROLE2}\nsource_profile = dev\n`);
    const before = sts.calls().length;
    const c = await fromIni({ env, profile: 'prod' })();
    const calls = sts.calls().slice(before);
    expect(calls.map((x) => [x.params['RoleArn'], x.status])).toEqual([
      [ROLE, 200],
      [ROLE2, 200],
    ]);
    // The second hop is signed with the temporary credentials the first hop returned.
    expect(calls[0]!.accessKeyId).toBe('AKIDBASE');
    expect(sts.issued().has(calls[1]!.accessKeyId!)).toBe(true);
    expect(c.accountId).toBe('210987654321');
  });

  it('a role profile may use its own static keys as source (source_profile = itself)', async () => {
    const env = setup(`[profile self]\nrole_arn = ${ROLE}\nsource_profile = self\naws_access_key_id = AKIDBASE\naws_secret_access_key = ${BASE_SECRET}\n`, '');
    const c = await fromIni({ env, profile: 'self' })();
    expect(c.source).toBe('assume-role:self');
    expect(lastCall().accessKeyId).toBe('AKIDBASE');
  });

  it('detects cycles with a typed error listing the path', async () => {
    const env = setup(`[profile a]\nrole_arn = ${ROLE}\nsource_profile = b\n[profile b]\nrole_arn = ${ROLE}\nsource_profile = c\n[profile c]\nrole_arn = ${ROLE}\nsource_profile = a\n`);
    const before = sts.calls().length;
    const e = await rejection(fromIni({ env, profile: 'a' })());
    expect(e['code']).toBe('CREDENTIALS_PROFILE_CYCLE');
    expect(e.message).toContain('a -> b -> c -> a -> b');
    expect(sts.calls().length).toBe(before);
  });

  it('a self-reference without keys is a cycle', async () => {
    const env = setup(`[profile s]\nrole_arn = ${ROLE}\nsource_profile = s\n`);
    expect((await rejection(fromIni({ env, profile: 's' })()))['code']).toBe('CREDENTIALS_PROFILE_CYCLE');
  });

  it.each([
    [`[profile x]\nrole_arn = ${ROLE}\nsource_profile = missing\n`, 'source_profile = missing, which does not exist'],
    [`[profile x]\nrole_arn = ${ROLE}\nsource_profile = base\ncredential_source = Environment\n`, 'both source_profile and credential_source'],
    [`[profile x]\nrole_arn = ${ROLE}\n`, 'no source_profile, credential_source or web_identity_token_file'],
    [`[profile x]\nrole_arn = ${ROLE}\ncredential_source = Laptop\n`, 'expected Environment, Ec2InstanceMetadata or EcsContainer'],
    [`[profile x]\nrole_arn = ${ROLE}\nsource_profile = base\nduration_seconds = 60\n`, 'duration_seconds = 60'],
    [`[profile x]\nrole_arn = ${ROLE}\nsource_profile = empty\n[profile empty]\nregion = x\n`, 'used as source_profile by x but has no credentials'],
  ])('misconfiguration is a typed error before any STS call: %#', async (config, why) => {
    const env = setup(config);
    const before = sts.calls().length;
    const e = await rejection(fromIni({ env, profile: 'x' })());
    expect(e['code']).toBe('CREDENTIALS_PROFILE_INVALID');
    expect(e.message).toContain(why);
    expect(sts.calls().length).toBe(before);
  });

  it('external_id reaches STS', async () => {
    const env = setup('[profile x]\nrole_arn = arn:aws:iam::123456789012:role/needs-external-id\nsource_profile = base\nexternal_id = ext-123\n');
    await expect(fromIni({ env, profile: 'x' })()).resolves.toMatchObject({ source: 'assume-role:x' });
    const bad = setup('[profile x]\nrole_arn = arn:aws:iam::123456789012:role/needs-external-id\nsource_profile = base\nexternal_id = wrong\n');
    const e = await rejection(fromIni({ env: bad, profile: 'x' })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_STS_ERROR', stsCode: 'AccessDenied', status: 403 });
  });

  it('mfa_serial needs a code callback; with one the code reaches STS', async () => {
    const config = '[profile x]\nrole_arn = arn:aws:iam::123456789012:role/needs-mfa\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/user\n';
    const env = setup(config);
    const before = sts.calls().length;
    const e = await rejection(fromIni({ env, profile: 'x' })());
    expect(e['code']).toBe('CREDENTIALS_MFA_REQUIRED');
    expect(sts.calls().length).toBe(before);
    const asked: string[] = [];
    const c = await fromIni({ env, profile: 'x', mfaCodeProvider: async (serial) => (asked.push(serial), '123456') })();
    expect(asked).toEqual(['arn:aws:iam::123456789012:mfa/user']);
    expect(c.source).toBe('assume-role:x');
    expect(lastCall().params).toMatchObject({ SerialNumber: 'arn:aws:iam::123456789012:mfa/user', TokenCode: '123456' });
  });

  it('a wrong base secret surfaces STS\'s SignatureDoesNotMatch without leaking the secret', async () => {
    const env = setup(`[profile x]\nrole_arn = ${ROLE}\nsource_profile = base\n`, '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = totallyWrongSecretValue\n');
    const e = await rejection(fromIni({ env, profile: 'x' })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_STS_ERROR', stsCode: 'SignatureDoesNotMatch', status: 403 });
    expect(e.message).not.toContain('totallyWrongSecretValue');
  });

  it('an unknown role is AccessDenied', async () => {
    const env = setup('[profile x]\nrole_arn = arn:aws:iam::123456789012:role/unknown\nsource_profile = base\n');
    expect(await rejection(fromIni({ env, profile: 'x' })())).toMatchObject({ code: 'CREDENTIALS_STS_ERROR', stsCode: 'AccessDenied' });
  });

  it('credential_source = Environment signs with env keys', async () => {
    home = tempHome({ config: `[profile x]\nrole_arn = ${ROLE}\ncredential_source = Environment\n` });
    const env = home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_ACCESS_KEY_ID: 'AKIDBASE', AWS_SECRET_ACCESS_KEY: BASE_SECRET });
    await fromIni({ env, profile: 'x' })();
    expect(lastCall()).toMatchObject({ status: 200, accessKeyId: 'AKIDBASE' });
    const e = await rejection(fromIni({ env: home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint }), profile: 'x' })());
    expect(e['code']).toBe('CREDENTIALS_PROFILE_INVALID');
    expect(e.message).toContain('credential_source = Environment, but AWS_ACCESS_KEY_ID');
  });

  it('credential_source = Ec2InstanceMetadata signs with the instance role (emulated IMDS)', async () => {
    resetImdsVerdicts();
    const imds = await startImdsEmulator({ credentials: { accessKeyId: 'AKIDTEMP', secretAccessKey: 'tempSecret', sessionToken: 'tempToken' } });
    try {
      home = tempHome({ config: `[profile x]\nrole_arn = ${ROLE}\ncredential_source = Ec2InstanceMetadata\n` });
      const env = home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint });
      const c = await fromIni({ env, profile: 'x', logger: recordingLogger() })();
      expect(c.source).toBe('assume-role:x');
      expect(lastCall()).toMatchObject({ status: 200, accessKeyId: 'AKIDTEMP' });
      expect(imds.stats().credentialRequests).toBe(1);
    } finally {
      await imds.close();
    }
  });

  it('credential_source = EcsContainer signs with the container credentials', async () => {
    const container = await startContainerEmulator({ credentials: { accessKeyId: 'AKIDTEMP', secretAccessKey: 'tempSecret', sessionToken: 'tempToken' } });
    try {
      home = tempHome({ config: `[profile x]\nrole_arn = ${ROLE}\ncredential_source = EcsContainer\n` });
      const env = home.env({
        AWS_ENDPOINT_URL_STS: sts.endpoint,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: container.url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: container.authorizationToken!,
      });
      await fromIni({ env, profile: 'x' })();
      expect(lastCall()).toMatchObject({ status: 200, accessKeyId: 'AKIDTEMP' });
    } finally {
      await container.close();
    }
  });

  it('a source profile with only credential_source forwards that source', async () => {
    home = tempHome({ config: `[profile x]\nrole_arn = ${ROLE}\nsource_profile = envsrc\n[profile envsrc]\ncredential_source = Environment\n` });
    const env = home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_ACCESS_KEY_ID: 'AKIDBASE', AWS_SECRET_ACCESS_KEY: BASE_SECRET });
    await fromIni({ env, profile: 'x' })();
    expect(lastCall()).toMatchObject({ status: 200, accessKeyId: 'AKIDBASE' });
  });

  it('the STS endpoint can come from a [services] section or the stsEndpoint option', async () => {
    home = tempHome({ config: `[profile x]\nrole_arn = ${ROLE}\nsource_profile = base\nservices = local\n[services local]\nsts =\n  endpoint_url = ${sts.endpoint}\n`, credentials: BASE });
    await expect(fromIni({ env: home.env(), profile: 'x' })()).resolves.toMatchObject({ source: 'assume-role:x' });
    const noEnv = home.env();
    await expect(fromIni({ env: noEnv, profile: 'base' })()).resolves.toMatchObject({ source: 'profile:base' });
    home.write('config', `[profile y]\nrole_arn = ${ROLE}\nsource_profile = base\n`);
    await expect(fromIni({ env: home.env(), profile: 'y', stsEndpoint: sts.endpoint })()).resolves.toMatchObject({ source: 'assume-role:y' });
  });

  it('a network failure talking to STS is a typed error', async () => {
    const env = setup(`[profile x]\nrole_arn = ${ROLE}\nsource_profile = base\n`);
    const e = await rejection(fromIni({ env: { ...env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, profile: 'x' })());
    expect(e['code']).toBe('CREDENTIALS_NETWORK');
  });
});

describe('web identity', () => {
  it('profile web_identity_token_file + role_arn calls AssumeRoleWithWebIdentity unsigned', async () => {
    home = tempHome();
    const tokenFile = home.write('token', 'good-oidc-token\n');
    home.write('config', `[profile w]\nrole_arn = ${ROLE}\nweb_identity_token_file = ${tokenFile}\nrole_session_name = pod-1\n`);
    const c = await fromIni({ env: home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint }), profile: 'w' })();
    expect(c.source).toBe('web-identity:w');
    expect(lastCall()).toMatchObject({
      action: 'AssumeRoleWithWebIdentity',
      accessKeyId: undefined,
      status: 200,
      params: { RoleArn: ROLE, RoleSessionName: 'pod-1', WebIdentityToken: 'good-oidc-token' },
    });
  });

  it('AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ session name) from env, re-reading the token each call', async () => {
    home = tempHome();
    const tokenFile = home.write('token', 'good-oidc-token');
    const env = home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: ROLE, AWS_ROLE_SESSION_NAME: 'irsa' });
    const p = fromWebIdentity({ env });
    expect((await p()).source).toBe('web-identity');
    expect(lastCall().params['RoleSessionName']).toBe('irsa');
    writeFileSync(tokenFile, 'rotated-bad-token');
    const e = await rejection(p());
    expect(e).toMatchObject({ code: 'CREDENTIALS_STS_ERROR', stsCode: 'InvalidIdentityToken', status: 400 });
    expect(e.message).not.toContain('rotated-bad-token');
  });

  it('is "not found" without both env vars, and a typed error for an unreadable token file', async () => {
    home = tempHome();
    expect(await rejection(fromWebIdentity({ env: home.env({ AWS_ROLE_ARN: ROLE }) })())).toMatchObject({
      code: 'CREDENTIALS_NOT_FOUND',
      message: 'AWS_WEB_IDENTITY_TOKEN_FILE not set',
    });
    const e = await rejection(fromWebIdentity({ env: home.env({ AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '/nonexistent/token' }) })());
    expect(e).toMatchObject({ code: 'CREDENTIALS_WEB_IDENTITY_TOKEN', file: '/nonexistent/token' });
  });

  it('default session names are rawaws-session-<ms>', async () => {
    home = tempHome();
    const tokenFile = home.write('token', 'good-oidc-token');
    await fromWebIdentity({ env: home.env({ AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: ROLE }), stsEndpoint: sts.endpoint, now: () => 1700000000000 })();
    expect(lastCall().params['RoleSessionName']).toBe('rawaws-session-1700000000000');
  });
});
