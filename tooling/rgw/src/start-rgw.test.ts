import { describe, expect, it } from 'vitest';
import { isRgwError } from './errors.js';
import { randomKey, startRgw } from './start-rgw.js';

const rejection = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
};

describe('startRgw option checks (before anything starts)', () => {
  it('rejects bad options with RGW_INVALID_OPTION naming the value', async () => {
    for (const [opts, text] of [
      [{ port: 0 }, 'Invalid port: 0'],
      [{ port: 70000 }, 'Invalid port: 70000'],
      [{ accessKeyId: 'has space' }, 'Invalid accessKeyId: "has space"'],
      [{ lcDebugInterval: 0.5 }, 'Invalid lcDebugInterval: 0.5'],
      [{ memstoreBytes: 1024 }, 'Invalid memstoreBytes: 1024'],
    ] as const) {
      const e = await rejection(startRgw(opts));
      expect(isRgwError(e) && e.code).toBe('RGW_INVALID_OPTION');
      expect(e.message).toContain(text);
    }
  });

  it('never echoes a rejected secret key', async () => {
    const e = await rejection(startRgw({ secretAccessKey: 'short' }));
    expect(isRgwError(e) && e.code).toBe('RGW_INVALID_OPTION');
    expect(e.message).not.toContain('short');
    expect(e.message).toContain('Invalid secretAccessKey (length): 5');
  });
});

describe('randomKey', () => {
  it('draws from the alphabet only', () => {
    expect(randomKey(64, 'AB')).toMatch(/^[AB]{64}$/);
  });
});
