// A deliberately small XML text extractor for the three STS responses this package reads (AssumeRole,
// AssumeRoleWithWebIdentity and the Query error shape). `credentials` depends only on our own packages, so it
// does not pull in an XML parser; @rawaws/client uses a real one for general responses.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities, numeric character references and CDATA sections. */
export function decodeXmlText(text: string): string {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, cdata: string | undefined, ent: string | undefined) => {
    if (cdata !== undefined) return cdata;
    if (ent === undefined) return whole;
    if (ent.startsWith('#x')) return safeCodePoint(Number.parseInt(ent.slice(2), 16), whole);
    if (ent.startsWith('#')) return safeCodePoint(Number.parseInt(ent.slice(1), 10), whole);
    return ENTITIES[ent] ?? whole;
  });
}

function safeCodePoint(cp: number, fallback: string): string {
  return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

/**
 * The raw inner text of the first `<name>` element (with or without attributes or a namespace prefix), or
 * undefined. Nested elements are returned as markup, so callers narrow step by step:
 * `xmlElement(xmlElement(doc, 'Credentials') ?? '', 'AccessKeyId')`.
 */
export function xmlElement(xml: string, name: string): string | undefined {
  const open = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?>`);
  const m = open.exec(xml);
  if (m === null) return undefined;
  const start = m.index + m[0].length;
  const close = new RegExp(`</(?:[A-Za-z_][\\w.-]*:)?${name}\\s*>`, 'g');
  close.lastIndex = start;
  const c = close.exec(xml);
  return c === null ? undefined : xml.slice(start, c.index);
}

/** The decoded, trimmed text of the element at `path` (outermost first), or undefined. */
export function xmlText(xml: string, ...path: string[]): string | undefined {
  let cur: string | undefined = xml;
  for (const name of path) {
    if (cur === undefined) return undefined;
    cur = xmlElement(cur, name);
  }
  return cur === undefined ? undefined : decodeXmlText(cur).trim();
}
