import { ClientError } from './errors.js';

/**
 * A REST-XML body value: strings and numbers become text, objects become child elements in insertion order,
 * arrays repeat the element (`{ Part: [a, b] }` gives `<Part>a</Part><Part>b</Part>`), `Date` becomes ISO-8601,
 * `undefined`/`null` members are left out.
 */
export type XmlInput =
  | string
  | number
  | bigint
  | boolean
  | Date
  | null
  | undefined
  | readonly XmlInput[]
  | { readonly [name: string]: XmlInput };

/** Options of {@link buildXml}. */
export interface BuildXmlOptions {
  /** `xmlns` of the root element, e.g. `http://s3.amazonaws.com/doc/2006-03-01/`. @default none */
  readonly xmlns?: string | undefined;
  /** Emit `<?xml version="1.0" encoding="UTF-8"?>`. @default true */
  readonly declaration?: boolean | undefined;
}

const name = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/**
 * Escapes text for an XML element or attribute. `\r`, `\n` and `\t` become character references so they survive
 * the server's line-end normalisation (S3 keys may contain them). Characters XML 1.0 cannot represent throw.
 *
 * @throws ClientError `CLIENT_INVALID_PARAMS` for characters such as U+0000.
 * @example
 * ```ts
 * escapeXml('a&b\r\n'); // 'a&amp;b&#13;&#10;'
 * ```
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters outright
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  if (bad) {
    throw new ClientError('CLIENT_INVALID_PARAMS', `XML cannot carry the character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} (in ${JSON.stringify(text.slice(0, 64))})`, { value: text.slice(0, 64) });
  }
  return text.replace(/[&<>"'\r\n\t]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : `&#${c.charCodeAt(0)};`,
  );
}

function text(v: string | number | bigint | boolean | Date, path: string): string {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new ClientError('CLIENT_INVALID_PARAMS', `XML element ${path} is an invalid Date`, { value: path });
    return v.toISOString().replace('.000Z', 'Z');
  }
  return escapeXml(String(v));
}

function element(tag: string, value: XmlInput, path: string, out: string[], depth: number): void {
  if (value === undefined || value === null) return;
  if (!name.test(tag)) throw new ClientError('CLIENT_INVALID_PARAMS', `${JSON.stringify(tag)} (at ${path}) is not a valid XML element name`, { value: tag });
  if (depth > 64) throw new ClientError('CLIENT_INVALID_PARAMS', `XML body is nested deeper than 64 levels at ${path} (a cycle?)`, { value: path });
  if (Array.isArray(value)) {
    for (const item of value as readonly XmlInput[]) element(tag, item, path, out, depth + 1);
    return;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    out.push(`<${tag}>`);
    for (const [k, v] of Object.entries(value as Record<string, XmlInput>)) element(k, v, `${path}.${k}`, out, depth + 1);
    out.push(`</${tag}>`);
    return;
  }
  out.push(`<${tag}>${text(value as string | number | bigint | boolean | Date, path)}</${tag}>`);
}

/**
 * Builds a REST-XML request body.
 *
 * @throws ClientError `CLIENT_INVALID_PARAMS` for invalid element names, characters XML cannot carry, cycles.
 * @example
 * ```ts
 * buildXml('Tagging', { TagSet: { Tag: [{ Key: 'a', Value: 'b' }] } }, { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' });
 * ```
 */
export function buildXml(root: string, value: { readonly [name: string]: XmlInput }, opts: BuildXmlOptions = {}): string {
  if (!name.test(root)) throw new ClientError('CLIENT_INVALID_PARAMS', `${JSON.stringify(root)} is not a valid XML element name`, { value: root });
  const out: string[] = [];
  if (opts.declaration !== false) out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(opts.xmlns === undefined ? `<${root}>` : `<${root} xmlns="${escapeXml(opts.xmlns)}">`);
  for (const [k, v] of Object.entries(value)) element(k, v, `${root}.${k}`, out, 1);
  out.push(`</${root}>`);
  return out.join('');
}
