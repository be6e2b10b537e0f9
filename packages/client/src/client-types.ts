import type { Provider } from '@rawaws/credentials';
import type { Transport, TransportRequest, TransportResponse } from '@rawaws/http';
import type { Credentials } from '@rawaws/sigv4';
import type { QueryParams } from './build-url.js';
import type { EndpointSource } from './resolve-endpoint.js';
import type { RegionSource } from './resolve-region.js';
import type { ParseXmlOptions, XmlObject } from './parse-xml.js';
import type { QueryValue } from './query-serialize.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Endpoint prefix and default signing name: `sts`, `iam`, `s3`, `dynamodb`... */
  readonly service: string;
  /** @default `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` */
  readonly region?: string | undefined;
  /**
   * Static credentials or a provider called before every attempt (wrap it in `memoize`), or `null` to send
   * unsigned requests.
   * @default defaultCredentials({ profile, env }) from `@rawaws/credentials`
   */
  readonly credentials?: Credentials | Provider<Credentials> | null | undefined;
  /** @default `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the config file, then the service's AWS endpoint */
  readonly endpoint?: string | URL | undefined;
  /** @default `createTransport({ env })` (retries from `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE`), closed by {@link AwsClient.close} */
  readonly transport?: Transport | undefined;
  /** @default `AWS_PROFILE`, then `default` */
  readonly profile?: string | undefined;
  /** Environment to read instead of `process.env`. @default process.env (read when the client is created) */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** SigV4 signing name when it differs from `service` (e.g. `execute-api`). @default service */
  readonly signingName?: string | undefined;
  /**
   * SDK service id used for `AWS_ENDPOINT_URL_<ID>` and `[services]` keys (e.g. `Elastic Load Balancing v2`).
   * @default a few known ids (`monitoring` → `CloudWatch`, `secretsmanager` → `Secrets Manager`...), else service
   */
  readonly serviceId?: string | undefined;
  /** @default `AWS_USE_FIPS_ENDPOINT`, the profile's `use_fips_endpoint`, else false */
  readonly useFipsEndpoint?: boolean | undefined;
  /** @default `AWS_USE_DUALSTACK_ENDPOINT`, the profile's `use_dualstack_endpoint`, else false */
  readonly useDualstackEndpoint?: boolean | undefined;
}

/** The client's resolved configuration. */
export interface ResolvedConfig {
  readonly service: string;
  readonly signingName: string;
  readonly region: string;
  readonly regionSource: RegionSource;
  /** Region in the credential scope (IAM's global endpoint signs for `us-east-1`). */
  readonly signingRegion: string;
  readonly endpoint: URL;
  readonly endpointSource: EndpointSource;
  readonly useFipsEndpoint: boolean;
  readonly useDualstackEndpoint: boolean;
  readonly profile: string;
}

/** Which statuses count as success. @default 200-299 */
export type ExpectedStatus = readonly number[] | ((status: number) => boolean);

/** A low-level request for {@link AwsClient.send}. */
export interface SendRequest {
  readonly method: string;
  /** Absolute URL, or a path (with query) relative to the endpoint. Use either `url` or `path`. */
  readonly url?: string | URL | undefined;
  /** Percent-encoded path below the endpoint's path. @default '/' */
  readonly path?: string | undefined;
  /** Query parameters, encoded here. */
  readonly query?: QueryParams | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: TransportRequest['body'] | undefined;
  /**
   * Hex SHA-256 of the body, `UNSIGNED-PAYLOAD` or a `STREAMING-…` value.
   * @default computed once for string/bytes bodies; required for streams except with `s3: true` (`UNSIGNED-PAYLOAD`)
   */
  readonly payloadHash?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** S3 signing rules (path encoded once, `x-amz-content-sha256`). @default service === 's3' */
  readonly s3?: boolean | undefined;
  /** @default 200-299 */
  readonly expectedStatus?: ExpectedStatus | undefined;
  /** @default the transport's default (signed requests are retried for every method) */
  readonly idempotent?: boolean | undefined;
  /** Name for error messages, e.g. `s3:PutObject`. @default `METHOD /path` */
  readonly operation?: string | undefined;
  /** Read 2xx bodies inside the retry loop (see `@rawaws/http`). @default 'stream' */
  readonly responseBody?: 'stream' | 'buffer' | undefined;
}

