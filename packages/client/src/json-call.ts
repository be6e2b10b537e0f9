import type { AwsClient, JsonOptions, JsonResult } from './client-types.js';
import { ClientError } from './errors.js';
import { toAwsJson } from './json-serialize.js';
import { metadataOf } from './response-metadata.js';

/** {@link AwsClient.json}: POST `/` with `X-Amz-Target: prefix.Operation` and an `application/x-amz-json-1.x` body. */
export async function jsonCall(client: AwsClient, service: string, target: string, body: unknown, opts: JsonOptions): Promise<JsonResult> {
  if (opts?.jsonVersion !== '1.0' && opts?.jsonVersion !== '1.1') {
    throw new ClientError('CLIENT_INVALID_OPTION', `jsonVersion must be '1.0' or '1.1', got ${JSON.stringify(opts?.jsonVersion)}`, { value: opts?.jsonVersion });
  }
  if (!/^[A-Za-z0-9_.]+$/.test(opts.targetPrefix ?? '') || !/^[A-Za-z0-9]+$/.test(target)) {
    throw new ClientError('CLIENT_INVALID_OPTION', `X-Amz-Target needs a prefix such as "DynamoDB_20120810" and an operation such as "ListTables", got ${JSON.stringify(`${opts.targetPrefix}.${target}`.slice(0, 100))}`, { value: `${opts.targetPrefix}.${target}`.slice(0, 100) });
  }
  const operation = `${service}:${target}`;
  const res = await client.send({
    method: 'POST',
    path: '/',
    operation,
    body: toAwsJson(body),
    headers: { 'content-type': `application/x-amz-json-${opts.jsonVersion}`, 'x-amz-target': `${opts.targetPrefix}.${target}` },
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.idempotent === undefined ? {} : { idempotent: opts.idempotent }),
  });
  const text = await res.text();
  let parsed: unknown = {};
  if (text.trim() !== '') {
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new ClientError('CLIENT_RESPONSE', `${operation}: response is not JSON (${(cause as Error).message})`, { cause });
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ClientError('CLIENT_RESPONSE', `${operation}: expected a JSON object, got ${Array.isArray(parsed) ? 'an array' : typeof parsed}`);
  }
  return Object.assign(parsed as Record<string, unknown>, { $metadata: metadataOf(res) });
}
