import { describe, expect, it } from 'vitest';
import { isHttpError } from './errors.js';
import { resolveRetryConfig } from './retry-config.js';

describe('resolveRetryConfig', () => {
  it('defaults to standard with 3 attempts', () => {
    expect(resolveRetryConfig({}, {})).toEqual({ retryMode: 'standard', maxAttempts: 3 });
  });
  it('reads AWS_RETRY_MODE and AWS_MAX_ATTEMPTS from the env passed in', () => {
    expect(resolveRetryConfig({}, { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '7' })).toEqual({ retryMode: 'adaptive', maxAttempts: 7 });
    expect(resolveRetryConfig({}, { AWS_RETRY_MODE: 'legacy' }).retryMode).toBe('standard');
  });
  it('lets options win over the env', () => {
    expect(resolveRetryConfig({ retryMode: 'standard', maxAttempts: 1 }, { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '7' })).toEqual({
      retryMode: 'standard',
      maxAttempts: 1,
    });
  });
  it('rejects bad values with ERR_INVALID_OPTION naming the variable', () => {
    for (const env of [{ AWS_MAX_ATTEMPTS: '0' }, { AWS_MAX_ATTEMPTS: 'three' }, { AWS_RETRY_MODE: 'fast' }]) {
      let err: unknown;
      try {
        resolveRetryConfig({}, env);
      } catch (e) {
        err = e;
      }
      expect(isHttpError(err) && err.code).toBe('ERR_INVALID_OPTION');
      expect((err as Error).message).toContain(Object.keys(env)[0]);
    }
    expect(() => resolveRetryConfig({ maxAttempts: 1.5 }, {})).toThrow(/maxAttempts/);
  });
});
