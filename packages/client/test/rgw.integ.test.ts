import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type {} from '@rawaws/rgw/global-setup';
import { createClient, isAwsServiceError, type AwsClient } from '../src/index.js';
import { isolatedEnv } from './loopback-server.js';

// Real server: the throw-away RGW 16.2 of @rawaws/rgw (S3 + IAM Query API on `endpoint`, STS on `rgw.stsEndpoint`),
// or whatever S3_ENDPOINT names. RGW 16 implements AssumeRole/GetSessionToken but not GetCallerIdentity, and of
// IAM only roles and user policies (no CreateUser/ListUsers), so those are what is exercised here.
const target = inject('s3');
const rgw = target.rgw;
const STS = '2011-06-15';
const IAM = '2010-05-08';
const credentials = { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey, ...(target.sessionToken ? { sessionToken: target.sessionToken } : {}) };
const stsEndpoint = rgw?.stsEndpoint ?? target.endpoint;
const run = Date.now().toString(36);

const clients: AwsClient[] = [];
const client = (service: string, endpoint: string, creds: typeof credentials = credentials): AwsClient => {
  const c = createClient({ service, region: target.region, endpoint, credentials: creds, env: isolatedEnv() });
  clients.push(c);
  return c;
};
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

const caught = (p: Promise<unknown>): Promise<unknown> => p.then(() => new Error('expected an AwsServiceError, got success'), (e: unknown) => e);

