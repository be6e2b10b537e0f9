import { describe, expect, it } from 'vitest';
import { toAwsJson } from './json-serialize.js';
import { buildXml, escapeXml } from './build-xml.js';

describe('toAwsJson', () => {
  it('writes dates as epoch seconds, bytes as base64, maps as objects, drops undefined', () => {
    expect(
      toAwsJson({
        T: 'x',
        D: new Date(Date.UTC(2020, 0, 1, 0, 0, 1, 500)),
        B: Uint8Array.from([1, 2, 3]),
        M: new Map([['a', 1]]),
        U: undefined,
        N: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1],
        Nested: { Buf: Buffer.from('hi') },
      }),
    ).toBe('{"T":"x","D":1577836801.5,"B":"AQID","M":{"a":1},"N":["NaN","Infinity","-Infinity",1],"Nested":{"Buf":"aGk="}}');
    expect(toAwsJson(undefined)).toBe('{}');
  });

  it('refuses cycles, bigints and invalid dates with a typed error', () => {
    const c: Record<string, unknown> = {};
    c.c = c;
    for (const v of [c, { b: 1n }, { d: new Date('x') }]) {
      expect(() => toAwsJson(v)).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_PARAMS' }));
    }
  });
});

describe('buildXml', () => {
  it('builds a REST-XML body with xmlns, repeated elements and escaping', () => {
    expect(
      buildXml('Tagging', { TagSet: { Tag: [{ Key: 'a&b', Value: '<v>' }, { Key: 'k', Value: 'line\r\nx' }] }, Skip: undefined }, { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' }),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a&amp;b</Key><Value>&lt;v&gt;</Value></Tag><Tag><Key>k</Key><Value>line&#13;&#10;x</Value></Tag></TagSet></Tagging>',
    );
    expect(buildXml('A', { N: 1, B: false, D: new Date(Date.UTC(2020, 0, 1)) }, { declaration: false })).toBe('<A><N>1</N><B>false</B><D>2020-01-01T00:00:00Z</D></A>');
  });

  it('refuses invalid names and characters XML cannot carry', () => {
    expect(() => buildXml('bad name', {})).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_PARAMS' }));
    expect(() => buildXml('A', { 'x y': '1' })).toThrow(/not a valid XML element name/);
    expect(() => escapeXml('a\u0000b')).toThrow(/U\+0000/);
    expect(() => escapeXml('a\ud800')).toThrow(/U\+D800/);
    expect(escapeXml('😀\t')).toBe('😀&#9;');
  });
});
