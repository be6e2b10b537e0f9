// Differential tests: our shared-file parsing, profile settings and credential resolution against the AWS SDK for
// JavaScript v3 (@smithy/shared-ini-file-loader and @aws-sdk/credential-providers) on the same files and env.
// The SDK never reaches AWS: role assumers are captured in-process, IMDS is disabled or pointed at the emulator.
import { fromEnv as sdkFromEnv, fromIni as sdkFromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { startImdsEmulator, startStsEmulator, type StsEmulator } from '@rawaws/imds-emulator';
import { loadSharedConfigFiles, parseKnownFiles } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentials } from '../src/default-credentials.js';
import { fromEnv } from '../src/from-env.js';
import { fromIni } from '../src/from-ini.js';
import { resetImdsVerdicts } from '../src/from-imds.js';
import { loadProfileSettings } from '../src/load-profile-settings.js';
import type { Env } from '../src/provider.js';
import { loadSharedConfig, mergedProfile } from '../src/shared-config.js';
import { recordingLogger, tempHome, type TempHome } from './helpers.js';
import { outcome, withProcessEnv } from './sdk-env.js';

const plain = (o: object | undefined): Record<string, string> | undefined => (o === undefined ? undefined : { ...o });
const sdkProfile = (profile: string | undefined) => (profile === undefined ? {} : { profile });
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface Case {
  name: string;
  config?: string;
  credentials?: string;
  env?: Env;
  profile?: string;
}

const K = 'aws_access_key_id = AKIDDEFAULT\naws_secret_access_key = secretDefault\n';
const corpus: Case[] = [
  { name: 'plain default in credentials', credentials: `[default]\n${K}` },
  { name: 'static keys with session token', credentials: '[default]\naws_access_key_id = A\naws_secret_access_key = S\naws_session_token = T\n' },
  { name: 'profile in both files, credentials file wins per key', config: '[profile dev]\naws_access_key_id = CFG\naws_secret_access_key = cfgS\nregion = eu-west-1\n', credentials: '[dev]\naws_access_key_id = CRED\n', profile: 'dev' },
  { name: 'keys only in the config file', config: '[default]\naws_access_key_id = CFGONLY\naws_secret_access_key = s\n' },
  { name: 'region in the credentials file, keys in config', config: '[profile p]\naws_access_key_id = P\naws_secret_access_key = s\n', credentials: '[p]\nregion = ap-southeast-2\n', profile: 'p' },
  { name: 'comments of every kind', config: '# c\n; c\n[default] # c\nregion = us-west-2 ; c\noutput = json#kept\n  # indented\n', credentials: `; top\n[default] ; c\n${K}aws_session_token = tok#en ;c\n` },
  { name: 'whitespace: tabs, padding, no spaces', credentials: '[default]\n\taws_access_key_id=TABS  \n   aws_secret_access_key   =    s p a c e d   \n' },
  { name: 'CRLF line endings and a BOM', config: '\uFEFF[default]\r\nregion = us-east-2\r\n', credentials: `[default]\r\n${K.replace(/\n/g, '\r\n')}` },
  { name: 'duplicate sections merge, later keys win', credentials: '[default]\naws_access_key_id = FIRST\naws_secret_access_key = s1\n[other]\nx = 1\n[default]\naws_access_key_id = SECOND\n' },
  { name: '[profile default] replaces [default] in config', config: '[default]\nregion = us-west-1\noutput = text\n[profile default]\nregion = us-west-2\naws_access_key_id = PD\naws_secret_access_key = s\n' },
  { name: '[profile default] before [default]', config: '[profile default]\nregion = us-west-2\n[default]\nregion = us-west-1\n', credentials: `[default]\n${K}` },
  { name: '[x] in config is ignored', config: '[dev]\naws_access_key_id = IGNORED\naws_secret_access_key = s\nregion = x\n', profile: 'dev' },
  { name: '[profile x] in the credentials file is not profile x', credentials: '[profile dev]\naws_access_key_id = NOPE\naws_secret_access_key = s\n', profile: 'dev' },
  { name: 'sub-sections and services', config: '[profile p]\nservices = svc\ns3 =\n  addressing_style = path\n  max_concurrent_requests = 5\nregion = us-east-1\n[services svc]\nsts =\n  endpoint_url = http://127.0.0.1:1\n[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://x.awsapps.com/start\n', credentials: `[p]\n${K}`, profile: 'p' },
  { name: 'quoted and unusual profile names', config: `[profile "quoted"]\n${K}[profile 'single']\nregion = r1\n[profile a.b@c+d%e:f/g-h_i]\nregion = r2\n[profile  two-spaces]\nregion = r3\n[ spaced ]\nregion = r4\n[foo bar]\nregion = r5\n`, profile: 'quoted' },
  { name: 'empty value starts a sub-section, value with =', credentials: '[default]\naws_session_token =\naws_access_key_id = A=B==\naws_secret_access_key = s=\n' },
  { name: 'AWS_PROFILE selects the profile', credentials: `[default]\n${K}[work]\naws_access_key_id = WORK\naws_secret_access_key = w\n`, env: { AWS_PROFILE: 'work' } },
  { name: 'upper-case keys are not recognised', credentials: '[default]\nAWS_ACCESS_KEY_ID = A\nAWS_SECRET_ACCESS_KEY = S\n' },
  { name: 'only an access key id', credentials: '[default]\naws_access_key_id = HALF\n' },
  { name: 'empty files', config: '', credentials: '' },
  { name: 'missing profile', credentials: `[default]\n${K}`, profile: 'absent' },
  { name: 'profile with settings only', config: '[profile settings]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9000\n', profile: 'settings' },
  { name: 'comment-only and blank lines between sections', config: '\n\n[default]\n\n\n# x\nregion = a\n\n[profile b]\n\nregion = b\n', profile: 'b' },
];

