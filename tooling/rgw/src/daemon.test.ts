import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isOurDaemon, readPids } from './daemon.js';

const dir = mkdtempSync(join(tmpdir(), 'rawaws-rgw-daemon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPids', () => {
  it('reads "<pid> <name>" lines and ignores junk; a missing file is no daemons', () => {
    const file = join(dir, 'pids');
    writeFileSync(file, '123 ceph-mon\n\n456 radosgw\nnot a line\n789\n');
    expect(readPids(file)).toEqual([
      { pid: 123, name: 'ceph-mon' },
      { pid: 456, name: 'radosgw' },
    ]);
    expect(readPids(join(dir, 'absent'))).toEqual([]);
  });
});

describe('isOurDaemon', () => {
  const comm = readFileSync('/proc/self/comm', 'utf8').trim();

  it('is true only for a live process with the recorded name (a recycled pid is not ours)', () => {
    expect(isOurDaemon({ pid: process.pid, name: comm })).toBe(true);
    expect(isOurDaemon({ pid: process.pid, name: 'ceph-mon' })).toBe(false);
    expect(isOurDaemon({ pid: 2 ** 22 + 1, name: comm })).toBe(false);
  });
});
