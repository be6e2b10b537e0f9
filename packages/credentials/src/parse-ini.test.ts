import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCredentialsError } from './errors.js';
import { parseIni } from './parse-ini.js';

const values = (text: string): Record<string, Record<string, string>> =>
  Object.fromEntries([...parseIni(text, '/f')].map(([k, s]) => [k, { ...s.values }]));

describe('parseIni', () => {
  it('reads sections, typed sections and keys with whitespace around them', () => {
    const text = '[default]\n  region=us-west-2  \n[profile dev]\nregion = eu-west-1\n[services s]\nsts =\n  endpoint_url = http://x\n[sso-session corp]\nsso_region = us-east-1\n';
    expect(values(text)).toEqual({
      default: { region: 'us-west-2' },
      'profile.dev': { region: 'eu-west-1' },
      'services.s': { 'sts.endpoint_url': 'http://x' },
      'sso-session.corp': { sso_region: 'us-east-1' },
    });
  });

  it('strips # and ; comments only at line start or after whitespace', () => {
    const text = '# top\n; also\n[default] # trailing\nk1 = a#b\nk2 = a #b\nk3 = a;b\nk4 = a ;b\n  # indented comment\n';
    expect(values(text)).toEqual({ default: { k1: 'a#b', k2: 'a', k3: 'a;b', k4: 'a' } });
  });

  it('handles CRLF, a BOM and blank lines', () => {
    expect(values('\uFEFF[default]\r\n\r\naws_access_key_id = A\r\n')).toEqual({ default: { aws_access_key_id: 'A' } });
  });

  it('merges repeated sections, later keys win', () => {
    expect(values('[a]\nx = 1\ny = 1\n[b]\nz = 1\n[a]\nx = 2\n')).toEqual({ a: { x: '2', y: '1' }, b: { z: '1' } });
  });

  it('nests indented keys under "key =" and ends the sub-section at the first unindented key', () => {
    const text = '[profile p]\ns3 =\n  max_concurrent_requests = 20\n\taddressing_style = path\nregion = us-east-1\n';
    expect(values(text)['profile.p']).toEqual({
      's3.max_concurrent_requests': '20',
      's3.addressing_style': 'path',
      region: 'us-east-1',
    });
  });

  it('keeps values with = and spaces, and quoted profile names', () => {
    expect(values('[profile "q"]\nk = a=b c\n')).toEqual({ 'profile.q': { k: 'a=b c' } });
    expect(values("[profile 'q2']\nk = v\n")).toEqual({ 'profile.q2': { k: 'v' } });
  });

  it('ignores two-word headers with an unknown type, and keeps odd one-word names as-is', () => {
    expect(values('[foo bar]\nk = v\n[profile  two-spaces]\nk = v\n[ spaced ]\nk = v\n')).toEqual({
      'profile  two-spaces': { k: 'v' },
      ' spaced ': { k: 'v' },
    });
  });

  it('drops empty sections', () => {
    expect(values('[a]\n[b]\nk = v\n')).toEqual({ b: { k: 'v' } });
  });

  it.each([
    ['[default\nk = v\n', 1, 'closing'],
    ['[default]\njust text\n', 2, 'expected "key = value"'],
    ['[default]\nk = v\n= v\n', 3, 'empty key'],
    ['k = v\n[default]\n', 1, 'before the first'],
    ['[default]\ns3 =\n  continuation without equals\n', 3, 'expected'],
  ])('rejects malformed input %j at line %i naming the file', (text, line, what) => {
    try {
      parseIni(text, '/home/u/.aws/config');
      expect.unreachable();
    } catch (e) {
      expect(isCredentialsError(e) && e.code).toBe('CREDENTIALS_CONFIG_PARSE');
      expect(e).toMatchObject({ file: '/home/u/.aws/config', line });
      expect((e as Error).message).toContain(`/home/u/.aws/config:${line}:`);
      expect((e as Error).message).toContain(what);
    }
  });

  it('never quotes the offending line (it may be a secret)', () => {
    try {
      parseIni('[default]\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', '/f');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('wJalr');
    }
  });

  it('fuzz: random text either parses or throws CREDENTIALS_CONFIG_PARSE, never anything else', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom('[default]', '[profile x]', 'k = v', '  k = v', 's3 =', '#c', ';c', '', '[', ']', '=', '[services s]'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        try {
          const out = parseIni(lines.join(eol), '/f');
          for (const s of out.values()) expect(typeof s.line).toBe('number');
        } catch (e) {
          expect(isCredentialsError(e) && e.code === 'CREDENTIALS_CONFIG_PARSE').toBe(true);
        }
      }),
      { seed: 424242, numRuns: 500 },
    );
  });

  it('fuzz: random bytes decoded as UTF-8 never crash the parser', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          parseIni(Buffer.from(bytes).toString('utf8'), '/f');
        } catch (e) {
          expect(isCredentialsError(e) && e.code === 'CREDENTIALS_CONFIG_PARSE').toBe(true);
        }
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