const EXPECTED_KEY: Record<string, string | null> = {
  'plain default in credentials': 'AKIDDEFAULT',
  'static keys with session token': 'A',
  'profile in both files, credentials file wins per key': 'CRED',
  'keys only in the config file': 'CFGONLY',
  'region in the credentials file, keys in config': 'P',
  'comments of every kind': 'AKIDDEFAULT',
  'whitespace: tabs, padding, no spaces': 'TABS',
  'CRLF line endings and a BOM': 'AKIDDEFAULT',
  'duplicate sections merge, later keys win': 'SECOND',
  '[profile default] replaces [default] in config': 'PD',
  '[profile default] before [default]': 'AKIDDEFAULT',
  '[x] in config is ignored': null,
  '[profile x] in the credentials file is not profile x': null,
  'sub-sections and services': 'AKIDDEFAULT',
  'quoted and unusual profile names': 'AKIDDEFAULT',
  'empty value starts a sub-section, value with =': 'A=B==',
  'AWS_PROFILE selects the profile': 'WORK',
  'upper-case keys are not recognised': null,
  'only an access key id': null,
  'empty files': null,
  'missing profile': null,
  'profile with settings only': null,
  'comment-only and blank lines between sections': null,
};

let home: TempHome;
const setup = (c: Case): Env => {
  home = tempHome({ config: c.config ?? '', credentials: c.credentials ?? '' });
  return home.env({ AWS_EC2_METADATA_DISABLED: 'true', ...c.env });
};

describe('differential: shared file parsing vs @smithy/shared-ini-file-loader', () => {
  for (const c of corpus) {
    it(c.name, async () => {
      const env = setup(c);
      try {
        const ours = await loadSharedConfig({ env });
        const sdk = await withProcessEnv(env, () => loadSharedConfigFiles({ ignoreCache: true }));
        // Rebuild the SDK's shape (`services.x` / `sso-session.x` keys in the config map) from ours.
        const oursConfig: Record<string, unknown> = {};
        for (const [k, v] of ours.configProfiles) oursConfig[k] = plain(v);
        for (const [k, v] of ours.services) oursConfig[`services.${k}`] = plain(v);
        for (const [k, v] of ours.ssoSessions) oursConfig[`sso-session.${k}`] = plain(v);
        const oursCreds = Object.fromEntries([...ours.credentialsProfiles].map(([k, v]) => [k, plain(v)]));
        expect(oursConfig).toEqual(JSON.parse(JSON.stringify(sdk.configFile)));
        expect(oursCreds).toEqual(JSON.parse(JSON.stringify(sdk.credentialsFile)));

        // Credential resolution merges with the credentials file winning (parseKnownFiles).
        const known = await withProcessEnv(env, () => parseKnownFiles({ ignoreCache: true }));
        for (const name of Object.keys(known).filter((n) => !n.startsWith('services.') && !n.startsWith('sso-session.'))) {
          expect(plain(mergedProfile(ours, name, 'credentials')), name).toEqual({ ...known[name] });
        }

        // Settings (region, endpoint_url...) merge with the config file winning (the SDK's config loader).
        const profile = c.profile ?? env['AWS_PROFILE'] ?? 'default';
        const settings = await loadProfileSettings({ env, profile });
        expect(settings).toEqual({ ...sdk.credentialsFile[profile], ...sdk.configFile[profile] });
      } finally {
        home.cleanup();
      }
    });
  }
});

