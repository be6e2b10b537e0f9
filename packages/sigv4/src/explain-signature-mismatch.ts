import { findMismatchCauses, type MismatchCause } from './explain-causes.js';
import { diffLines, formatDiff, type DiffLine } from './explain-diff.js';
import { redactCanonicalRequest } from './explain-redact.js';
import { parseSignatureMismatchXml, type SignatureMismatchDetails } from './explain-xml.js';

/** What we signed: a `SignResult` fits, or just its canonical request. */
export type OurSigningInput = string | { readonly canonicalRequest: string; readonly stringToSign?: string | undefined };

/** Result of {@link explainSignatureMismatch}. */
export interface SignatureMismatchExplanation {
  /** The fields read from the error body (the session token in the canonical request is redacted). */
  readonly server: SignatureMismatchDetails;
  /** True when both canonical requests are byte-identical. */
  readonly canonicalRequestMatches: boolean;
  /** Line diff of the canonical requests: `-` ours, `+` the server's. */
  readonly canonicalRequestDiff: readonly DiffLine[];
  /** Line diff of the strings to sign (empty when either side is unknown). */
  readonly stringToSignDiff: readonly DiffLine[];
  /** Likely causes, most specific first. */
  readonly causes: readonly MismatchCause[];
  /** A plain-text report: the causes, then the diffs. */
  readonly report: string;
}

/**
 * Explains an S3 `SignatureDoesNotMatch` error: parses the `<CanonicalRequest>` and `<StringToSign>` the server
 * computed, diffs them line by line against ours and names the likely cause (header changed by a proxy, key encoded
 * twice, query order, payload hash, date/region/scope, wrong secret ...).
 *
 * @example
 * const signed = signRequest(req, opts);
 * const res = await fetch(req.url, { method: req.method, headers: signed.headers });
 * if (res.status === 403) console.log(explainSignatureMismatch(await res.text(), signed).report);
 */
export function explainSignatureMismatch(errorXmlBody: string, ours: OurSigningInput): SignatureMismatchExplanation {
  const parsed = parseSignatureMismatchXml(errorXmlBody);
  // Session tokens are replaced by fingerprints on both sides before anything is compared, kept or printed.
  const server = { ...parsed, canonicalRequest: redactCanonicalRequest(parsed.canonicalRequest) };
  const ourCanonical = redactCanonicalRequest(typeof ours === 'string' ? ours : ours.canonicalRequest);
  const ourStringToSign = typeof ours === 'string' ? undefined : ours.stringToSign;
  const canonicalRequestDiff = diffLines(ourCanonical.split('\n'), server.canonicalRequest.split('\n'));
  const stringToSignDiff = ourStringToSign !== undefined && server.stringToSign !== undefined
    ? diffLines(ourStringToSign.split('\n'), server.stringToSign.split('\n'))
    : [];
  const causes = findMismatchCauses(ourCanonical, server.canonicalRequest, ourStringToSign, server.stringToSign);
  const canonicalRequestMatches = ourCanonical === server.canonicalRequest;
  const lines = [
    `${server.code ?? 'Error'}${server.message !== undefined ? `: ${server.message}` : ''}`,
    '',
    causes.length > 0 ? 'Likely cause(s):' : 'No difference found in the canonical request.',
    ...causes.map((c) => `  - [${c.kind}] ${c.message}`),
    '',
    canonicalRequestMatches ? 'Canonical request: identical.' : 'Canonical request (- ours, + server):',
    ...(canonicalRequestMatches ? [] : [formatDiff(canonicalRequestDiff)]),
  ];
  if (stringToSignDiff.some((l) => l.op !== ' ')) lines.push('', 'String to sign (- ours, + server):', formatDiff(stringToSignDiff));
  return { server, canonicalRequestMatches, canonicalRequestDiff, stringToSignDiff, causes, report: lines.join('\n') };
}
