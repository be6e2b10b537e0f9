import type { X2jOptions } from 'fast-xml-parser';

type EntityDecoder = NonNullable<X2jOptions['entityDecoder']>;

// The five predefined entities of XML 1.0 (https://www.w3.org/TR/xml/#sec-predefined-ent).
const predefined: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const reference = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9._-]{0,31});/g;

const fromCodePoint = (cp: number, raw: string): string =>
  // Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; anything else stays literal.
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff)
    ? String.fromCodePoint(cp)
    : raw;

/**
 * Decodes XML's built-in references only: the five predefined entities and numeric character references
 * (S3 sends `&#13;` in keys). Entities declared in a DOCTYPE are never expanded, so a hostile or broken
 * server cannot make the parser build large strings ("billion laughs") or read anything external.
 */
export function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(reference, (raw, ref: string) => {
    if (ref.charCodeAt(0) !== 0x23 /* # */) return predefined[ref] ?? raw;
    const cp = ref.charCodeAt(1) === 0x78 /* x */ ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return fromCodePoint(cp, raw);
  });
}

/** The stateless decoder handed to fast-xml-parser: DOCTYPE entities are accepted syntactically and ignored. */
export const xmlEntityDecoder: EntityDecoder = {
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: decodeXmlReferences,
};
