// Simulates a runtime without node:crypto (browsers, edge): the package must still load, the sync API must fail
// with a typed error that says what to do, and the async API with webCrypto() must work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const proc = globalThis.process as unknown as { getBuiltinModule?: unknown };
const saved = proc.getBuiltinModule;

describe('without node:crypto', () => {
  beforeAll(() => {
    proc.getBuiltinModule = undefined;
  });
  afterAll(() => {
    proc.getBuiltinModule = saved;
  });

  it('loads, refuses sync signing with SIGV4_INVALID_CRYPTO, and signs with webCrypto()', async () => {
    const m = await import('./index.js');
    const req = { method: 'GET', url: 'https://example.amazonaws.com/' };
    const opts = { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') };
    let caught: unknown;
    try {
      m.signRequest(req, opts);
    } catch (e) {
      caught = e;
    }
    expect(m.isSigV4Error(caught) && caught.code).toBe('SIGV4_INVALID_CRYPTO');
    expect((caught as Error).message).toContain('webCrypto()');
    const r = await m.signRequestAsync(req, { ...opts, crypto: m.webCrypto() });
    expect(r.signature).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });
});
