import { SigV4Error } from './errors.js';

/** The fields of an S3 `SignatureDoesNotMatch` error body that explain a mismatch (`SignatureProvided` is not kept). */
export interface SignatureMismatchDetails {
  /** `<Code>`, normally `SignatureDoesNotMatch`. */
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly accessKeyId: string | undefined;
  /** The server's canonical request (from `<CanonicalRequestBytes>` when present: it is byte-exact). */
  readonly canonicalRequest: string;
  /** The server's string to sign (from `<StringToSignBytes>` when present). */
  readonly stringToSign: string | undefined;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML named entities and numeric character references (no DTD entities, by design). */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(Number.parseInt(ref.slice(2), 16), whole);
    if (ref.startsWith('#')) return safeCodePoint(Number.parseInt(ref.slice(1), 10), whole);
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

const safeCodePoint = (cp: number, fallback: string): string =>
  Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;

/** Text of the first `<name>…</name>` (or `undefined`), entity-decoded, CDATA unwrapped. */
function element(xml: string, name: string): string | undefined {
  const open = new RegExp(`<${name}(?:\\s[^>]*)?>`).exec(xml);
  if (open === null) return undefined;
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${name}>`, start);
  if (end < 0) return undefined;
  const raw = xml.slice(start, end);
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw);
  return cdata !== null ? (cdata[1] ?? '') : decodeXmlEntities(raw);
}

/** `<CanonicalRequestBytes>` holds space-separated hex bytes of the UTF-8 text; S3 sends it because XML may alter whitespace. */
function fromHexBytes(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const tokens = text.trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0 || !tokens.every((t) => /^[0-9a-fA-F]{1,2}$/.test(t))) return undefined;
  return new TextDecoder().decode(Uint8Array.from(tokens, (t) => Number.parseInt(t, 16)));
}

/**
 * Extracts the fields of an S3 `SignatureDoesNotMatch` error body with a tiny, dependency-free scan (only a few
 * flat elements are read). Throws `SIGV4_NOT_A_SIGNATURE_MISMATCH` when the body carries no canonical request.
 *
 * @example
 * const { canonicalRequest, stringToSign } = parseSignatureMismatchXml(await response.text());
 */
export function parseSignatureMismatchXml(xml: string): SignatureMismatchDetails {
  const canonicalRequest = fromHexBytes(element(xml, 'CanonicalRequestBytes')) ?? element(xml, 'CanonicalRequest');
  const code = element(xml, 'Code');
  if (canonicalRequest === undefined) {
    throw new SigV4Error(
      'SIGV4_NOT_A_SIGNATURE_MISMATCH',
      `explain: the error body has no <CanonicalRequest> (code ${JSON.stringify(code ?? 'none')}); pass the full body of a SignatureDoesNotMatch response`,
    );
  }
  return {
    code,
    message: element(xml, 'Message'),
    accessKeyId: element(xml, 'AWSAccessKeyId'),
    canonicalRequest,
    stringToSign: fromHexBytes(element(xml, 'StringToSignBytes')) ?? element(xml, 'StringToSign'),
    requestId: element(xml, 'RequestId'),
    hostId: element(xml, 'HostId'),
  };
}
