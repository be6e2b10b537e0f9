import { describe, expect, it } from 'vitest';
import { encodeRfc3986, formEncode, serializeQuery } from './query-serialize.js';

describe('serializeQuery', () => {
  it('puts Action and Version first and flattens structures, lists and maps (awsQuery)', () => {
    const pairs = serializeQuery('CreateUser', '2010-05-08', {
      UserName: 'alice',
      Path: '/eng/',
      Tags: [{ Key: 'team', Value: 'a b' }, { Key: 'k2', Value: 'v2' }],
      Attributes: new Map([['Policy', '{}'], ['DisplayName', 'x']]),
      Skip: undefined,
      Null: null,
    });
    expect(pairs).toEqual([
      ['Action', 'CreateUser'],
      ['Version', '2010-05-08'],
      ['UserName', 'alice'],
      ['Path', '/eng/'],
      ['Tags.member.1.Key', 'team'],
      ['Tags.member.1.Value', 'a b'],
      ['Tags.member.2.Key', 'k2'],
      ['Tags.member.2.Value', 'v2'],
      ['Attributes.entry.1.key', 'Policy'],
      ['Attributes.entry.1.value', '{}'],
      ['Attributes.entry.2.key', 'DisplayName'],
      ['Attributes.entry.2.value', 'x'],
    ]);
  });

  it('serialises scalars: booleans, numbers, non-finite numbers, dates, blobs, nested lists', () => {
    expect(
      serializeQuery('A', 'v', {
        B: true,
        N: 1.5,
        Big: 12345678901234567890n,
        Nan: Number.NaN,
        Inf: Number.POSITIVE_INFINITY,
        NegInf: Number.NEGATIVE_INFINITY,
        D: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)),
        Dms: new Date(Date.UTC(2014, 3, 29, 18, 30, 38, 123)),
        Blob: new TextEncoder().encode('hi!'),
        L: [['a'], ['b', 'c']],
      }).slice(2),
    ).toEqual([
      ['B', 'true'],
      ['N', '1.5'],
      ['Big', '12345678901234567890'],
      ['Nan', 'NaN'],
      ['Inf', 'Infinity'],
      ['NegInf', '-Infinity'],
      ['D', '2014-04-29T18:30:38Z'],
      ['Dms', '2014-04-29T18:30:38.123Z'],
      ['Blob', 'aGkh'],
      ['L.member.1.member.1', 'a'],
      ['L.member.2.member.1', 'b'],
      ['L.member.2.member.2', 'c'],
    ]);
  });

  it('serialises an empty list as "Name=" (awsQuery) and leaves it out for EC2', () => {
    expect(serializeQuery('A', 'v', { L: [] }).slice(2)).toEqual([['L', '']]);
    expect(serializeQuery('A', 'v', { L: [] }, { protocol: 'ec2' }).slice(2)).toEqual([]);
  });

  it('EC2 lists are Name.N', () => {
    expect(serializeQuery('DescribeInstances', '2016-11-15', { InstanceId: ['i-1', 'i-2'], Filter: [{ Name: 'n', Value: ['v'] }] }, { protocol: 'ec2' }).slice(2)).toEqual([
      ['InstanceId.1', 'i-1'],
      ['InstanceId.2', 'i-2'],
      ['Filter.1.Name', 'n'],
      ['Filter.1.Value.1', 'v'],
    ]);
  });

  it('refuses bad actions, missing versions, Action in params, cycles and invalid dates before any request', () => {
    expect(() => serializeQuery('List Users', 'v')).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_PARAMS' }));
    expect(() => serializeQuery('ListUsers', '')).toThrow(/API version/);
    expect(() => serializeQuery('ListUsers', 'v', { Action: 'x' })).toThrow(/Action/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => serializeQuery('A', 'v', { C: cyclic as never })).toThrow(/cycle/);
    expect(() => serializeQuery('A', 'v', { D: new Date('nope') })).toThrow(/invalid Date/);
    // The same object twice (not a cycle) is fine.
    const shared = { K: 'v' };
    expect(serializeQuery('A', 'v', { L: [shared, shared] }).length).toBe(4);
  });
});

describe('formEncode', () => {
  it('percent-encodes RFC 3986 style: %20 for space, reserved characters encoded, unreserved kept', () => {
    expect(formEncode([['Action', 'GetCallerIdentity'], ['Version', '2011-06-15']])).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    expect(formEncode([['P', "a b+c/d*e!f'g(h)i~j_k.l-m=n&o%p"]])).toBe('P=a%20b%2Bc%2Fd%2Ae%21f%27g%28h%29i~j_k.l-m%3Dn%26o%25p');
    expect(formEncode([['Name.member.1', 'é😀']])).toBe('Name.member.1=%C3%A9%F0%9F%98%80');
  });

  it('refuses lone surrogates with a typed error', () => {
    expect(() => encodeRfc3986('a\ud800b')).toThrow(expect.objectContaining({ code: 'CLIENT_INVALID_PARAMS' }));
  });
});
