import type { Transport, TransportRequest } from '@rawaws/http';
import { dotSafeUrl } from './encode-key.js';

/**
 * Wraps a transport so that every attempt is signed on the plain URL (`/bucket/a/../b`) and sent on its
 * parse-proof form (`/bucket/a/..%2Fb`, see {@link dotSafeUrl}): the transport parses URLs with WHATWG `URL`,
 * which would otherwise drop the dot segments of such keys after signing.
 */
export function dotSafeTransport(inner: Transport): Transport {
  const rewrite = (r: TransportRequest): TransportRequest => {
    const url = String(r.url);
    const safe = dotSafeUrl(url);
    return safe === url ? r : { ...r, url: safe };
  };
  return {
    send: (req) => {
      const prepare = req.prepare;
      return inner.send({
        ...req,
        prepare: async (r, ctx) => rewrite(prepare === undefined ? r : await prepare(r, ctx)),
      });
    },
    clockOffsetMs: () => inner.clockOffsetMs(),
    close: () => inner.close(),
  };
}
