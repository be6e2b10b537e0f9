import { describe, expect, it } from 'vitest';
import { parseXml } from './parse-xml.js';
import { queryResultOf } from './query-call.js';

describe('queryResultOf', () => {
  it('awsQuery: the <ActionResult> content and the RequestId', () => {
    const doc = parseXml('<GetCallerIdentityResponse xmlns="x"><GetCallerIdentityResult><Arn>a</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
    expect(queryResultOf(doc, 'GetCallerIdentity', 'sts:GetCallerIdentity')).toEqual({ result: { Arn: 'a' }, requestId: 'r1' });
  });

  it('actions without a result element, and EC2 responses (requestId inline)', () => {
    expect(queryResultOf(parseXml('<DeleteRoleResponse><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DeleteRoleResponse>'), 'DeleteRole', 'op')).toEqual({ result: {}, requestId: 'r2' });
    expect(queryResultOf(parseXml('<DescribeRegionsResponse><requestId>r3</requestId><regionInfo><item><regionName>eu-west-1</regionName></item></regionInfo></DescribeRegionsResponse>'), 'DescribeRegions', 'op')).toEqual({
      result: { regionInfo: { item: { regionName: 'eu-west-1' } } },
      requestId: 'r3',
    });
    expect(queryResultOf(parseXml('<GetCallerIdentityResponse><GetCallerIdentityResult></GetCallerIdentityResult></GetCallerIdentityResponse>'), 'GetCallerIdentity', 'op')).toEqual({ result: {}, requestId: undefined });
  });

  it('tolerates a differently named ...Response root (RGW 16: DeleteUserPoliciesResponse for DeleteUserPolicy)', () => {
    const doc = parseXml('<DeleteUserPoliciesResponse><ResponseMetadata><RequestId>r4</RequestId></ResponseMetadata></DeleteUserPoliciesResponse>');
    expect(queryResultOf(doc, 'DeleteUserPolicy', 'iam:DeleteUserPolicy')).toEqual({ result: {}, requestId: 'r4' });
  });

  it('anything else is CLIENT_RESPONSE naming what came back', () => {
    expect(() => queryResultOf(parseXml('<ListAllMyBucketsResult/>'), 'ListRoles', 'iam:ListRoles')).toThrow(/iam:ListRoles: expected <ListRolesResponse>, got <ListAllMyBucketsResult>/);
  });
});
