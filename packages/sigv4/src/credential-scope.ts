/**
 * The SigV4 credential scope: `dateStamp/region/service/aws4_request`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
 * @example
 * credentialScope('20150830', 'us-east-1', 'iam'); // '20150830/us-east-1/iam/aws4_request'
 */
export function credentialScope(dateStamp: string, region: string, service: string): string {
  return `${dateStamp}/${region}/${service}/aws4_request`;
}
