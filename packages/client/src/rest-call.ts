import type { AwsClient, RestRequest, RestResult } from './client-types.js';
import { buildXml, type XmlInput } from './build-xml.js';
import { ClientError } from './errors.js';
import { toAwsJson } from './json-serialize.js';
import { parseXml } from './parse-xml.js';
import { metadataOf } from './response-metadata.js';

function serialiseBody(req: RestRequest): { body?: string | Uint8Array; contentType?: string } {
  const b = req.body;
  if (b === undefined) return {};
  if (typeof b === 'string' || b instanceof Uint8Array) return { body: b };
  if (req.protocol === 'rest-json') return { body: toAwsJson(b), contentType: 'application/json' };
  if (req.xmlRoot === undefined || typeof b !== 'object' || b === null || Array.isArray(b)) {
    throw new ClientError('CLIENT_INVALID_PARAMS', 'A rest-xml object body needs xmlRoot (the root element name), or pass the XML as a string', { value: 'xmlRoot' });
  }
  return { body: buildXml(req.xmlRoot, b as { readonly [name: string]: XmlInput }, { xmlns: req.xmlns }), contentType: 'application/xml' };
}

/** {@link AwsClient.rest}: serialise the body, send, parse the XML or JSON response body. */
export async function restCall(client: AwsClient, req: RestRequest): Promise<RestResult> {
  const { protocol, xmlRoot: _r, xmlns: _n, arrays, contentType, body: _b, ...send } = req;
  const { body, contentType: defaultType } = serialiseBody(req);
  const headers: Record<string, string> = { ...req.headers };
  const type = contentType ?? defaultType;
  if (type !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = type;
  const res = await client.send({ ...send, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown;
  if (text.trim() !== '') {
    if (protocol === 'rest-xml') parsed = parseXml(text, { arrays });
    else {
      try {
        parsed = JSON.parse(text);
      } catch (cause) {
        throw new ClientError('CLIENT_RESPONSE', `${req.operation ?? `${req.method} ${req.path ?? req.url ?? '/'}`}: response is not JSON (${(cause as Error).message})`, { cause });
      }
    }
  }
  return { status: res.status, headers: res.headers, body: parsed, $metadata: metadataOf(res) };
}