describe('differential: fromIni / fromEnv credentials vs @aws-sdk/credential-providers', () => {
  for (const c of corpus) {
    it(c.name, async () => {
      const env = setup(c);
      try {
        const ours = await outcome(fromIni({ env, profile: c.profile })());
        const sdk = await withProcessEnv(env, () => outcome(sdkFromIni({ ...sdkProfile(c.profile), ignoreCache: true, logger: silent })()));
        expect(ours).toEqual(sdk);
        // Pin the agreed answer too, so "both failed" can't pass by accident.
        expect(ours.ok ? ours.accessKeyId : null).toBe(EXPECTED_KEY[c.name]);
      } finally {
        home.cleanup();
      }
    });
  }

  const envCases: Env[] = [
    { AWS_ACCESS_KEY_ID: 'E', AWS_SECRET_ACCESS_KEY: 'S' },
    { AWS_ACCESS_KEY_ID: 'E', AWS_SECRET_ACCESS_KEY: 'S', AWS_SESSION_TOKEN: 'T', AWS_CREDENTIAL_EXPIRATION: '2031-02-03T04:05:06Z' },
    { AWS_ACCESS_KEY_ID: 'E', AWS_SECRET_ACCESS_KEY: 'S', AWS_SESSION_TOKEN: '' },
    { AWS_ACCESS_KEY_ID: 'E' },
    { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: 'S' },
    {},
  ];
  for (const e of envCases) {
    it(`fromEnv ${JSON.stringify(e)}`, async () => {
      const ours = await outcome(fromEnv({ env: e })());
      const sdk = await withProcessEnv(e, () => outcome(sdkFromEnv()()));
      expect(ours).toEqual(sdk);
    });
  }
});

describe('differential: default chain source selection (IMDS disabled on both sides)', () => {
  const files = { credentials: `[default]\n${K}[dev]\naws_access_key_id = DEV\naws_secret_access_key = d\n`, config: '[profile settings]\nregion = x\n' };
  const combos: [string, Env, string | undefined][] = [
    ['env keys only', { AWS_ACCESS_KEY_ID: 'ENV', AWS_SECRET_ACCESS_KEY: 'e' }, undefined],
    ['env keys and AWS_PROFILE', { AWS_ACCESS_KEY_ID: 'ENV', AWS_SECRET_ACCESS_KEY: 'e', AWS_PROFILE: 'dev' }, undefined],
    ['env keys and profile option', { AWS_ACCESS_KEY_ID: 'ENV', AWS_SECRET_ACCESS_KEY: 'e' }, 'dev'],
    ['half env keys fall through to the default profile', { AWS_ACCESS_KEY_ID: 'ENV' }, undefined],
    ['AWS_PROFILE without credentials', { AWS_PROFILE: 'settings' }, undefined],
    ['nothing but files', {}, undefined],
    ['AWS_PROFILE empty string', { AWS_PROFILE: '', AWS_ACCESS_KEY_ID: 'ENV', AWS_SECRET_ACCESS_KEY: 'e' }, undefined],
  ];
  for (const [name, extra, profile] of combos) {
    it(name, async () => {
      home = tempHome(files);
      const env = home.env({ AWS_EC2_METADATA_DISABLED: 'true', ...extra });
      try {
        const ours = await outcome(defaultCredentials({ env, profile, memoize: false, logger: recordingLogger() })());
        const sdk = await withProcessEnv(env, () => outcome(fromNodeProviderChain({ ...sdkProfile(profile), ignoreCache: true, logger: silent })()));
        expect(ours).toEqual(sdk);
      } finally {
        home.cleanup();
      }
    });
  }
});