/** Response metadata, like the SDKs' `$metadata`. */
export interface ResponseMetadata {
  readonly httpStatusCode: number;
  readonly requestId: string | undefined;
  readonly attempts: number;
}

/** Options of {@link AwsClient.query}. */
export interface QueryOptions extends Pick<ParseXmlOptions, 'arrays' | 'numbers'> {
  /** API version, e.g. `2011-06-15` (STS), `2010-05-08` (IAM). */
  readonly version: string;
  /** @default 'POST' (form body); 'GET' puts the parameters in the query string */
  readonly method?: 'GET' | 'POST' | undefined;
  /** @default 'query'; 'ec2' flattens lists as `Name.N` and has no `<ActionResult>` wrapper */
  readonly protocol?: 'query' | 'ec2' | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly idempotent?: boolean | undefined;
}

/** Result of {@link AwsClient.query}: the content of `<ActionResult>`, plus `$metadata`. */
export type QueryResult = XmlObject & { readonly $metadata: ResponseMetadata };

/** Options of {@link AwsClient.json}. */
export interface JsonOptions {
  /** `1.0` (DynamoDB, SQS...) or `1.1` (KMS, CloudWatch Logs...). */
  readonly jsonVersion: '1.0' | '1.1';
  /** The `X-Amz-Target` prefix, e.g. `DynamoDB_20120810`, `TrentService`. */
  readonly targetPrefix: string;
  readonly signal?: AbortSignal | undefined;
  readonly idempotent?: boolean | undefined;
}

/** Result of {@link AwsClient.json}: the parsed JSON object, plus `$metadata`. */
export type JsonResult = Record<string, unknown> & { readonly $metadata: ResponseMetadata };

/** A REST-XML or REST-JSON request for {@link AwsClient.rest}. Bindings to path, query and headers are the caller's. */
export interface RestRequest extends Omit<SendRequest, 'body' | 'payloadHash'> {
  readonly protocol: 'rest-xml' | 'rest-json';
  /**
   * Body: for `rest-xml` an object serialised under `xmlRoot` (or a string/bytes sent as is); for `rest-json` any
   * JSON value (or a string/bytes sent as is).
   */
  readonly body?: unknown;
  /** Root element name of a `rest-xml` object body. */
  readonly xmlRoot?: string | undefined;
  /** `xmlns` of the root element. */
  readonly xmlns?: string | undefined;
  /** How to parse XML responses. */
  readonly arrays?: ParseXmlOptions['arrays'];
  /** @default `application/xml` (rest-xml) or `application/json` (rest-json) when there is a body */
  readonly contentType?: string | undefined;
}

/** Result of {@link AwsClient.rest}. */
export interface RestResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed XML or JSON; `undefined` for an empty body. */
  readonly body: unknown;
  readonly $metadata: ResponseMetadata;
}

/** A client for one AWS service; see {@link createClient}. */
export interface AwsClient {
  /** Region, endpoint and signing settings, resolved once (no network). */
  resolveConfig(): Promise<ResolvedConfig>;
  /** Signs (inside the transport's `prepare` hook, on every attempt) and sends; throws `AwsServiceError` on non-2xx. */
  send(req: SendRequest): Promise<TransportResponse>;
  /** Calls a Query-protocol action (STS, IAM, SNS, SQS, EC2...) and returns the parsed result. */
  query(action: string, params: { readonly [name: string]: QueryValue }, opts: QueryOptions): Promise<QueryResult>;
  /** Calls an awsJson1_0 / awsJson1_1 operation. */
  json(target: string, body: unknown, opts: JsonOptions): Promise<JsonResult>;
  /** Sends a REST-XML / REST-JSON request and parses the response body. */
  rest(req: RestRequest): Promise<RestResult>;
  /** Closes the transport if this client created it. */
  close(): Promise<void>;
}
