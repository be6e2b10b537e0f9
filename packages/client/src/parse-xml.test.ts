import { describe, expect, it } from 'vitest';
import { isClientError } from './errors.js';
import { parseXml } from './parse-xml.js';
import { decodeXmlReferences } from './xml-entity-decoder.js';

describe('parseXml', () => {
  it('keeps values as strings, preserves spaces inside values and drops indentation', () => {
    const doc = parseXml('<?xml version="1.0"?>\n<R>\n  <Key>  a b  </Key>\n  <N>0012</N>\n  <E/>\n  <M></M>\n</R>');
    expect(doc).toEqual({ R: { Key: '  a b  ', N: '0012', E: '', M: '' } });
  });

  it('returns arrays only where asked (by name or by path)', () => {
    const xml = '<L><Users><member><UserName>a</UserName></member></Users></L>';
    expect(parseXml(xml)).toEqual({ L: { Users: { member: { UserName: 'a' } } } });
    expect(parseXml(xml, { arrays: ['member'] })).toEqual({ L: { Users: { member: [{ UserName: 'a' }] } } });
    expect(parseXml(xml, { arrays: ['L.Users.member'] })).toEqual({ L: { Users: { member: [{ UserName: 'a' }] } } });
    expect(parseXml(xml, { arrays: (name, path) => name === 'member' && path.startsWith('L.') })).toEqual({ L: { Users: { member: [{ UserName: 'a' }] } } });
    expect(parseXml('<a><b>1</b><b>2</b></a>')).toEqual({ a: { b: ['1', '2'] } });
  });

  it('converts decimals to numbers only when asked, never hex, exponents or leading zeros', () => {
    expect(parseXml('<a><n>12</n><f>-3.5</f><z>0012</z><h>0x1F</h><e>1e5</e><s>12abc</s></a>', { numbers: true })).toEqual({
      a: { n: 12, f: -3.5, z: '0012', h: '0x1F', e: '1e5', s: '12abc' },
    });
  });

  it('decodes the predefined entities and character references, never DOCTYPE entities', () => {
    expect(parseXml('<a>&lt;&gt;&amp;&quot;&apos;&#13;&#x1F600;</a>')).toEqual({ a: '<>&"\'\r😀' });
    expect(parseXml('<!DOCTYPE a [<!ENTITY e "EXPANDED">]><a>&e;</a>')).toEqual({ a: '&e;' });
    expect(parseXml('<a>&amp;lt;</a>')).toEqual({ a: '&lt;' });
    // Billion laughs: nothing is expanded, so the result stays small.
    const lol = '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><l>&c;&c;&c;</l>';
    expect(parseXml(lol)).toEqual({ l: '&c;&c;&c;' });
  });

  it('leaves invalid character references literal', () => {
    expect(decodeXmlReferences('&#0;&#xD800;&#x110000;&unknown;&#65;')).toBe('&#0;&#xD800;&#x110000;&unknown;A');
  });

  it('keeps attributes only when asked', () => {
    const xml = '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>x</ID></Grantee>';
    expect(parseXml(xml)).toEqual({ Grantee: { ID: 'x' } });
    expect(parseXml(xml, { attributes: true })).toMatchObject({ Grantee: { ID: 'x', '@_xsi:type': 'CanonicalUser' } });
  });

  it.each(['', 'hello', '<a></b>', '<a>', '<<<', '{"json":true}'])('throws CLIENT_XML_PARSE on %j', (text) => {
    expect(() => parseXml(text)).toThrow(expect.objectContaining({ code: 'CLIENT_XML_PARSE' }));
    try {
      parseXml(text);
    } catch (e) {
      expect(isClientError(e)).toBe(true);
    }
  });

  it('refuses prototype-polluting element names with a typed error', () => {
    for (const name of ['__proto__', 'constructor']) {
      expect(() => parseXml(`<a><${name}><x>1</x></${name}></a>`)).toThrow(expect.objectContaining({ code: 'CLIENT_XML_PARSE' }));
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const doc = parseXml('<a><hasOwnProperty>3</hasOwnProperty><toString>4</toString></a>') as { a: Record<string, unknown> };
    expect(Object.getPrototypeOf(doc.a)).toBe(Object.prototype);
    expect(Object.values(doc.a)).toEqual(['3', '4']);
  });
});
