// Property-based differential test: random (but well-formed) shared config files are parsed identically by us and
// by @smithy/shared-ini-file-loader, for both the config and the credentials file, with a fixed seed.
import { writeFileSync } from 'node:fs';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSharedConfig } from '../src/shared-config.js';
import { tempHome } from './helpers.js';
import { withProcessEnv } from './sdk-env.js';

const idChar = fc.constantFrom(...'abcXYZ019_-.@+%:/'.split(''));
const id = fc.array(idChar, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const oddId = fc.oneof(id, fc.constantFrom('a b', 'x!', 'default', 'profile'));
const header = fc
  .tuple(
    fc.oneof(
      fc.constant('default'),
      id.map((n) => `profile ${n}`),
      id.map((n) => `profile "${n}"`),
      id.map((n) => `profile '${n}'`),
      id.map((n) => `services ${n}`),
      id.map((n) => `sso-session ${n}`),
      oddId,
      oddId.map((n) => `foo ${n}`),
      id.map((n) => ` ${n}`),
      fc.constant('profile default'),
    ),
    fc.constantFrom('', ' # c', ' ; c', '   '),
  )
  .map(([n, tail]) => `[${n}]${tail}`);
const key = fc.array(fc.constantFrom(...'akz_019.-'.split('')), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const value = fc
  .array(fc.constantFrom(...'aZ9=#;[]/+ .:'.split('')), { minLength: 1, maxLength: 10 })
  .map((a) => a.join(''))
  .filter((v) => v.trim() !== '' && !/^[#;]/.test(v.trim()));
const indent = fc.constantFrom('', '', '  ', '\t');
const kv = fc
  .tuple(indent, key, fc.constantFrom('=', ' = ', '=  ', '\t=\t'), value, fc.constantFrom('', '', ' # c', ' ;c', '#x'))
  .map(([i, k, eq, v, c]) => `${i}${k}${eq}${v}${c}`);
const subStart = fc.tuple(key, fc.constantFrom(' =', '=', ' =  ')).map(([k, eq]) => `${k}${eq}`);
const other = fc.constantFrom('', '# comment', '; comment', '   ', '  # indented');
const line = fc.oneof({ weight: 2, arbitrary: header }, { weight: 6, arbitrary: kv }, { weight: 2, arbitrary: subStart }, { weight: 1, arbitrary: other });
const file = fc.tuple(header, fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([h, ls, eol]) => [h, ...ls].join(eol));

const home = tempHome();
afterAll(() => home.cleanup());

describe('differential fuzz: parsing vs @smithy/shared-ini-file-loader', () => {
  it('agrees on 300 random config/credentials file pairs', async () => {
    await fc.assert(
      fc.asyncProperty(file, file, async (config, credentials) => {
        writeFileSync(home.config, config);
        writeFileSync(home.credentials, credentials);
        const env = home.env();
        const ours = await loadSharedConfig({ env });
        const sdk = await withProcessEnv(env, () => loadSharedConfigFiles({ ignoreCache: true }));
        const oursConfig: Record<string, unknown> = {};
        for (const [k, v] of ours.configProfiles) oursConfig[k] = { ...v };
        for (const [k, v] of ours.services) oursConfig[`services.${k}`] = { ...v };
        for (const [k, v] of ours.ssoSessions) oursConfig[`sso-session.${k}`] = { ...v };
        expect(oursConfig).toEqual(JSON.parse(JSON.stringify(sdk.configFile)));
        expect(Object.fromEntries([...ours.credentialsProfiles].map(([k, v]) => [k, { ...v }]))).toEqual(JSON.parse(JSON.stringify(sdk.credentialsFile)));
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
