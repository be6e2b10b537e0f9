import { describe, expect, it } from 'vitest';
import { containerCredentialsUrl, isAllowedContainerUrl } from './container-uri.js';
import { isCredentialsError } from './errors.js';

describe('container URI allow-list', () => {
  it.each([
    'https://anything.example.com/creds',
    'http://169.254.170.2/v2/creds',
    'http://169.254.170.23/v1/credentials',
    'http://[fd00:ec2::23]/v1/credentials',
    'http://[fd00:ec2:0:0:0:0:0:23]/x',
    'http://127.0.0.1:8080/x',
    'http://127.255.1.2/x',
    'http://127.1/x',
    'http://0x7f000001/x',
    'http://[::1]:9000/x',
    'http://[0:0:0:0:0:0:0:1]/x',
    'http://localhost:1234/x',
  ])('allows %s', (u) => {
    expect(isAllowedContainerUrl(new URL(u))).toBe(true);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.170.3/x',
    'http://10.0.0.1/x',
    'http://evil.example.com/x',
    'http://127.0.0.1.evil.example.com/x',
    'http://[::2]/x',
    'http://[::ffff:127.0.0.1]/x',
    'ftp://127.0.0.1/x',
    'file:///etc/passwd',
  ])('refuses %s', (u) => {
    expect(isAllowedContainerUrl(new URL(u))).toBe(false);
  });

  it('builds the ECS URL from the relative URI and prefers it over the full URI', () => {
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc' })?.href).toBe(
      'http://169.254.170.2/v2/credentials/abc',
    );
    expect(
      containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/a', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1/b' })?.href,
    ).toBe('http://169.254.170.2/a');
    expect(containerCredentialsUrl({})).toBeUndefined();
  });

  it('keeps a crafted relative URI on the ECS host', () => {
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '@evil.example.com/x' })?.host).toBe('169.254.170.2');
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '//evil.example.com/x' })?.host).toBe('169.254.170.2');
  });

  it.each([
    [{ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://evil.example.com/creds' }, 'http://evil.example.com'],
    [{ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://user:pw@127.0.0.1/creds' }, 'http://127.0.0.1'],
    [{ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'not a url' }, 'not a valid URL'],
  ])('refuses hostile env %j with a typed error naming the host', (env, shown) => {
    try {
      containerCredentialsUrl(env);
      expect.unreachable();
    } catch (e) {
      expect(isCredentialsError(e) && e.code).toBe('CREDENTIALS_CONTAINER_URI_REFUSED');
      expect((e as Error).message).toContain(shown);
      expect((e as Error).message).not.toContain('pw');
    }
  });
});
