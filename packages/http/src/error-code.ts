/** How many bytes of a non-2xx body are buffered to find the error code. */
export const ERROR_BODY_LIMIT = 1024 * 1024;

/**
 * Extract the AWS error code of a non-2xx response: the `x-amzn-errortype` header, a JSON `__type`/`code`,
 * or the first XML `<Code>` element (REST-XML, Query and EC2 shapes all put the code there).
 * Prefixes like `com.amazon.coral#` and suffixes after `:` are stripped (the AWS JSON protocol rules).
 *
 * @example
 * ```ts
 * extractErrorCode({}, new TextEncoder().encode('<Error><Code>SlowDown</Code></Error>')); // 'SlowDown'
 * ```
 */
export function extractErrorCode(headers: Record<string, string>, body: Uint8Array): string | undefined {
  const header = headers['x-amzn-errortype'];
  if (header) return sanitize(header);
  if (body.byteLength === 0) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, 64 * 1024)).trim();
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      for (const key of ['__type', 'code', 'Code']) {
        const v = json[key];
        if (typeof v === 'string' && v) return sanitize(v);
      }
    } catch {
      return undefined;
    }
    return undefined;
  }
  if (text.startsWith('<')) {
    const m = /<Code>\s*([^<\s]+)\s*<\/Code>/.exec(text);
    return m?.[1];
  }
  return undefined;
}

function sanitize(v: string): string | undefined {
  let out = v;
  const colon = out.indexOf(':');
  if (colon >= 0) out = out.slice(0, colon);
  const hash = out.lastIndexOf('#');
  if (hash >= 0) out = out.slice(hash + 1);
  out = out.trim();
  return out || undefined;
}