describe('STS (Query protocol) on RGW', () => {
  const roleArn = rgw?.roleArn ?? '';

  it('AssumeRole with a signed form POST, then uses the session credentials for an S3 call', async () => {
    const sts = client('sts', stsEndpoint);
    const r = await sts.query('AssumeRole', { RoleArn: roleArn, RoleSessionName: `rawaws-post-${run}`, DurationSeconds: 900 }, { version: STS });
    const c = r.Credentials as Record<string, string>;
    expect(c.AccessKeyId).toMatch(/\S{10,}/);
    expect(c.SessionToken!.length).toBeGreaterThan(40);
    expect(Date.parse(c.Expiration!)).toBeGreaterThan(Date.now());
    expect((r.AssumedRoleUser as Record<string, string>).Arn).toContain(`assumed-role/rawaws-test/rawaws-post-${run}`);
    expect(r.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(r.$metadata.requestId).toMatch(/^tx/);

    // The session token is signed (x-amz-security-token) and accepted by the STS-enabled gateway.
    const s3 = client('s3', stsEndpoint, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    const list = await s3.rest({ protocol: 'rest-xml', method: 'GET', path: '/' });
    expect(list.status).toBe(200);
    expect(list.body).toHaveProperty('ListAllMyBucketsResult');
  });

  it('GetCallerIdentity (POST): RGW 16 does not implement it and answers 405 MethodNotAllowed with an empty message', async () => {
    const sts = client('sts', stsEndpoint);
    const call = sts.query('GetCallerIdentity', {}, { version: STS });
    if (rgw === undefined) {
      expect((await call).Arn).toMatch(/^arn:/);
      return;
    }
    const err = await caught(call);
    expect(isAwsServiceError(err)).toBe(true);
    expect(err).toMatchObject({ status: 405, code: 'MethodNotAllowed', serviceMessage: '', operation: 'sts:GetCallerIdentity', bodyKind: 'xml' });
    expect((err as Error).message).toContain('the method is not allowed on this resource (the server sent no error message)');
    expect((err as { requestId: string }).requestId).toMatch(/^tx/);
  });

  it('Query over GET: RGW 16 routes GET to its S3 handler, which refuses the sts-scoped signature (AWS accepts it)', async () => {
    const sts = client('sts', stsEndpoint);
    const call = sts.query('AssumeRole', { RoleArn: roleArn, RoleSessionName: `rawaws-get-${run}` }, { version: STS, method: 'GET' });
    if (rgw === undefined) {
      expect((await call).AssumedRoleUser).toBeDefined();
      return;
    }
    const err = await caught(call);
    expect(err).toMatchObject({ status: 403, code: 'AccessDenied', operation: 'sts:AssumeRole' });
    // The same request signed for s3 is answered by RGW's S3 ListBuckets: the GET request itself is well-formed.
    const asS3 = await client('s3', stsEndpoint).send({ method: 'GET', path: '/', query: { Action: 'AssumeRole', Version: STS } });
    expect(await asS3.text()).toContain('<ListAllMyBucketsResult');
  });

  it('a wrong secret: typed AccessDenied with request id, no secret in the error', async () => {
    const wrong = 'wrong/secret/key/for/rawaws/integration00';
    const sts = client('sts', stsEndpoint, { accessKeyId: target.accessKeyId, secretAccessKey: wrong });
    const err = await caught(sts.query('AssumeRole', { RoleArn: roleArn, RoleSessionName: 'nope' }, { version: STS }));
    expect(err).toMatchObject({ status: 403, code: 'AccessDenied', fault: 'client', retryable: false });
    expect((err as { requestId: string }).requestId).toMatch(/^tx/);
    expect(`${String(err)} ${JSON.stringify(err)}`).not.toContain(wrong);
  });
});

describe('IAM (Query protocol) on RGW', () => {
  const roleName = `rawaws-client-${run}`;

  it('ListRoles returns the launcher role (arrays where asked, entity-decoded policy JSON)', async () => {
    const iam = client('iam', target.endpoint);
    const r = await iam.query('ListRoles', {}, { version: IAM, arrays: ['member'] });
    const roles = (r.Roles as { member: Record<string, string>[] }).member;
    const role = roles.find((x) => x.RoleName === 'rawaws-test');
    expect(role?.Arn).toBe('arn:aws:iam:::role/rawaws-test');
    expect(JSON.parse(role!.AssumeRolePolicyDocument!)).toMatchObject({ Version: '2012-10-17' });
  });

  it('CreateRole / GetRole / DeleteRole, then NoSuchEntity as a typed 404', async () => {
    const iam = client('iam', target.endpoint);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam:::user/test'] }, Action: ['sts:AssumeRole'] }] });
    const created = await iam.query('CreateRole', { RoleName: roleName, Path: '/rawaws/', AssumeRolePolicyDocument: trust }, { version: IAM });
    expect((created.Role as Record<string, string>).RoleName).toBe(roleName);
    const got = await iam.query('GetRole', { RoleName: roleName }, { version: IAM });
    expect((got.Role as Record<string, string>).Path).toBe('/rawaws/');
    await iam.query('DeleteRole', { RoleName: roleName }, { version: IAM });
    const err = await caught(iam.query('GetRole', { RoleName: roleName }, { version: IAM }));
    expect(err).toMatchObject({ status: 404, code: 'NoSuchEntity', operation: 'iam:GetRole' });
    expect((err as Error).message).toContain('the entity does not exist');
  });

  it('PutUserPolicy / ListUserPolicies / GetUserPolicy / DeleteUserPolicy with a policy full of characters to encode', async () => {
    const iam = client('iam', target.endpoint);
    const policyName = `p-${run}`;
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ["arn:aws:s3:::b/a b&c=d'e(f)*~é/h;i,j"] }] });
    // Neither '+' nor '%': RGW 16 form-decodes the body twice, so '+' comes back as ' ' and '%' is InvalidInput
    // (awscli's PutUserPolicy gets the same).
    await iam.query('PutUserPolicy', { UserName: 'test', PolicyName: policyName, PolicyDocument: doc }, { version: IAM });
    const names = await iam.query('ListUserPolicies', { UserName: 'test' }, { version: IAM, arrays: ['member'] });
    expect((names.PolicyNames as { member: string[] }).member).toContain(policyName);
    const got = await iam.query('GetUserPolicy', { UserName: 'test', PolicyName: policyName }, { version: IAM });
    expect(JSON.parse(got.PolicyDocument as string)).toEqual(JSON.parse(doc));
    await iam.query('DeleteUserPolicy', { UserName: 'test', PolicyName: policyName }, { version: IAM });
  });

  it('unknown action and a wrong secret become typed errors', async () => {
    const iam = client('iam', target.endpoint);
    const unknown = await caught(iam.query('ListUsers', {}, { version: IAM }));
    expect(isAwsServiceError(unknown)).toBe(true);
    expect(unknown).toMatchObject({ status: 405, code: 'MethodNotAllowed' });
    const bad = client('iam', target.endpoint, { accessKeyId: target.accessKeyId, secretAccessKey: 'not-the-secret-000000000000000000000000' });
    const denied = await caught(bad.query('ListRoles', {}, { version: IAM }));
    expect(denied).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect((denied as { requestId?: string }).requestId).toMatch(/^tx/);
    expect((denied as Error).message).toContain('check the secret access key');
  });

  it('cross-check: Debian awscli sees the same roles', async () => {
    const iam = client('iam', target.endpoint);
    const ours = await iam.query('ListRoles', {}, { version: IAM, arrays: ['member'] });
    const { stdout } = await promisify(execFile)('/usr/bin/aws', ['iam', 'list-roles', '--endpoint-url', target.endpoint, '--output', 'json'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_ACCESS_KEY_ID: target.accessKeyId, AWS_SECRET_ACCESS_KEY: target.secretAccessKey, AWS_DEFAULT_REGION: target.region, AWS_PAGER: '' },
      timeout: 15_000,
    });
    const theirs = (JSON.parse(stdout) as { Roles: { Arn: string; RoleId: string }[] }).Roles.map((r) => `${r.Arn} ${r.RoleId}`).sort();
    expect((ours.Roles as { member: Record<string, string>[] }).member.map((r) => `${r.Arn} ${r.RoleId}`).sort()).toEqual(theirs);
  });
});

