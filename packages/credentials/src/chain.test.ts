import { describe, expect, it } from 'vitest';
import { createCredentials } from './aws-credentials.js';
import { chain } from './chain.js';
import { CredentialsError, isCredentialsError } from './errors.js';

const found = (id: string) => async () => createCredentials({ accessKeyId: id, secretAccessKey: 's', source: id });
const skip = (source: string, code: 'CREDENTIALS_NOT_FOUND' | 'CREDENTIALS_SKIPPED' | 'CREDENTIALS_IMDS_DISABLED' | 'CREDENTIALS_IMDS_UNAVAILABLE' = 'CREDENTIALS_NOT_FOUND') =>
  async () => {
    throw new CredentialsError(code, `${source} has nothing`, { source });
  };

describe('chain', () => {
  it('returns the first source that has credentials', async () => {
    let called = false;
    const c = await chain(skip('a'), found('b'), async () => {
      called = true;
      return createCredentials({ accessKeyId: 'c', secretAccessKey: 's' });
    })();
    expect(c.accessKeyId).toBe('b');
    expect(called).toBe(false);
  });

  it('stops at a terminal error', async () => {
    const boom = async () => {
      throw new CredentialsError('CREDENTIALS_CONFIG_PARSE', 'bad file', { file: '/f', line: 3 });
    };
    await expect(chain(skip('a'), boom, found('c'))()).rejects.toMatchObject({ code: 'CREDENTIALS_CONFIG_PARSE', line: 3 });
  });

  it('stops at foreign errors too', async () => {
    await expect(chain(async () => Promise.reject(new TypeError('bug')), found('c'))()).rejects.toBeInstanceOf(TypeError);
  });

  it('explains itself when nothing is found, flattening nested chains', async () => {
    try {
      await chain(skip('env', 'CREDENTIALS_SKIPPED'), chain(skip('profile:default'), skip('web-identity')), skip('imds', 'CREDENTIALS_IMDS_DISABLED'))();
      expect.unreachable();
    } catch (e) {
      expect(isCredentialsError(e) && e.code).toBe('CREDENTIALS_NOT_FOUND');
      const err = e as CredentialsError;
      expect(err.skipped?.map((s) => [s.source, s.code])).toEqual([
        ['env', 'CREDENTIALS_SKIPPED'],
        ['profile:default', 'CREDENTIALS_NOT_FOUND'],
        ['web-identity', 'CREDENTIALS_NOT_FOUND'],
        ['imds', 'CREDENTIALS_IMDS_DISABLED'],
      ]);
      expect(err.message).toContain('  - env: env has nothing');
      expect(err.message).toContain('  - imds: imds has nothing');
    }
  });

  it('names anonymous sources by position', async () => {
    const anon = async () => {
      throw new CredentialsError('CREDENTIALS_NOT_FOUND', 'nothing');
    };
    await expect(chain(anon)()).rejects.toMatchObject({ skipped: [{ source: 'anon' }] });
    await expect(chain(...[anon].map((f) => () => f()))()).rejects.toMatchObject({ skipped: [{ source: 'provider #1' }] });
  });
});
