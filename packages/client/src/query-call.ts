import type { AwsClient, QueryOptions, QueryResult } from './client-types.js';
import { metadataOf } from './response-metadata.js';
import { ClientError } from './errors.js';
import { parseXml, type XmlObject } from './parse-xml.js';
import { formEncode, serializeQuery, type QueryValue } from './query-serialize.js';

const asObject = (v: unknown): XmlObject | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlObject) : v === '' ? {} : undefined;

/**
 * Extracts the result of a Query response: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`
 * (awsQuery) or the children of `<ActionResponse>` without `requestId` (EC2, and results-less actions).
 *
 * @throws ClientError `CLIENT_RESPONSE` when the document is not a response to `action`.
 */
export function queryResultOf(doc: XmlObject, action: string, operation: string): { result: XmlObject; requestId: string | undefined } {
  // Like the SDKs, the root's name is not checked beyond "…Response" (RGW 16 answers DeleteUserPolicy with
  // <DeleteUserPoliciesResponse>).
  const root = `${action}Response` in doc ? `${action}Response` : Object.keys(doc).find((k) => k.endsWith('Response'));
  const response = root === undefined ? undefined : asObject(doc[root]);
  if (response === undefined) {
    const got = Object.keys(doc)[0] ?? '(empty document)';
    throw new ClientError('CLIENT_RESPONSE', `${operation}: expected <${action}Response>, got <${got}>`, { value: got });
  }
  const meta = asObject(response.ResponseMetadata);
  const requestId = typeof meta?.RequestId === 'string' ? meta.RequestId : typeof response.requestId === 'string' ? response.requestId : undefined;
  const wrapped = asObject(response[`${action}Result`]);
  if (wrapped !== undefined) return { result: wrapped, requestId };
  const rest: XmlObject = {};
  for (const [k, v] of Object.entries(response)) if (k !== 'ResponseMetadata' && k !== 'requestId') rest[k] = v;
  return { result: rest, requestId };
}

/** {@link AwsClient.query}: serialise, send as a form POST (or GET), parse `<ActionResult>`. */
export async function queryCall(
  client: AwsClient,
  service: string,
  action: string,
  params: { readonly [name: string]: QueryValue },
  queryOpts: QueryOptions,
): Promise<QueryResult> {
  const opts: Partial<QueryOptions> = queryOpts ?? {};
  const pairs = serializeQuery(action, opts.version ?? '', params ?? {}, { protocol: opts.protocol });
  const operation = `${service}:${action}`;
  const form = formEncode(pairs);
  const common = {
    path: '/',
    operation,
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.idempotent === undefined ? {} : { idempotent: opts.idempotent }),
  };
  const res =
    opts.method === 'GET'
      ? await client.send({ ...common, method: 'GET', url: `/?${form}` })
      : await client.send({ ...common, method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
  const text = await res.text();
  const doc = parseXml(text, { arrays: opts.arrays, numbers: opts.numbers });
  const { result, requestId } = queryResultOf(doc, action, operation);
  const $metadata = { ...metadataOf(res), requestId: metadataOf(res).requestId ?? requestId };
  return Object.assign(result, { $metadata });
}
