const DEFAULT_CODES: Record<number, string> = {
  400: 'BadRequest',
  403: 'AccessDenied',
  429: 'TooManyRequests',
  500: 'InternalError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** The S3 error document `<Error><Code>…</Code>…</Error>` for a status and optional code. */
export function s3ErrorBody(status: number, code?: string, message?: string): { code: string; body: string } {
  const c = code ?? DEFAULT_CODES[status] ?? 'InjectedFault';
  const m = message ?? `Injected by @rawaws/fault-proxy (${c})`;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    code: c,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${esc(c)}</Code><Message>${esc(m)}</Message><RequestId>fault-proxy</RequestId></Error>`,
  };
}
