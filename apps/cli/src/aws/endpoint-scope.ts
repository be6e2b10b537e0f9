/** Service and region read from an AWS host name, as far as the host says. */
export interface HostScope {
  readonly service?: string | undefined;
  readonly region?: string | undefined;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Guesses the SigV4 service and region from an AWS endpoint host, the way awscurl users expect:
 * `sts.eu-west-1.amazonaws.com` → sts / eu-west-1, `iam.amazonaws.com` → iam / us-east-1,
 * `bucket.s3.us-west-2.amazonaws.com` → s3 / us-west-2, `ec2-fips.us-east-1.amazonaws.com` → ec2. Other hosts → {}.
 *
 * @example
 * scopeFromHost('sqs.ap-south-1.amazonaws.com'); // { service: 'sqs', region: 'ap-south-1' }
 */
export function scopeFromHost(host: string): HostScope {
  const m = /^(.*)\.amazonaws\.com(\.cn)?$/.exec(host.toLowerCase());
  if (m?.[1] === undefined) return {};
  const labels = m[1].split('.');
  const s3 = labels.findIndex((l) => l === 's3' || l.startsWith('s3-'));
  if (s3 !== -1) {
    const label = labels[s3] ?? '';
    const next = labels[s3 + 1];
    const dashed = label.startsWith('s3-') ? label.slice(3) : undefined;
    const region = [next, dashed, ...labels.slice(s3 + 2)].find((l) => l !== undefined && REGION.test(l));
    return { service: 's3', region: region ?? 'us-east-1' };
  }
  const [first, second] = labels;
  if (first === undefined) return {};
  const service = first.replace(/-fips$/, '');
  const region = second !== undefined && REGION.test(second) ? second : labels.length === 1 ? 'us-east-1' : undefined;
  return { service, region };
}
