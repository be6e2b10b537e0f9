import { ClientError } from './errors.js';
import { partitionOf } from './partition.js';

/** The endpoint a service's rules give for a region and the FIPS / dual-stack flags. */
export interface DefaultEndpoint {
  readonly url: string;
  /** The region to put in the credential scope (differs for global services such as IAM). */
  readonly signingRegion: string;
  readonly partition: string;
}

// IAM is global: one endpoint per partition and variant (IAM's endpoint rule set). Variants not listed here use
// `https://iam[-fips].{dnsSuffix | dualStackDnsSuffix}` signed for the partition's implicit global region.
type Variant = 'plain' | 'fips' | 'dualStack' | 'fipsDualStack';
const iamEndpoints: Readonly<Record<string, Partial<Record<Variant, readonly [url: string, signingRegion: string]>>>> = {
  aws: {
    dualStack: ['https://iam.global.api.aws', 'us-east-1'],
    fipsDualStack: ['https://iam-fips.global.api.aws', 'us-east-1'],
  },
  'aws-cn': {
    plain: ['https://iam.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
    dualStack: ['https://iam.global.api.amazonwebservices.com.cn', 'cn-north-1'],
  },
  'aws-us-gov': {
    plain: ['https://iam.us-gov.amazonaws.com', 'us-gov-west-1'],
    fips: ['https://iam.us-gov.amazonaws.com', 'us-gov-west-1'],
    dualStack: ['https://iam.us-gov.api.aws', 'us-gov-west-1'],
    fipsDualStack: ['https://iam.us-gov.api.aws', 'us-gov-west-1'],
  },
  'aws-iso': { plain: ['https://iam.us-iso-east-1.c2s.ic.gov', 'us-iso-east-1'], fips: ['https://iam-fips.us-iso-east-1.c2s.ic.gov', 'us-iso-east-1'] },
  'aws-iso-b': { plain: ['https://iam.us-isob-east-1.sc2s.sgov.gov', 'us-isob-east-1'], fips: ['https://iam-fips.us-isob-east-1.sc2s.sgov.gov', 'us-isob-east-1'] },
  'aws-iso-e': { plain: ['https://iam.eu-isoe-west-1.cloud.adc-e.uk', 'eu-isoe-west-1'] },
  'aws-iso-f': { plain: ['https://iam.us-isof-south-1.csp.hci.ic.gov', 'us-isof-south-1'] },
  'aws-eusc': { plain: ['https://iam.eusc-de-east-1.amazonaws.eu', 'eusc-de-east-1'] },
};

/**
 * The default endpoint of a service, following the AWS endpoint rule sets for the common shapes:
 * `https://{service}.{region}.{dnsSuffix}`, `{service}-fips`, the partition's dual-stack suffix, plus the
 * exceptions verified against the SDKs' rules: IAM (global per partition), STS (`aws-global`, GovCloud FIPS) and
 * S3 (`s3.dualstack.{region}`). Other services with irregular hosts need the `endpoint` option.
 *
 * @throws ClientError `CLIENT_INVALID_OPTION` when the partition has no FIPS or dual-stack endpoints.
 */
export function defaultEndpoint(service: string, region: string, fips: boolean, dualStack: boolean): DefaultEndpoint {
  const part = partitionOf(region);
  const result = (url: string, signingRegion = region): DefaultEndpoint => ({ url, signingRegion, partition: part.id });
  if (dualStack && !part.supportsDualStack) {
    throw new ClientError('CLIENT_INVALID_OPTION', `Dual-stack endpoints are not available in partition ${part.id} (region ${region}); unset useDualstackEndpoint / AWS_USE_DUALSTACK_ENDPOINT`, { value: region });
  }
  if (service === 'iam') {
    const variant: Variant = fips && dualStack ? 'fipsDualStack' : fips ? 'fips' : dualStack ? 'dualStack' : 'plain';
    const listed = iamEndpoints[part.id]?.[variant];
    if (listed) return result(listed[0], listed[1]);
    return result(`https://iam${fips ? '-fips' : ''}.${dualStack ? part.dualStackDnsSuffix : part.dnsSuffix}`, part.implicitGlobalRegion);
  }
  const global = region === `${part.id}-global`;
  if (service === 'sts' && region === 'aws-global' && !fips && !dualStack) return result('https://sts.amazonaws.com', 'us-east-1');
  if (service === 's3') {
    if (global && !fips && !dualStack) return result(`https://s3.${part.dnsSuffix}`, part.implicitGlobalRegion);
    const r = global ? part.implicitGlobalRegion : region;
    return result(`https://s3${fips ? '-fips' : ''}${dualStack ? '.dualstack' : ''}.${r}.${part.dnsSuffix}`, r);
  }
  if (service === 'sts' && fips && !dualStack && part.id === 'aws-us-gov') return result(`https://sts.${region}.${part.dnsSuffix}`);
  const host = `${service}${fips ? '-fips' : ''}.${region}.${dualStack ? part.dualStackDnsSuffix : part.dnsSuffix}`;
  return result(`https://${host}`);
}
