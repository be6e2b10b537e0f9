import type { Transport } from '@rawaws/http';

/** Options for providers that call STS (assume-role and web identity). */
export interface StsInit {
  /**
   * STS endpoint URL, e.g. an emulator's.
   * @default AWS_ENDPOINT_URL_STS, [services] sts.endpoint_url, AWS_ENDPOINT_URL, endpoint_url, else https://sts.<region>.amazonaws.com
   */
  stsEndpoint?: string | undefined;
  /**
   * STS region.
   * @default the profile's region, AWS_REGION, AWS_DEFAULT_REGION, else us-east-1
   */
  stsRegion?: string | undefined;
  /**
   * Transport for STS calls.
   * @default a transport created per call with createTransport() and closed after it
   */
  transport?: Transport | undefined;
  /** Clock, used for default session names and expiry checks. @default Date.now */
  now?: (() => number) | undefined;
}
