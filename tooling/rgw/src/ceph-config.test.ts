import { describe, expect, it } from 'vitest';
import { cephConfig, monAddress } from './ceph-config.js';

const input = {
  fsid: '00000000-0000-4000-8000-000000000000',
  dir: '/tmp/rawaws-rgw-x',
  monPortV1: 40001,
  monPortV2: 40002,
  rgwPort: 40003,
  stsPort: 40004,
  stsKey: 'ABCDEFGHIJKLMNOP',
  lcDebugInterval: 10,
  memstoreBytes: 2 ** 31,
};

describe('cephConfig', () => {
  const text = cephConfig(input);
  const section = (name: string): string => text.split(`[${name}]`)[1]?.split('\n[')[0] ?? '';

  it('puts the mon on both messenger versions of 127.0.0.1', () => {
    expect(monAddress(input)).toBe('[v2:127.0.0.1:40002,v1:127.0.0.1:40001]');
    expect(section('global')).toContain('mon host = [v2:127.0.0.1:40002,v1:127.0.0.1:40001]');
  });

  it('carries the measured fixes: crc mode with auth none, small pools, fast paxos, memstore', () => {
    const g = section('global');
    for (const line of [
      'auth client required = none',
      'ms mon client mode = crc',
      'osd pool default pg num = 8',
      'mon allow pool size one = true',
      'paxos propose interval = 0.05',
      'osd objectstore = memstore',
      'memstore device bytes = 2147483648',
      'log file = /tmp/rawaws-rgw-x/log/$name.log',
    ]) {
      expect(g).toContain(line);
    }
  });

  it('gives both gateways SSE-C over HTTP, lifecycle debug, vhost name and one STS key; STS auth only on the second', () => {
    expect(section('client')).toContain('rgw crypt require ssl = false');
    expect(section('client')).toContain('rgw lc debug interval = 10');
    expect(section('client')).toContain('rgw dns name = localhost');
    expect(section('client')).toContain('rgw sts key = ABCDEFGHIJKLMNOP');
    expect(section('client.rgw.a')).toContain('rgw frontends = beast endpoint=127.0.0.1:40003');
    expect(section('client.rgw.a')).not.toContain('rgw s3 auth use sts');
    expect(section('client.rgw.sts')).toContain('rgw frontends = beast endpoint=127.0.0.1:40004');
    expect(section('client.rgw.sts')).toContain('rgw s3 auth use sts = true');
  });

  it('adds the plugin paths of an unpacked prefix to [global]', () => {
    const withPrefix = cephConfig({ ...input, extraGlobal: ['osd class dir = /p/usr/lib/x86_64-linux-gnu/rados-classes'] });
    expect(withPrefix.split('[client]')[0]).toContain('osd class dir = /p/usr/lib/x86_64-linux-gnu/rados-classes');
    expect(cephConfig(input)).toBe(text);
  });
});
