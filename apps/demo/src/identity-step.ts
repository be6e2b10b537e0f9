import { createClient, isAwsServiceError, type QueryResult, type XmlValue } from '@rawaws/client';
import type { AwsCredentials, Provider } from '@rawaws/credentials';
import type { Narrator } from './narrator.js';

const text = (v: XmlValue | undefined): string => (typeof v === 'string' ? v : '');

/**
 * The Query-protocol step: STS GetCallerIdentity. RGW 16 does not implement it (405 MethodNotAllowed), so on the
 * local server the typed error is shown and IAM ListRoles (which RGW does implement) is asked instead.
 */
export async function identityStep(
  narrator: Narrator,
  env: Record<string, string | undefined>,
  credentials: Provider<AwsCredentials>,
  signal: AbortSignal,
): Promise<void> {
  narrator.step('Ask AWS who we are (a Query API call, signed with SigV4)');
  const sts = createClient({ service: 'sts', env, credentials });
  try {
    const me = await sts.query('GetCallerIdentity', {}, { version: '2011-06-15' });
    narrator.say(`STS GetCallerIdentity: account ${text(me['Account'])}, ARN ${text(me['Arn'])}`);
    return;
  } catch (e) {
    if (!isAwsServiceError(e) || e.status !== 405) throw e;
    narrator.say(`STS GetCallerIdentity answered HTTP ${e.status} ${e.code}: Ceph RGW 16 does not implement it.`);
  } finally {
    await sts.close();
  }
  signal.throwIfAborted();
  const iam = createClient({ service: 'iam', env, credentials });
  try {
    const roles: QueryResult = await iam.query('ListRoles', {}, { version: '2010-05-08', arrays: ['member'] });
    const list = (roles['Roles'] as { member?: { RoleName?: XmlValue }[] } | undefined)?.member ?? [];
    const names = list.map((r) => text(r.RoleName)).filter((n) => n !== '');
    narrator.say(`IAM ListRoles instead (RGW does implement it): ${names.length} role(s): ${names.join(', ') || 'none'}`);
  } finally {
    await iam.close();
  }
}
