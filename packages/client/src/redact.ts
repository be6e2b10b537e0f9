// Patterns for values that must never reach an error message: SigV4 signatures (64 hex digits), signed query
// parameters and header values, and 40-character secret-key-like base64 runs.
const keyValue =
  /\b(X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|SignatureProvided|Authorization|Security-?Token|Session-?Token|Secret[A-Za-z]*|Password)(\s*[=:]\s*|"\s*:\s*"|>)([^&\s"'<>,;]+)/gi;
const hex64 = /[0-9a-fA-F]{64,}/g;
const longOpaque = /[A-Za-z0-9+/]{40,}={0,2}/g;

/**
 * Replaces anything that looks like a signature, session token or secret key with `[redacted]`.
 * Used on every server-provided string that goes into an error message.
 */
export function redact(text: string): string {
  return text.replace(keyValue, '$1$2[redacted]').replace(hex64, '[redacted]').replace(longOpaque, '[redacted]');
}

/**
 * Replaces only 64-hex-digit runs (SigV4 signatures). For identifiers such as S3's `x-amz-id-2`, which are long
 * base64 strings that {@link redact} would hide.
 */
export function redactSignatures(text: string): string {
  return text.replace(hex64, '[redacted]');
}

/**
 * A short, printable, redacted excerpt of an unexpected response body (HTML from a proxy, random bytes):
 * the `<title>` when there is one, otherwise the text without tags, whitespace collapsed, control characters
 * replaced, cut at `max` characters.
 */
export function safeExcerpt(text: string, max = 160): string {
  const title = /<title[^>]*>([^<]{1,500})<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.slice(0, 4096).replace(/<[^>]{0,500}>/g, ' '))
    // eslint-disable-next-line no-control-regex -- replacing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = plain.length > max ? `${plain.slice(0, max)}…` : plain;
  return redact(cut);
}
