import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCephBinaries, prefixBinaries } from './ceph-binaries.js';
import { isRgwError } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'rawaws-rgw-bins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = async (p: Promise<unknown>): Promise<{ code: string; message: string }> => {
  try {
    await p;
  } catch (e) {
    if (isRgwError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('ensureCephBinaries', () => {
  it('uses the system programs when they are on PATH', async () => {
    const bins = await ensureCephBinaries({ env: process.env, install: false });
    expect(bins.source).toBe('system');
    expect(bins.extraGlobal).toEqual([]);
  });

  it('runs an unpacked tree from CEPH_PREFIX with its libraries, Python modules and plugins', async () => {
    const prefix = join(dir, 'root');
    mkdirSync(join(prefix, 'usr/bin'), { recursive: true });
    writeFileSync(join(prefix, 'usr/bin/radosgw'), '');
    const bins = await ensureCephBinaries({ env: { PATH: '/usr/bin', CEPH_PREFIX: prefix } });
    expect(bins).toEqual(prefixBinaries(prefix, { PATH: '/usr/bin', CEPH_PREFIX: prefix }));
    expect(bins.env.PATH).toBe(`${prefix}/usr/bin:/usr/bin`);
    expect(bins.env.LD_LIBRARY_PATH).toBe(`${prefix}/usr/lib/x86_64-linux-gnu:${prefix}/usr/lib/x86_64-linux-gnu/ceph`);
    expect(bins.env.PYTHONPATH).toBe(`${prefix}/usr/lib/python3/dist-packages`);
    expect(bins.extraGlobal).toContain(`osd class dir = ${prefix}/usr/lib/x86_64-linux-gnu/rados-classes`);
  });

  it('says exactly what to run when CEPH_PREFIX is empty or installing is off', async () => {
    const empty = await codeOf(ensureCephBinaries({ env: { PATH: '' }, prefix: join(dir, 'nothing') }));
    expect(empty.code).toBe('RGW_BINARIES_MISSING');
    expect(empty.message).toContain('apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd');
    const off = await codeOf(ensureCephBinaries({ env: { PATH: '' }, cacheDir: join(dir, 'cache'), install: false }));
    expect(off.code).toBe('RGW_BINARIES_MISSING');
    expect(off.message).toContain('dpkg-deb -x');
  });
});
