/** Query parameters whose values are secrets (presigned URLs). Compared case-insensitively. */
const SECRET_QUERY = new Set(['x-amz-signature', 'x-amz-security-token', 'x-amz-credential', 'signature', 'awsaccesskeyid']);

/** Header names whose values never leave the process in messages or events. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-amz-security-token',
  'x-amz-server-side-encryption-customer-key',
  'x-amz-copy-source-server-side-encryption-customer-key',
  'cookie',
]);

/**
 * A URL safe for messages: user info removed, secret query values replaced by `REDACTED`.
 * Unparseable input yields `'<invalid url>'` rather than echoing it.
 *
 * @example
 * ```ts
 * redactUrl('https://b.s3.amazonaws.com/k?X-Amz-Signature=abc'); // 'https://b.s3.amazonaws.com/k?X-Amz-Signature=REDACTED'
 * ```
 */
export function redactUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return '<invalid url>';
  }
  if (u.username || u.password) {
    u.username = '';
    u.password = '';
  }
  for (const key of [...u.searchParams.keys()]) {
    if (SECRET_QUERY.has(key.toLowerCase())) u.searchParams.set(key, 'REDACTED');
  }
  return u.toString();
}

/** A copy of `headers` with secret values replaced by `REDACTED`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? 'REDACTED' : v;
  return out;
}

/**
 * Scrub free text (e.g. a foreign error message) of presign query values and Authorization-header parts:
 * `X-Amz-Signature=…`, `X-Amz-Security-Token=…`, `X-Amz-Credential=…`, `Signature=…`, `Credential=…`.
 */
export function redactText(text: string): string {
  return text
    .replace(/\b(X-Amz-(?:Signature|Security-Token|Credential)=)[^&\s"'<>]+/gi, '$1REDACTED')
    .replace(/\b((?:Signature|Credential|AWSAccessKeyId)=)[^,&\s"'<>]+/g, '$1REDACTED');
}
