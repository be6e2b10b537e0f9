// Reads the aws-c-auth `request.txt` format: request line, `Name:value` lines (a line starting with whitespace
// continues the previous header), a blank line, then the body.

export interface ParsedRequest {
  method: string;
  /** Path and query exactly as written on the request line. */
  target: string;
  host: string;
  headers: Record<string, string | string[]>;
  body: string;
}

export function parseRequest(text: string): ParsedRequest {
  const lines = text.split('\n');
  // The target may hold raw spaces (get-space-*): it runs from the first space to the last one.
  const first = lines[0] ?? '';
  const a = first.indexOf(' ');
  const b = first.lastIndexOf(' ');
  if (a <= 0 || b <= a) throw new Error(`bad request line ${JSON.stringify(first)}`);
  const method = first.slice(0, a);
  const target = first.slice(a + 1, b);
  const headers: Record<string, string | string[]> = {};
  let last: string | undefined;
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      const prev = headers[last] as string | string[];
      if (typeof prev === 'string') headers[last] = `${prev}\n${line}`;
      else prev[prev.length - 1] = `${prev[prev.length - 1] as string}\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const prev = headers[name];
    headers[name] = prev === undefined ? value : typeof prev === 'string' ? [prev, value] : [...prev, value];
    last = name;
  }
  const body = lines.slice(i + 1).join('\n');
  const hostHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1];
  if (typeof hostHeader !== 'string') throw new Error('request has no single Host header');
  return { method, target, host: hostHeader.trim(), headers, body };
}

/** Split a request target `path?query` into the decoded query parameters, as a sorted list for comparisons. */
export function sortedQuery(target: string): string[] {
  const q = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  return q
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const [k, v] = eq === -1 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      return `${decodeURIComponent(k)}=${decodeURIComponent(v)}`;
    })
    .sort();
}
