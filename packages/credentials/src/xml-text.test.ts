import { describe, expect, it } from 'vitest';
import { decodeXmlText, xmlElement, xmlText } from './xml-text.js';

describe('xml-text', () => {
  const doc = `<?xml version="1.0"?>
<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>a+b/c=&amp;&lt;d&gt;</SecretAccessKey>
      <SessionToken><![CDATA[tok<en>]]></SessionToken>
      <Expiration>2030-01-01T00:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>
  </AssumeRoleResult>
</AssumeRoleResponse>`;

  it('extracts nested text and decodes entities and CDATA', () => {
    expect(xmlText(doc, 'Credentials', 'AccessKeyId')).toBe('ASIAEXAMPLE');
    expect(xmlText(doc, 'Credentials', 'SecretAccessKey')).toBe('a+b/c=&<d>');
    expect(xmlText(doc, 'SessionToken')).toBe('tok<en>');
    expect(xmlText(doc, 'AssumedRoleUser', 'Arn')).toBe('arn:aws:sts::123456789012:assumed-role/r/s');
  });

  it('returns undefined for missing or unclosed elements', () => {
    expect(xmlText(doc, 'Nope')).toBeUndefined();
    expect(xmlText(doc, 'Credentials', 'Nope')).toBeUndefined();
    expect(xmlElement('<A>open', 'A')).toBeUndefined();
  });

  it('does not confuse a prefix of another element name', () => {
    expect(xmlText('<CodeX>1</CodeX><Code>2</Code>', 'Code')).toBe('2');
  });

  it('accepts attributes and namespace prefixes', () => {
    expect(xmlText('<s:Error a="1"><s:Code>Throttling</s:Code></s:Error>', 'Error', 'Code')).toBe('Throttling');
  });

  it('decodes numeric references and leaves unknown or invalid ones alone', () => {
    expect(decodeXmlText('&#65;&#x42;&unknown;&#x110000;')).toBe('AB&unknown;&#x110000;');
  });
});
