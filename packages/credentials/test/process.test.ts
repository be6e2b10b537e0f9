import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { fromIni, fromProcess } from '../src/from-ini.js';
import { rejection, tempHome, type TempHome } from './helpers.js';

let home: TempHome;
afterEach(() => home.cleanup());

const SECRET = 'procSecret/With+Chars=';
/** Writes a node script printing `output` and returns a profile using it as credential_process. */
function profileWith(script: string, extra = ''): FromHome {
  home = tempHome();
  const path = home.write('cred-proc.mjs', script);
  home.write('config', `[profile p]\ncredential_process = "${process.execPath}" "${path}"\n${extra}`);
  return { env: home.env(), profile: 'p' };
}
type FromHome = { env: Record<string, string | undefined>; profile: string };

const print = (obj: unknown) => `process.stdout.write(${JSON.stringify(JSON.stringify(obj))});`;

describe('credential_process', () => {
  it('reads Version 1 JSON with token, expiry and account id', async () => {
    const init = profileWith(
      print({ Version: 1, AccessKeyId: 'PROCKEY', SecretAccessKey: SECRET, SessionToken: 'PT', Expiration: '2099-01-01T00:00:00Z', AccountId: '111122223333' }),
    );
    const c = await fromIni(init)();
    expect(c).toMatchObject({ accessKeyId: 'PROCKEY', secretAccessKey: SECRET, sessionToken: 'PT', source: 'process:p', accountId: '111122223333' });
    expect(c.expiration?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
    expect(inspect(c)).not.toContain(SECRET);
  });

  it('passes the provider env to the process and runs through the shell', async () => {
    home = tempHome();
    const path = home.write('env-proc.mjs', `process.stdout.write(JSON.stringify({Version:1,AccessKeyId:process.env.FROM_ENV,SecretAccessKey:'s'}))`);
    home.write('config', `[default]\ncredential_process = "${process.execPath}" "${path}" 2>/dev/null\n`);
    expect((await fromIni({ env: home.env({ FROM_ENV: 'ENVKEY' }) })()).accessKeyId).toBe('ENVKEY');
  });

  it('fromProcess uses only credential_process, ignoring static keys beside it', async () => {
    const init = profileWith(print({ Version: 1, AccessKeyId: 'ONLYPROC', SecretAccessKey: 's' }), 'aws_access_key_id = STATIC\naws_secret_access_key = s\n');
    expect((await fromIni(init)()).accessKeyId).toBe('STATIC');
    expect((await fromProcess(init)()).accessKeyId).toBe('ONLYPROC');
  });

  it('fromProcess is "not found" for a profile without credential_process', async () => {
    home = tempHome({ config: '[default]\nregion = x\n' });
    expect((await rejection(fromProcess({ env: home.env() })()))['code']).toBe('CREDENTIALS_NOT_FOUND');
  });

  it.each([
    ['not JSON', `process.stdout.write('AccessKeyId=${SECRET}')`, 'not JSON'],
    ['an array', print([1]), 'not a JSON object'],
    ['Version 2', print({ Version: 2, AccessKeyId: 'A', SecretAccessKey: SECRET }), '"Version" must be 1, got 2'],
    ['Version "1"', print({ Version: '1', AccessKeyId: 'A', SecretAccessKey: SECRET }), '"Version" must be 1, got "1"'],
    ['no secret', print({ Version: 1, AccessKeyId: 'A' }), '"SecretAccessKey" must be a non-empty string'],
    ['numeric token', print({ Version: 1, AccessKeyId: 'A', SecretAccessKey: SECRET, SessionToken: 5 }), '"SessionToken" must be a string'],
    ['bad date', print({ Version: 1, AccessKeyId: 'A', SecretAccessKey: SECRET, Expiration: 'soon' }), 'not an ISO-8601 date'],
  ])('rejects output that is %s, without echoing it', async (_what, script, why) => {
    const e = await rejection(fromIni(profileWith(script))());
    expect(e['code']).toBe('CREDENTIALS_PROCESS_INVALID_OUTPUT');
    expect(e.message).toContain(why);
    expect(e.message).toContain('credential_process of profile p');
    expect(e.message).not.toContain(SECRET);
  });

  it('rejects expired credentials', async () => {
    const e = await rejection(fromIni(profileWith(print({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'S', Expiration: '2001-01-01T00:00:00Z' })))());
    expect(e['code']).toBe('CREDENTIALS_EXPIRED');
  });

  it('reports a non-zero exit with the tail of stderr', async () => {
    const e = await rejection(fromIni(profileWith(`console.error('token expired, run login'); process.exit(3)`))());
    expect(e['code']).toBe('CREDENTIALS_PROCESS_FAILED');
    expect(e.message).toContain('exited with code 3');
    expect(e.message).toContain('run login');
  });

  it('reports a command that does not exist', async () => {
    home = tempHome({ config: '[default]\ncredential_process = /nonexistent/rawaws-cred-helper --flag\n' });
    const e = await rejection(fromIni({ env: home.env() })());
    expect(e['code']).toBe('CREDENTIALS_PROCESS_FAILED');
    expect(e.message).toMatch(/exited with code 127/);
  });

  it('kills a process that hangs, after the timeout', async () => {
    const init = profileWith(`setTimeout(() => {}, 60_000)`);
    const t0 = Date.now();
    const e = await rejection(fromIni({ ...init, processTimeoutMs: 300 })());
    expect(e['code']).toBe('CREDENTIALS_PROCESS_TIMEOUT');
    expect(e.message).toContain('300 ms');
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
