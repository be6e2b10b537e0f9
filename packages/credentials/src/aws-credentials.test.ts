import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCredentials, fromStatic } from './aws-credentials.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=';

describe('RedactedCredentials', () => {
  const creds = createCredentials({
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
    expiration: new Date('2030-01-01T00:00:00Z'),
    source: 'env',
  });

  it('keeps the secret and token readable as properties', () => {
    expect(creds.secretAccessKey).toBe(SECRET);
    expect(creds.sessionToken).toBe(TOKEN);
    expect(creds.accessKeyId).toBe('AKIDEXAMPLE');
  });

  it.each([
    ['util.inspect', () => inspect(creds, { depth: 5, showHidden: true })],
    ['inspect nested', () => inspect({ deep: { creds } }, { depth: 5 })],
    ['JSON.stringify', () => JSON.stringify(creds)],
    ['String()', () => String(creds)],
    ['template', () => `${creds}`],
    ['Object.keys/values', () => JSON.stringify(Object.values(creds))],
    ['spread', () => inspect({ ...creds })],
    ['console.log format', () => inspect([creds])],
  ])('redacts secret and token in %s', (_name, render) => {
    const out = render();
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(TOKEN);
    expect(out).toContain('AKIDEXAMPLE');
  });

  it('says that something was redacted', () => {
    expect(inspect(creds)).toContain("secretAccessKey: '[redacted]'");
    expect(JSON.parse(JSON.stringify(creds))).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: '[redacted]',
      sessionToken: '[redacted]',
      expiration: '2030-01-01T00:00:00.000Z',
      source: 'env',
    });
  });

  it('is immutable and copies with with()', () => {
    expect(() => {
      (creds as unknown as { accessKeyId: string }).accessKeyId = 'x';
    }).toThrow();
    const later = creds.with({ expiration: new Date('2031-01-01T00:00:00Z') });
    expect(later.secretAccessKey).toBe(SECRET);
    expect(later.expiration?.getUTCFullYear()).toBe(2031);
    expect(creds.expiration?.getUTCFullYear()).toBe(2030);
  });

  it('treats an empty session token as none', () => {
    expect(createCredentials({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: '' }).sessionToken).toBeUndefined();
  });

  it('fromStatic returns the same wrapped object every time', async () => {
    const p = fromStatic({ accessKeyId: 'A', secretAccessKey: SECRET });
    const a = await p();
    expect(a).toBe(await p());
    expect(a.source).toBe('static');
    expect(inspect(a)).not.toContain(SECRET);
  });
});
