import type { SecretRedactor } from "../shared/redaction/secret-redactor";

/**
 * How the gateway reaches Alibaba Cloud (or the embedded emulator, which speaks the same RPC
 * protocol with the same signatures). The server builds one of these from its own configuration
 * and hands it to `createEssUpstream`.
 */

/** `host[:port]` per product, without a scheme: the SDK adds `config.protocol`. */
export interface UpstreamEndpoints {
  ess: string;
  ecs: string;
  slb: string;
  rds: string;
}

/**
 * - `accessKey`: a fixed AccessKey pair (plus an STS `securityToken` for temporary keys).
 * - `defaultChain`: the `@alicloud/credentials` default chain, resolved on the first call and
 *   refreshed by the chain itself: env `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` (and
 *   `ALIBABA_CLOUD_SECURITY_TOKEN`), OIDC (`ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_*`), the
 *   CLI profile / `~/.alibabacloud/credentials` (`ALIBABA_CLOUD_PROFILE`), the ECS RAM role
 *   (`ALIBABA_CLOUD_ECS_METADATA`), and `ALIBABA_CLOUD_CREDENTIALS_URI`.
 */
export type UpstreamCredentials =
  | { kind: "accessKey"; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { kind: "defaultChain" }
  | RamRoleArnCredentials
  | { kind: "ecsRamRole"; /** Absent: the instance's attached role, as the metadata service names it. */ roleName?: string }
  | OidcRoleArnCredentials;

/**
 * A RAM role assumed with STS AssumeRole from a source AccessKey (often of another account the role
 * trusts). `@alicloud/credentials` refreshes the temporary keys before they expire (it refetches
 * once a session is within 15 minutes of its expiry) and always speaks HTTPS to STS.
 */
interface RamRoleArnCredentials {
  kind: "ramRoleArn";
  source: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** `acs:ram::<account>:role/<name>`. */
  roleArn: string;
  roleSessionName: string;
  /** 900..43200 (STS' bounds). */
  durationSeconds: number;
  /** `host[:port]`; absent: `sts.aliyuncs.com`. */
  stsEndpoint?: string;
  externalId?: string;
}

/** A RAM role assumed with STS AssumeRoleWithOIDC, from an OIDC token file (e.g. ACK RRSA). */
interface OidcRoleArnCredentials {
  kind: "oidcRoleArn";
  roleArn: string;
  oidcProviderArn: string;
  oidcTokenFilePath: string;
  roleSessionName: string;
  durationSeconds: number;
  stsEndpoint?: string;
}

/** The credential kinds, for validation messages. */
const UPSTREAM_CREDENTIAL_KINDS = ["accessKey", "defaultChain", "ramRoleArn", "ecsRamRole", "oidcRoleArn"] as const;

/** Bounded exponential backoff with full jitter; see src/upstream/retry-policy.ts. */
export interface UpstreamRetrySettings {
  /** Attempts per call, the first one included (1 = never retry). */
  maxAttempts: number;
  /** The backoff ceiling before the first retry; it doubles for every further retry. */
  baseDelayMs: number;
  /** The backoff ceiling never grows past this. */
  maxDelayMs: number;
  /**
   * How long a mutation whose outcome is open (an attempt may have reached ESS, none got a definite
   * answer) is replayed with its ClientToken before the client reports `OutcomeUnknown`; 0 never
   * replays. Default `DEFAULT_UPSTREAM_RETRY.settleMs`. See src/upstream/mutation-outcome.settler.ts.
   */
  settleMs?: number;
}

export interface UpstreamConfig {
  /** The region the gateway serves; also the default for `defaultEndpoints`. */
  regionId: string;
  endpoints: UpstreamEndpoints;
  protocol: "http" | "https";
  credentials: UpstreamCredentials;
  /** Learns the secrets the credentials hand out and removes them from error messages (the gateway shares its own). */
  redactor?: SecretRedactor;
  /**
   * - `v3`: ACS3-HMAC-SHA256 in the `Authorization` header (the SDK default; nothing secret in the URL).
   * - `v1`: HMAC-SHA1 with `Signature`/`AccessKeyId` in the query (the SDK's `signatureAlgorithm: "v2"`),
   *   for endpoints that only verify the classic RPC signature.
   */
  signatureVersion: "v3" | "v1";
  /**
   * The deadline of one attempt, from its start to the end of the response body (credential
   * resolution included). Enforced by the client itself; see src/upstream/rpc-http.transport.ts.
   */
  timeoutMs: number;
  /** The longest a new connection may take to open (a reused keep-alive socket skips this). */
  connectTimeoutMs: number;
  retry: UpstreamRetrySettings;
}

/** The defaults the server uses when its configuration does not say otherwise. */
export const DEFAULT_UPSTREAM_TIMEOUTS = Object.freeze({ timeoutMs: 10_000, connectTimeoutMs: 5_000 });

/** The defaults the server uses when its configuration does not say otherwise. */
export const DEFAULT_UPSTREAM_RETRY: Readonly<Required<UpstreamRetrySettings>> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  settleMs: 15_000,
});

