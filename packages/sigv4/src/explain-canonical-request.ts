/** A canonical request split into its spec parts. */
export interface ParsedCanonicalRequest {
  readonly method: string;
  readonly path: string;
  /** Canonical query string as one line (`a=1&b=2`). */
  readonly query: string;
  /** `[name, value]` pairs in canonical order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly signedHeaders: string;
  readonly payloadHash: string;
}

/**
 * Splits a canonical request (`method\npath\nquery\nheaders…\n\nsignedHeaders\npayloadHash`) into parts. Tolerant:
 * missing parts come back empty, so a truncated server body still diffs.
 */
export function parseCanonicalRequest(text: string): ParsedCanonicalRequest {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const method = lines[0] ?? '';
  const path = lines[1] ?? '';
  const query = lines[2] ?? '';
  const headers: Array<readonly [string, string]> = [];
  let i = 3;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') break;
    const colon = line.indexOf(':');
    headers.push(colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1)]);
  }
  return { method, path, query, headers, signedHeaders: lines[i + 1] ?? '', payloadHash: lines[i + 2] ?? '' };
}

/** Parts of a string to sign: algorithm, request date-time, credential scope and the canonical request hash. */
export interface ParsedStringToSign {
  readonly algorithm: string;
  readonly amzDate: string;
  readonly scope: string;
  readonly canonicalRequestHash: string;
}

/** Splits a string to sign into its four lines. */
export function parseStringToSign(text: string): ParsedStringToSign {
  const [algorithm = '', amzDate = '', scope = '', canonicalRequestHash = ''] = text.replace(/\r\n/g, '\n').split('\n');
  return { algorithm, amzDate, scope, canonicalRequestHash };
}
