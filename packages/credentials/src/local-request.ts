import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A small request to a metadata endpoint (IMDS or container credentials). */
export interface LocalRequest {
  method: 'GET' | 'PUT';
  url: URL;
  headers?: Record<string, string> | undefined;
  /** Whole-request deadline (connect, headers and body). */
  timeoutMs: number;
}

/** The outcome: a response with any status, or why there was none. */
export type LocalResponse =
  | { ok: true; status: number; body: string }
  | { ok: false; kind: 'timeout' | 'network'; error: Error };

const MAX_BODY = 64 * 1024;

/**
 * Sends one request with plain `node:http(s)`, no keep-alive and no proxy. Metadata endpoints are link-local or
 * loopback and must never go through `HTTPS_PROXY`, which is why this does not use `@rawaws/http`.
 */
export function localRequest(req: LocalRequest): Promise<LocalResponse> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: LocalResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const r = send(req.url, { method: req.method, headers: req.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let len = 0;
      res.on('data', (b: Buffer) => {
        len += b.length;
        if (len > MAX_BODY) {
          r.destroy(new Error(`response body over ${MAX_BODY} bytes`));
          return;
        }
        chunks.push(b);
      });
      res.on('end', () => finish({ ok: true, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => finish({ ok: false, kind: 'network', error }));
    });
    const timer = setTimeout(() => {
      const error = new Error(`${req.method} ${req.url.origin}${req.url.pathname} timed out after ${req.timeoutMs} ms`);
      finish({ ok: false, kind: 'timeout', error });
      r.destroy(error);
    }, req.timeoutMs);
    r.on('error', (error) => finish({ ok: false, kind: 'network', error }));
    r.end();
  });
}
