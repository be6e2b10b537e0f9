import { awsDate, type FakeCredentials } from './fake-credentials.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Escapes text for an XML element. */
export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const credentialsXml = (c: FakeCredentials): string =>
  `<Credentials><AccessKeyId>${xmlEscape(c.accessKeyId)}</AccessKeyId>` +
  `<SecretAccessKey>${xmlEscape(c.secretAccessKey)}</SecretAccessKey>` +
  `<SessionToken>${xmlEscape(c.sessionToken)}</SessionToken>` +
  `<Expiration>${awsDate(c.expiration)}</Expiration></Credentials>`;

/** The body of a successful AssumeRole / AssumeRoleWithWebIdentity response. */
export function assumeRoleXml(
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity',
  c: FakeCredentials,
  assumedRoleArn: string,
  requestId: string,
  extra = '',
): string {
  return (
    `<${action}Response xmlns="${NS}">\n  <${action}Result>\n    ${extra}${credentialsXml(c)}\n` +
    `    <AssumedRoleUser><AssumedRoleId>AROAEMULATED:${xmlEscape(assumedRoleArn.split('/').pop() ?? '')}</AssumedRoleId>` +
    `<Arn>${xmlEscape(assumedRoleArn)}</Arn></AssumedRoleUser>\n  </${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n</${action}Response>\n`
  );
}

/** The body of a GetCallerIdentity response. */
export function callerIdentityXml(arn: string, account: string, userId: string, requestId: string): string {
  return (
    `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${xmlEscape(arn)}</Arn>` +
    `<UserId>${xmlEscape(userId)}</UserId><Account>${account}</Account></GetCallerIdentityResult>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>\n`
  );
}

/** The Query protocol's error body. */
export function errorXml(type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`
  );
}
