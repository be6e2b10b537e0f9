import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import { ClientError } from './errors.js';
import { redact } from './redact.js';
import { xmlEntityDecoder } from './xml-entity-decoder.js';

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /**
   * Elements that are always returned as arrays, even when they occur once (an absent element stays absent).
   * Either element names (`'member'`) or dotted paths from
   * the root (`'ListUsersResponse.ListUsersResult.Users.member'`), or a predicate.
   * @default none: an element is an array only when it repeats
   */
  readonly arrays?: readonly string[] | ((name: string, path: string) => boolean) | undefined;
  /**
   * Convert decimal-looking text (`12`, `-3.5`) to numbers. Everything else, including `0012`, `1e5` and hex,
   * stays a string.
   * @default false: every value is a string, as AWS's XML does not say which fields are numbers
   */
  readonly numbers?: boolean | undefined;
  /**
   * Keep attributes, prefixed with `@_` (for example S3's `xsi:type` on ACL grantees).
   * @default false
   */
  readonly attributes?: boolean | undefined;
}

/** A parsed XML document: element names to strings, nested objects or arrays of those. */
export type XmlObject = { [name: string]: XmlValue };
/** A parsed XML value. */
export type XmlValue = string | number | XmlObject | XmlValue[];

const decimal = /^-?(?:0|[1-9][0-9]{0,15})(?:\.[0-9]+)?$/;

function parserOptions(opts: ParseXmlOptions): X2jOptions {
  const arrays = opts.arrays;
  const isArray =
    arrays === undefined
      ? undefined
      : typeof arrays === 'function'
        ? (name: string, path: unknown) => arrays(name, String(path))
        : (name: string, path: unknown) => arrays.includes(name) || arrays.includes(String(path));
  return {
    ignoreAttributes: opts.attributes !== true,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    // Keys such as "  a b  " must survive; whitespace-only text between elements is dropped in `tidy`.
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    entityDecoder: xmlEntityDecoder,
    ...(isArray === undefined ? {} : { isArray: (name: string, path: unknown) => isArray(name, path) }),
    ...(opts.numbers === true
      ? { tagValueProcessor: (_n: string, v: string) => (decimal.test(v) ? Number(v) : v) }
      : {}),
  };
}

const defaultParser = new XMLParser(parserOptions({}));

/** Drops whitespace-only `#text` nodes that pretty-printed XML leaves between elements. */
function tidy(value: unknown): XmlValue {
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== 'object' || value === null) return value as XmlValue;
  const out: XmlObject = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    if (k === '#text' && entries.length > 1 && typeof v === 'string' && v.trim() === '') continue;
    out[k] = tidy(v);
  }
  return out;
}

/**
 * Parses an AWS XML response body with fast-xml-parser, configured once for AWS: attributes ignored, values kept
 * as strings, only XML's built-in entity and character references decoded (no DOCTYPE entity expansion),
 * leading/trailing spaces inside values preserved. The document must be well-formed.
 *
 * @throws ClientError `CLIENT_XML_PARSE` when the text is not well-formed XML.
 * @example
 * ```ts
 * const doc = parseXml(text, { arrays: ['member'] });
 * ```
 */
export function parseXml(text: string, opts: ParseXmlOptions = {}): XmlObject {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    // Validator messages quote tag names from the document: redact them like any server-provided text.
    throw new ClientError('CLIENT_XML_PARSE', `Response is not well-formed XML: ${redact(valid.err.msg).slice(0, 200)} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  const parser = opts.arrays === undefined && opts.numbers !== true && opts.attributes !== true ? defaultParser : new XMLParser(parserOptions(opts));
  try {
    return tidy(parser.parse(text)) as XmlObject;
  } catch (cause) {
    throw new ClientError('CLIENT_XML_PARSE', `Response XML could not be parsed: ${redact(String((cause as Error).message)).slice(0, 200)}`);
  }
}
