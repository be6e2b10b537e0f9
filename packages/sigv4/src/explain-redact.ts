/** FNV-1a 32-bit: a short, non-reversible fingerprint so two redacted values can still be compared by eye. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

const redacted = (value: string): string => `<redacted #${fingerprint(value)}>`;

/**
 * Replaces the session token in a canonical request (the `x-amz-security-token` header line and the
 * `X-Amz-Security-Token` query value) with a fingerprint, so reports, logs and inspected results never carry it.
 * Idempotent: an already-redacted value is left alone.
 */
export function redactCanonicalRequest(text: string): string {
  return text
    .replace(/^(x-amz-security-token:)(.*)$/m, (whole, name: string, value: string) => (value.startsWith('<redacted #') ? whole : `${name}${redacted(value)}`))
    .replace(/^((?:[^\n]*\n){2}(?:[^\n]*&)?X-Amz-Security-Token=)([^&\n]*)/, (whole, prefix: string, value: string) =>
      value.startsWith('<redacted #') || value.startsWith('%3Credacted') ? whole : `${prefix}${redacted(value)}`);
}
