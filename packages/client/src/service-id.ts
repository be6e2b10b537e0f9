// SDK service ids whose AWS_ENDPOINT_URL_<ID> / [services] key is not simply the endpoint prefix
// (AWS SDKs and Tools reference guide, "Identifiers for service-specific endpoints").
const knownIds: Readonly<Record<string, string>> = {
  'acm-pca': 'ACM PCA',
  apigateway: 'API Gateway',
  'application-autoscaling': 'Application Auto Scaling',
  autoscaling: 'Auto Scaling',
  'cognito-idp': 'Cognito Identity Provider',
  email: 'SES',
  events: 'EventBridge',
  logs: 'CloudWatch Logs',
  monitoring: 'CloudWatch',
  route53: 'Route 53',
  secretsmanager: 'Secrets Manager',
  states: 'SFN',
};

/**
 * The SDK service id for an endpoint prefix: a few well-known ones that differ (`monitoring` → `CloudWatch`,
 * `secretsmanager` → `Secrets Manager`), else the prefix itself (`sts`, `iam`, `s3`, `dynamodb` all match).
 * Pass `serviceId` to `createClient` for any other service whose id differs.
 */
export function defaultServiceId(service: string): string {
  return knownIds[service] ?? service;
}