/**
 * Public regions that ESS, SLB and RDS serve from their central endpoint
 * (`<product>.aliyuncs.com`), as in the official Go SDK's endpoint maps
 * (services/{ess,slb,rds}/endpoint.go). Every other region uses `<product>.<region>.aliyuncs.com`.
 */
const CENTRAL_ENDPOINT_REGIONS: ReadonlySet<string> = new Set([
  "cn-qingdao",
  "cn-beijing",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-shenzhen",
  "cn-hongkong",
  "ap-southeast-1",
  "us-east-1",
  "us-west-1",
]);

/**
 * The public Alibaba Cloud endpoints for `regionId`.
 *
 * ESS, SLB and RDS: `<product>.aliyuncs.com` in the central regions above, otherwise
 * `<product>.<regionId>.aliyuncs.com`. ECS: always the regional `ecs.<regionId>.aliyuncs.com`
 * (it exists in every region, and the central `ecs-cn-hangzhou.aliyuncs.com` alias is legacy).
 *
 * @example defaultEndpoints("cn-hangzhou")
 * // { ess: "ess.aliyuncs.com", ecs: "ecs.cn-hangzhou.aliyuncs.com", slb: "slb.aliyuncs.com", rds: "rds.aliyuncs.com" }
 */
export function defaultEndpoints(regionId: string): UpstreamEndpoints {
  if (!/^[a-z0-9-]+$/.test(regionId)) {
    throw new RangeError(`Invalid region id ${JSON.stringify(regionId)}: expected e.g. "cn-hangzhou".`);
  }
  const central = CENTRAL_ENDPOINT_REGIONS.has(regionId);
  const centralOrRegional = (product: string): string => (central ? `${product}.aliyuncs.com` : `${product}.${regionId}.aliyuncs.com`);
  return {
    ess: centralOrRegional("ess"),
    ecs: `ecs.${regionId}.aliyuncs.com`,
    slb: centralOrRegional("slb"),
    rds: centralOrRegional("rds"),
  };
}

/** Thrown by `createEssUpstream` for a configuration it cannot work with. */
export class UpstreamConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UpstreamConfigError";
  }
}

/** Checks a configuration once, up front, so that a typo fails at startup and not on the first call. */
export function validateUpstreamConfig(config: UpstreamConfig): void {
  const problems: string[] = [];
  if (!config.regionId) problems.push("regionId is required");
  for (const product of ["ess", "ecs", "slb", "rds"] as const) {
    const endpoint = config.endpoints?.[product];
    if (!endpoint || !/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(endpoint)) {
      problems.push(`endpoints.${product} must be host[:port] without a scheme or path`);
    }
  }
  if (config.protocol !== "http" && config.protocol !== "https") problems.push('protocol must be "http" or "https"');
  if (config.signatureVersion !== "v3" && config.signatureVersion !== "v1") {
    problems.push('signatureVersion must be "v3" or "v1"');
  }
  const credentials = config.credentials;
  if (credentials?.kind === "accessKey") {
    if (!credentials.accessKeyId || !credentials.accessKeySecret) {
      problems.push("credentials.accessKeyId and credentials.accessKeySecret are required for kind accessKey");
    }
  } else if (credentials?.kind === "ramRoleArn") {
    if (!credentials.source?.accessKeyId || !credentials.source?.accessKeySecret)
      problems.push("credentials.source needs accessKeyId and accessKeySecret for kind ramRoleArn");
    if (!/^acs:ram::\d+:role\/.+$/.test(credentials.roleArn ?? ""))
      problems.push("credentials.roleArn must be acs:ram::<account>:role/<name>");
  } else if (!(UPSTREAM_CREDENTIAL_KINDS as readonly string[]).includes(credentials?.kind)) {
    problems.push(`credentials.kind must be one of ${UPSTREAM_CREDENTIAL_KINDS.join(", ")}`);
  }
  const positive = (name: string, value: number) => {
    if (!Number.isFinite(value) || value <= 0) problems.push(`${name} must be a positive number`);
  };
  positive("timeoutMs", config.timeoutMs);
  positive("connectTimeoutMs", config.connectTimeoutMs);
  if (!Number.isInteger(config.retry?.maxAttempts) || config.retry.maxAttempts < 1) {
    problems.push("retry.maxAttempts must be an integer >= 1");
  }
  if (!Number.isFinite(config.retry?.baseDelayMs) || config.retry.baseDelayMs < 0) {
    problems.push("retry.baseDelayMs must be >= 0");
  }
  if (!Number.isFinite(config.retry?.maxDelayMs) || config.retry.maxDelayMs < (config.retry?.baseDelayMs ?? 0)) {
    problems.push("retry.maxDelayMs must be >= retry.baseDelayMs");
  }
  if (config.retry?.settleMs !== undefined && (!Number.isFinite(config.retry.settleMs) || config.retry.settleMs < 0)) {
    problems.push("retry.settleMs must be >= 0");
  }
  if (problems.length > 0) throw new UpstreamConfigError(`Invalid upstream configuration: ${problems.join("; ")}.`);
}