describe('differential: assume-role and web identity parameters', () => {
  let sts: StsEmulator;
  beforeAll(async () => {
    sts = await startStsEmulator({ keys: { AKIDBASE: 'baseSecret', AKIDENV: 'envSecret' } });
  });
  afterAll(() => sts.close());

  type Hop = { source: string; RoleArn: string; RoleSessionName: string | undefined; ExternalId: string | undefined; DurationSeconds: string };
  const R = (n: string) => `arn:aws:iam::123456789012:role/${n}`;
  const roleCases: Case[] = [
    { name: 'single hop with every option', config: `[profile r]\nrole_arn = ${R('a')}\nsource_profile = base\nrole_session_name = sess\nexternal_id = ext\nduration_seconds = 1800\n`, profile: 'r' },
    { name: 'defaults (session name generated, 3600 s)', config: `[profile r]\nrole_arn = ${R('a')}\nsource_profile = base\n`, profile: 'r' },
    { name: 'three-hop chain', config: `[profile r1]\nrole_arn = ${R('one')}\nsource_profile = base\n[profile r2]\nrole_arn = ${R('two')}\nsource_profile = r1\n[profile r3]\nrole_arn = ${R('three')}\nsource_profile = r2\nrole_session_name = last\n`, profile: 'r3' },
    { name: 'source_profile = itself with static keys', config: `[profile self]\nrole_arn = ${R('self')}\nsource_profile = self\naws_access_key_id = AKIDBASE\naws_secret_access_key = baseSecret\n`, profile: 'self' },
    { name: 'role profile in the credentials file', credentials: `[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = baseSecret\n[r]\nrole_arn = ${R('increds')}\nsource_profile = base\n`, profile: 'r' },
    { name: 'role keys win over static keys in the top profile', config: `[profile r]\nrole_arn = ${R('a')}\nsource_profile = base\naws_access_key_id = TOPKEY\naws_secret_access_key = t\n`, profile: 'r' },
    { name: 'source profile with keys and a role uses its keys', config: `[profile r]\nrole_arn = ${R('top')}\nsource_profile = mid\n[profile mid]\nrole_arn = ${R('mid')}\nsource_profile = base\naws_access_key_id = AKIDBASE\naws_secret_access_key = baseSecret\n`, profile: 'r' },
    { name: 'credential_source = Environment', config: `[profile r]\nrole_arn = ${R('env')}\ncredential_source = Environment\n`, env: { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envSecret' }, profile: 'r' },
    { name: 'source profile that only has credential_source', config: `[profile r]\nrole_arn = ${R('fwd')}\nsource_profile = src\n[profile src]\ncredential_source = Environment\n`, env: { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envSecret' }, profile: 'r' },
    { name: 'cycle', config: `[profile a]\nrole_arn = ${R('a')}\nsource_profile = b\n[profile b]\nrole_arn = ${R('b')}\nsource_profile = a\n`, profile: 'a' },
  ];
  const HOPS: Record<string, number> = {
    'single hop with every option': 1,
    'defaults (session name generated, 3600 s)': 1,
    'three-hop chain': 3,
    'source_profile = itself with static keys': 1,
    'role profile in the credentials file': 1,
    'role keys win over static keys in the top profile': 1,
    'source profile with keys and a role uses its keys': 1,
    'credential_source = Environment': 1,
    'source profile that only has credential_source': 1,
    cycle: 0,
  };
  const BASE = '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = baseSecret\n';

  for (const c of roleCases) {
    it(c.name, async () => {
      home = tempHome({ config: c.config ?? '', credentials: c.credentials ?? BASE });
      const env = home.env({ AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL_STS: sts.endpoint, ...c.env });
      try {
        // Ours: real signed calls to the STS emulator; a key it issued is named after the role that issued it.
        const before = sts.calls().length;
        const oursResult = await outcome(fromIni({ env, profile: c.profile })());
        const calls = sts.calls().slice(before);
        const issuedBy = new Map(calls.map((x) => [x.issuedAccessKeyId, `ASSUMED:${x.params['RoleArn']}`]));
        const oursHops: Hop[] = calls.map((x) => ({
          source: issuedBy.get(x.accessKeyId) ?? x.accessKeyId ?? '',
          RoleArn: x.params['RoleArn'] ?? '',
          RoleSessionName: x.params['RoleSessionName'],
          ExternalId: x.params['ExternalId'],
          DurationSeconds: x.params['DurationSeconds'] ?? '3600',
        }));
        // SDK: the role assumer is captured in-process.
        const sdkHops: Hop[] = [];
        const sdkResult = await withProcessEnv(env, () =>
          outcome(
            sdkFromIni({
              ...sdkProfile(c.profile),
              ignoreCache: true,
              logger: silent,
              roleAssumer: async (src, p) => {
                sdkHops.push({ source: src.accessKeyId, RoleArn: p.RoleArn ?? '', RoleSessionName: p.RoleSessionName, ExternalId: p.ExternalId, DurationSeconds: String(p.DurationSeconds) });
                return { accessKeyId: `ASSUMED:${p.RoleArn}`, secretAccessKey: 'x', sessionToken: 'y' };
              },
            })(),
          ),
        );
        expect(oursResult.ok).toBe(sdkResult.ok);
        const norm = (h: Hop) => ({ ...h, RoleSessionName: /^(aws-sdk-js|rawaws)-\d+$/.test(h.RoleSessionName ?? '') ? '<generated>' : h.RoleSessionName });
        expect(oursHops.map(norm)).toEqual(sdkHops.map(norm));
        expect(oursHops.length).toBe(HOPS[c.name]);
        expect(oursResult.ok).toBe(c.name !== 'cycle');
      } finally {
        home.cleanup();
      }
    });
  }

  it('credential_source = Ec2InstanceMetadata (both sides against the IMDS emulator)', async () => {
    resetImdsVerdicts();
    const imds = await startImdsEmulator({ credentials: { accessKeyId: 'AKIDBASE', secretAccessKey: 'baseSecret', sessionToken: 'imdsToken' } });
    home = tempHome({ config: `[profile r]\nrole_arn = ${R('ec2')}\ncredential_source = Ec2InstanceMetadata\n` });
    const env = home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint });
    try {
      const before = sts.calls().length;
      await fromIni({ env, profile: 'r', logger: recordingLogger() })();
      const ours = sts.calls().slice(before).map((x) => [x.accessKeyId, x.params['RoleArn']]);
      const sdk: string[][] = [];
      await withProcessEnv(env, () =>
        sdkFromIni({ profile: 'r', ignoreCache: true, logger: silent, roleAssumer: async (src, p) => (sdk.push([src.accessKeyId, p.RoleArn ?? '']), { accessKeyId: 'x', secretAccessKey: 'y' }) })(),
      );
      expect(ours).toEqual([['AKIDBASE', R('ec2')]]);
      expect(ours).toEqual(sdk);
    } finally {
      await imds.close();
      home.cleanup();
    }
  });

  it('web identity profile and env', async () => {
    home = tempHome();
    const token = home.write('token', 'oidc-token-value');
    home.write('config', `[profile w]\nrole_arn = ${R('web')}\nweb_identity_token_file = ${token}\nrole_session_name = pod\n`);
    const env = home.env({ AWS_ENDPOINT_URL_STS: sts.endpoint, AWS_EC2_METADATA_DISABLED: 'true' });
    try {
      for (const [profile, extra] of [
        ['w', {}],
        [undefined, { AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_ARN: R('irsa'), AWS_ROLE_SESSION_NAME: 'irsa-session' }],
      ] as const) {
        const e = { ...env, ...extra };
        const before = sts.calls().length;
        await (profile === undefined ? defaultCredentials({ env: e, memoize: false }) : fromIni({ env: e, profile }))();
        const ours = sts.calls().slice(before).map((x) => [x.params['RoleArn'], x.params['RoleSessionName'], x.params['WebIdentityToken']]);
        const sdk: (string | undefined)[][] = [];
        await withProcessEnv(e, () =>
          fromNodeProviderChain({
            ...sdkProfile(profile),
            ignoreCache: true,
            logger: silent,
            roleAssumerWithWebIdentity: async (p) => (sdk.push([p.RoleArn, p.RoleSessionName, p.WebIdentityToken]), { accessKeyId: 'x', secretAccessKey: 'y' }),
          })(),
        );
        expect(ours).toEqual(sdk);
        expect(ours).toHaveLength(1);
      }
    } finally {
      home.cleanup();
    }
  });
});

describe('documented differences from the SDK', () => {
  it('a malformed line: the SDK drops it silently, we fail with file and line', async () => {
    home = tempHome({ credentials: `[default]\n${K}this line is garbage\n` });
    const env = home.env();
    try {
      await expect(fromIni({ env })()).rejects.toMatchObject({ code: 'CREDENTIALS_CONFIG_PARSE', line: 4 });
      const sdk = await withProcessEnv(env, () => outcome(sdkFromIni({ ignoreCache: true, logger: silent })()));
      expect(sdk).toMatchObject({ ok: true, accessKeyId: 'AKIDDEFAULT' });
    } finally {
      home.cleanup();
    }
  });

  it('role_arn without a source: the SDK falls back to static keys, we fail (as botocore does)', async () => {
    home = tempHome({ config: '[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\naws_access_key_id = K\naws_secret_access_key = s\n' });
    const env = home.env();
    try {
      await expect(fromIni({ env, profile: 'r' })()).rejects.toMatchObject({ code: 'CREDENTIALS_PROFILE_INVALID' });
      expect(await withProcessEnv(env, () => outcome(sdkFromIni({ profile: 'r', ignoreCache: true, logger: silent })()))).toMatchObject({ ok: true, accessKeyId: 'K' });
    } finally {
      home.cleanup();
    }
  });
});
