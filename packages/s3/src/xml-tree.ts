import { S3Error } from './errors.js';

/** A node of the tree `parseXml` returns: an object of children, or a scalar for a text-only element. */
export type XmlNode = unknown;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first child element `name` of `node` (undefined when missing). */
export function child(node: XmlNode, name: string): XmlNode {
  if (!isObject(node)) return undefined;
  const v = node[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Every child element `name` of `node`, as an array (a parser gives a lone element as a plain value). */
export function children(node: XmlNode, name: string): XmlNode[] {
  if (!isObject(node)) return [];
  const v = node[name];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of an element: scalars as strings, `{ '#text': … }` unwrapped, empty elements as `''`. */
export function text(node: XmlNode): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean' || typeof node === 'bigint') return String(node);
  if (isObject(node)) {
    const t = node['#text'];
    return t === undefined ? '' : text(t);
  }
  return undefined;
}

/** Text of child `name`, or undefined. */
export function childText(node: XmlNode, name: string): string | undefined {
  return text(child(node, name));
}

/** Integer value of child `name`, or undefined. */
export function childNumber(node: XmlNode, name: string): number | undefined {
  const t = childText(node, name);
  if (t === undefined || t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** `true` when child `name` is the text `true`. */
export function childBool(node: XmlNode, name: string): boolean {
  return childText(node, name) === 'true';
}

/** Date of child `name`, or undefined. */
export function childDate(node: XmlNode, name: string): Date | undefined {
  const t = childText(node, name);
  return t === undefined || t === '' ? undefined : new Date(t);
}

/**
 * The root element `name` of a parsed document; throws `S3_BAD_RESPONSE` naming the operation when it is missing.
 */
export function root(doc: XmlNode, name: string, operation: string): XmlNode {
  const r = child(doc, name);
  if (r === undefined) {
    throw new S3Error('S3_BAD_RESPONSE', `${operation}: expected a <${name}> document from the server, got something else.`, {
      value: name,
    });
  }
  return r === '' ? {} : r;
}
