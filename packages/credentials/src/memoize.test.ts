import { describe, expect, it, vi } from 'vitest';
import { createCredentials } from './aws-credentials.js';
import { CredentialsError } from './errors.js';
import { memoize } from './memoize.js';

const issue = (n: number, expiresAt?: number) =>
  createCredentials({ accessKeyId: `AKID${n}`, secretAccessKey: 's', expiration: expiresAt === undefined ? undefined : new Date(expiresAt) });

describe('memoize', () => {
  it('caches credentials without expiry forever', async () => {
    const src = vi.fn(async () => issue(1));
    const p = memoize(src);
    await p();
    await p();
    expect(src).toHaveBeenCalledTimes(1);
  });

  it('refreshes in the background inside the 5-minute window, and waits inside the 1-minute stale window', async () => {
    let now = 0;
    let n = 0;
    const src = vi.fn(async () => issue(++n, now + 3600_000));
    const p = memoize(src, { now: () => now });
    expect((await p()).accessKeyId).toBe('AKID1');
    now = 3600_000 - 300_001;
    expect((await p()).accessKeyId).toBe('AKID1');
    expect(src).toHaveBeenCalledTimes(1);
    // refresh window: the caller gets the cached credentials at once, one refresh runs behind it
    now = 3600_000 - 299_999;
    expect((await p()).accessKeyId).toBe('AKID1');
    await Promise.resolve();
    expect(src).toHaveBeenCalledTimes(2);
    expect((await p()).accessKeyId).toBe('AKID2');
    // stale window of the new credentials: the caller waits for the refresh
    now += 3600_000 - 59_000;
    expect((await p()).accessKeyId).toBe('AKID3');
  });

  it('1000 concurrent callers during a refresh cause exactly one fetch', async () => {
    let now = 0;
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const p = memoize(
      async () => {
        calls++;
        await gate;
        return issue(calls, now + 3600_000);
      },
      { now: () => now },
    );
    const all = Array.from({ length: 1000 }, () => p());
    release();
    const got = await Promise.all(all);
    expect(calls).toBe(1);
    expect(new Set(got)).toEqual(new Set([got[0]]));
    // across the expiry boundary again
    now = 3600_000 + 1;
    const again = await Promise.all(Array.from({ length: 1000 }, () => p()));
    expect(calls).toBe(2);
    expect(new Set(again.map((c) => c.accessKeyId))).toEqual(new Set(['AKID2']));
  });

  it('a failed refresh inside the window returns the still-valid credentials; once expired the error surfaces', async () => {
    let now = 0;
    let fail = false;
    const p = memoize(
      async () => {
        if (fail) throw new CredentialsError('CREDENTIALS_NETWORK', 'down');
        return issue(1, 1000_000);
      },
      { now: () => now },
    );
    const first = await p();
    fail = true;
    now = 1000_000 - 1000;
    expect(await p()).toBe(first);
    now = 1000_000 - 200_000;
    expect(await p()).toBe(first);
    now = 1000_000;
    await expect(p()).rejects.toMatchObject({ code: 'CREDENTIALS_NETWORK' });
  });

  it('a failed first fetch is not cached', async () => {
    let n = 0;
    const p = memoize(async () => {
      if (++n === 1) throw new CredentialsError('CREDENTIALS_NETWORK', 'down');
      return issue(n);
    });
    await expect(p()).rejects.toMatchObject({ code: 'CREDENTIALS_NETWORK' });
    expect((await p()).accessKeyId).toBe('AKID2');
  });

  it('background refresh fetches when the window opens, from an unref\'d timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let n = 0;
      const src = vi.fn(async () => issue(++n, Date.now() + 600_000));
      const p = memoize(src, { backgroundRefresh: true });
      await p();
      expect(src).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(299_000);
      expect(src).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(src).toHaveBeenCalledTimes(2);
      // callers now get the new credentials without waiting
      expect((await p()).accessKeyId).toBe('AKID2');
      expect(src).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