describe('SNS (Query protocol, maps) on RGW', () => {
  it('CreateTopic with Attributes as a Map (entry.N.key/value), GetTopicAttributes, ListTopics, DeleteTopic', async () => {
    const sns = client('sns', target.endpoint);
    const v = { version: '2010-03-31' };
    const opaque = "hello world+&=%é'()*";
    const created = await sns.query('CreateTopic', { Name: `rawaws-${run}`, Attributes: new Map([['push-endpoint', 'http://127.0.0.1:9/x'], ['OpaqueData', opaque]]) }, v);
    const arn = created.TopicArn as string;
    expect(arn).toMatch(new RegExp(`^arn:aws:sns:.*:rawaws-${run}$`));
    const attrs = await sns.query('GetTopicAttributes', { TopicArn: arn }, { ...v, arrays: ['entry'] });
    const map = new Map((attrs.Attributes as { entry: { key: string; value: string }[] }).entry.map((e) => [e.key, e.value]));
    expect(map.get('OpaqueData')).toBe(opaque);
    expect(map.get('TopicArn')).toBe(arn);
    const topics = await sns.query('ListTopics', {}, { ...v, arrays: ['member'] });
    expect((topics.Topics as { member: { TopicArn: string }[] }).member.map((t) => t.TopicArn)).toContain(arn);
    await sns.query('DeleteTopic', { TopicArn: arn }, v);
    const after = await sns.query('ListTopics', {}, { ...v, arrays: ['member'] });
    expect(JSON.stringify(after)).not.toContain(arn);
  });
});

describe('S3 (REST-XML) on RGW', () => {
  it('CreateBucket, ListBuckets, DeleteBucket; NoSuchBucket as a typed error with request and host ids', async () => {
    const s3 = client('s3', target.endpoint);
    const bucket = `rawaws-client-${run}`;
    await s3.rest({ protocol: 'rest-xml', method: 'PUT', path: `/${bucket}` });
    const list = await s3.rest({ protocol: 'rest-xml', method: 'GET', path: '/', arrays: ['Bucket'] });
    const buckets = ((list.body as { ListAllMyBucketsResult: { Buckets: { Bucket: { Name: string }[] } } }).ListAllMyBucketsResult.Buckets.Bucket).map((b) => b.Name);
    expect(buckets).toContain(bucket);
    await s3.rest({ protocol: 'rest-xml', method: 'DELETE', path: `/${bucket}` });
    const err = await caught(s3.rest({ protocol: 'rest-xml', method: 'GET', path: `/${bucket}`, operation: 's3:ListObjects' }));
    expect(err).toMatchObject({ status: 404, code: 'NoSuchBucket', operation: 's3:ListObjects', bodyKind: 'xml' });
    expect((err as { requestId: string }).requestId).toMatch(/^tx/);
    expect((err as { hostId: string }).hostId).toBeTruthy();
  });
});
