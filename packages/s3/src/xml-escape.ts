/**
 * Escapes text for an XML element body. `\r`, `\n` and `\t` become character references so that XML parsers' line-end
 * and whitespace normalisation cannot change a key.
 */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"'\r\n\t]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case "'": return '&apos;';
      default: return `&#${c.charCodeAt(0)};`;
    }
  });
}

/** `<name>escaped text</name>`, or `''` when `value` is undefined. */
export function xmlElement(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** The XML declaration and S3 namespace wrapper of a request body. */
export function xmlDocument(root: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</${root}>`;
}
