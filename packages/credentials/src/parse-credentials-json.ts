import type { CredentialsInit } from './aws-credentials.js';
import { CredentialsError, type CredentialsErrorCode } from './errors.js';

/**
 * Reads the JSON shape shared by IMDS and the container endpoint:
 * `{ AccessKeyId, SecretAccessKey, Token, Expiration, AccountId? }`. The body is never quoted in errors.
 */
export function parseCredentialsJson(body: string, where: string, code: CredentialsErrorCode, source: string): CredentialsInit {
  const bad = (why: string): CredentialsError => new CredentialsError(code, `${where} returned unusable credentials JSON: ${why}`, { source });
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw bad(`not JSON (${body.length} bytes)`);
  }
  if (typeof data !== 'object' || data === null) throw bad('not an object');
  const o = data as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof o[k] === 'string' && o[k] !== '' ? o[k] : undefined);
  const accessKeyId = str('AccessKeyId');
  const secretAccessKey = str('SecretAccessKey');
  if (accessKeyId === undefined || secretAccessKey === undefined) throw bad('AccessKeyId and SecretAccessKey are required');
  let expiration: Date | undefined;
  const expiry = str('Expiration');
  if (expiry !== undefined) {
    expiration = new Date(expiry);
    if (Number.isNaN(expiration.getTime())) throw bad(`Expiration ${JSON.stringify(expiry)} is not a date`);
  }
  return { accessKeyId, secretAccessKey, sessionToken: str('Token'), expiration, accountId: str('AccountId') };
}
