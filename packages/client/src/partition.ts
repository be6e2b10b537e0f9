/** An AWS partition, as the SDKs' `partitions.json` describes it (the facts needed for endpoints). */
export interface Partition {
  readonly id: string;
  readonly dnsSuffix: string;
  readonly dualStackDnsSuffix: string;
  readonly supportsDualStack: boolean;
  readonly supportsFips: boolean;
  /** The region that global endpoints (IAM, `aws-global`) are signed for. */
  readonly implicitGlobalRegion: string;
}

interface PartitionEntry extends Partition {
  readonly regionRegex: RegExp;
  readonly globalRegion: string;
}

const p = (id: string, regionRegex: RegExp, dnsSuffix: string, dualStackDnsSuffix: string, dualStack: boolean, implicitGlobalRegion: string): PartitionEntry => ({
  id,
  regionRegex,
  dnsSuffix,
  dualStackDnsSuffix,
  supportsDualStack: dualStack,
  supportsFips: true,
  implicitGlobalRegion,
  globalRegion: `${id}-global`,
});

// Facts from the AWS SDKs' partitions.json (version 1.1).
const partitions: readonly PartitionEntry[] = [
  p('aws', /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, 'amazonaws.com', 'api.aws', true, 'us-east-1'),
  p('aws-cn', /^cn-\w+-\d+$/, 'amazonaws.com.cn', 'api.amazonwebservices.com.cn', true, 'cn-northwest-1'),
  p('aws-us-gov', /^us-gov-\w+-\d+$/, 'amazonaws.com', 'api.aws', true, 'us-gov-west-1'),
  p('aws-iso', /^us-iso-\w+-\d+$/, 'c2s.ic.gov', 'c2s.ic.gov', false, 'us-iso-east-1'),
  p('aws-iso-b', /^us-isob-\w+-\d+$/, 'sc2s.sgov.gov', 'sc2s.sgov.gov', false, 'us-isob-east-1'),
  p('aws-iso-e', /^eu-isoe-\w+-\d+$/, 'cloud.adc-e.uk', 'cloud.adc-e.uk', false, 'eu-isoe-west-1'),
  p('aws-iso-f', /^us-isof-\w+-\d+$/, 'csp.hci.ic.gov', 'csp.hci.ic.gov', false, 'us-isof-south-1'),
  p('aws-eusc', /^eusc-(de)-\w+-\d+$/, 'amazonaws.eu', 'amazonaws.eu', false, 'eusc-de-east-1'),
];

/**
 * The partition of a region: by its `<partition>-global` name, then by the partitions' region patterns
 * (`us-gov-` and `us-iso-` before the `aws` pattern, which would also match them), else `aws`, as the SDKs do.
 */
export function partitionOf(region: string): Partition {
  const byGlobal = partitions.find((x) => x.globalRegion === region);
  if (byGlobal) return byGlobal;
  const specific = partitions.slice(1).find((x) => x.regionRegex.test(region));
  return specific ?? (partitions[0] as PartitionEntry);
}
