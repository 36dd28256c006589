import { WIRE_ERRORS } from "../../contract/wire-errors.contract";

/**
 * Ready-made AttachInstances (and, below, DetachInstances) calls against the demo world (src/emulator/world/demo-world.json),
 * one per error code of the check order in docs/wire-contract.md, plus clean calls that succeed.
 * This is the single source of the table in docs/demo-world.md; tests of the emulator, the
 * upstream client, the gateway and the preflight import it.
 *
 * Every case assumes a fresh demo world (e.g. a new emulator with dbPath ":memory:") and is
 * independent of the others for error cases, because a failing call changes nothing. Clean cases
 * change state (and start an activity in their group), so run each clean case on its own group
 * or a fresh world.
 */

/** The AccessKeys of the demo world. Demo-only secrets: they exist nowhere but in this world. */
export const DEMO_ACCESS_KEYS = {
  /** Primary account 1000000000000001; listed first, so it is the gateway's default key. */
  primary: {
    accountId: "1000000000000001",
    accessKeyId: "LTAI5tDemoAccessKey0001",
    accessKeySecret: "demo-secret-0001-do-not-use-in-prod",
  },
  /** An STS key of the primary account: requests must carry `securityToken`. */
  primarySts: {
    accountId: "1000000000000001",
    accessKeyId: "STS.DemoStsKey0001",
    accessKeySecret: "demo-sts-secret-0001-do-not-use-in-prod",
    securityToken: "demo-sts-token-0001-do-not-use-in-prod",
  },
  /** A second tenant, for isolation. */
  secondary: {
    accountId: "1000000000000002",
    accessKeyId: "LTAI5tDemoAccessKey0002",
    accessKeySecret: "demo-secret-0002-do-not-use-in-prod",
  },
  /** An account that has not authorized ESS: every ESS action answers 403 Forbidden.Unauthorized. */
  unauthorized: {
    accountId: "1000000000000003",
    accessKeyId: "LTAI5tDemoAccessKey0003",
    accessKeySecret: "demo-secret-0003-do-not-use-in-prod",
  },
} as const;

export const DEMO_PRIMARY_REGION = "cn-hangzhou";

/** An AttachInstances call: RegionId, ScalingGroupId, InstanceId.N and extra RPC parameters. */
export interface DemoAttachCall {
  regionId: string;
  scalingGroupId: string;
  instanceIds: string[];
  /** Extra RPC parameters, exactly as sent, e.g. `{"LoadBalancerWeight.1": "101"}`. */
  params?: Record<string, string>;
  /** The AccessKeyId to call with (a key of DEMO_ACCESS_KEYS). Default: the primary key. */
  accessKeyId?: string;
}

/** A call that fails with `code` / `httpStatus`. */
export interface DemoAttachCase extends DemoAttachCall {
  code: string;
  httpStatus: number;
  /** Why it fails, in one line. */
  reason: string;
  /** A successful call to make first (only IdempotentParameterMismatch needs one). */
  precedingCall?: DemoAttachCall;
}

/** A call that succeeds; the activity ends with `finalStatus`. */
export interface DemoCleanAttachCase extends DemoAttachCall {
  finalStatus: "Successful" | "Warning";
  reason: string;
}

const HZ = DEMO_PRIMARY_REGION;

/** The code and status a case expects, as the wire contract answers `error`. */
function failsWith(error: { code: string; httpStatus: number }): Pick<DemoAttachCase, "code" | "httpStatus"> {
  return { code: error.code, httpStatus: error.httpStatus };
}

/** One case per error code, in the order of the checks. */
export const demoAttachCases: readonly DemoAttachCase[] = [
  { ...failsWith(WIRE_ERRORS.missingParameter), regionId: HZ, scalingGroupId: "asg-demo-api", instanceIds: [], reason: "no InstanceId.1" },
  {
    ...failsWith(WIRE_ERRORS.invalidParameter),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-0081"],
    params: { "LoadBalancerWeight.1": "101" },
    reason: "LoadBalancerWeight.1 is outside 0..100",
  },
  {
    ...failsWith(WIRE_ERRORS.forbiddenUnauthorized),
    regionId: HZ,
    scalingGroupId: "asg-demo-c-web",
    instanceIds: ["i-demo-x001"],
    accessKeyId: DEMO_ACCESS_KEYS.unauthorized.accessKeyId,
    reason: "account 1000000000000003 has not authorized ESS",
  },
  {
    ...failsWith(WIRE_ERRORS.idempotentParameterMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-sandbox-3",
    instanceIds: ["i-demo-0083"],
    params: { ClientToken: "demo-token-mismatch" },
    precedingCall: {
      regionId: HZ,
      scalingGroupId: "asg-demo-sandbox-3",
      instanceIds: ["i-demo-0082"],
      params: { ClientToken: "demo-token-mismatch" },
    },
    reason: "the ClientToken was used before with other instances",
  },
  {
    ...failsWith(WIRE_ERRORS.scalingGroupNotFound),
    regionId: HZ,
    scalingGroupId: "asg-demo-b-web",
    instanceIds: ["i-demo-0084"],
    reason: "the group belongs to another account",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectScalingGroupStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-inactive",
    instanceIds: ["i-demo-0085"],
    reason: "the group is Inactive",
  },
  {
    ...failsWith(WIRE_ERRORS.scalingActivityInProgress),
    regionId: HZ,
    scalingGroupId: "asg-demo-busy",
    instanceIds: ["i-demo-0086"],
    reason: "asa-demo-busy-scaleout is InProgress (finish it with finishExternalActivities)",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectLoadBalancerStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-lb-inactive",
    instanceIds: ["i-demo-0087"],
    reason: "lb-demo-inactive is inactive",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectLoadBalancerHealthCheck),
    regionId: HZ,
    scalingGroupId: "asg-demo-lb-nohealth",
    instanceIds: ["i-demo-0088"],
    reason: "lb-demo-nohealth has its health check off",
  },
  {
    ...failsWith(WIRE_ERRORS.loadBalancerNetworkTypeMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-lb-classic",
    instanceIds: ["i-demo-0089"],
    reason: "a VPC group behind the classic lb-demo-classic",
  },
  {
    ...failsWith(WIRE_ERRORS.loadBalancerVpcMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-lb-othervpc",
    instanceIds: ["i-demo-0090"],
    reason: "lb-demo-othervpc is in vpc-demo-other, the group in vpc-demo-main",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectDbInstanceStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-db-stopped",
    instanceIds: ["i-demo-0091"],
    reason: "rm-demo-stopped is Stopped",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceNotFound),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-b002"],
    reason: "the instance belongs to another account",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceRegionMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-s001"],
    reason: "the instance is in cn-shanghai",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectInstanceStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-0151"],
    reason: "the instance is Stopped",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceNetworkTypeMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-c003"],
    reason: "a classic instance into a VPC group",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceVpcMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-o001"],
    reason: "the instance is in vpc-demo-other",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceInUse),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-0001"],
    reason: "the instance is in asg-demo-web",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceTypeMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-0131"],
    reason: "ecs.g6.xlarge is not among asc-demo-api's instance types",
  },
  {
    ...failsWith(WIRE_ERRORS.entrustedPrePaid),
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-0161"],
    params: { Entrusted: "true" },
    reason: "Entrusted=true on a PrePaid (subscription) instance",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectCapacityMaxSize),
    regionId: HZ,
    scalingGroupId: "asg-demo-full",
    instanceIds: ["i-demo-0092", "i-demo-0093"],
    reason: "TotalCapacity 5 + 2 > MaxSize 6",
  },
  {
    ...failsWith(WIRE_ERRORS.securityGroupQuotaExceeded),
    regionId: HZ,
    scalingGroupId: "asg-demo-sg-full",
    instanceIds: ["i-demo-0094", "i-demo-0095"],
    reason: "sg-demo-nearfull holds 9 of 10 instances",
  },
  {
    ...failsWith(WIRE_ERRORS.dbSecurityIpQuotaExceeded),
    regionId: HZ,
    scalingGroupId: "asg-demo-db-full",
    instanceIds: ["i-demo-0096", "i-demo-0097"],
    reason: "rm-demo-nearfull's whitelist holds 9 of 10 entries",
  },
];

/** Calls that succeed, each on its own group. */
export const demoCleanAttachCases: readonly DemoCleanAttachCase[] = [
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-web",
    instanceIds: ["i-demo-0014", "i-demo-0015"],
    params: { "LoadBalancerWeight.1": "30", "LoadBalancerWeight.2": "70" },
    finalStatus: "Successful",
    reason: "behind lb-demo-web and rm-demo-main; joins sg-demo-web; DesiredCapacity 4 → 6",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-api",
    instanceIds: ["i-demo-0101", "i-demo-0121"],
    finalStatus: "Successful",
    reason: "c7 and r7 types allowed by asc-demo-api",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-batch",
    instanceIds: ["i-demo-0016", "i-demo-0017", "i-demo-0018", "i-demo-0019", "i-demo-0020"],
    finalStatus: "Successful",
    reason: "a roomy group without configuration, load balancer or database",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-worker",
    instanceIds: ["i-demo-0021"],
    params: { Entrusted: "true" },
    finalStatus: "Successful",
    reason: "Entrusted PostPaid instance; DesiredCapacity 2 → 3",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-classic",
    instanceIds: ["i-demo-c004"],
    finalStatus: "Successful",
    reason: "classic instance into the classic group behind lb-demo-classic",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-sandbox-1",
    instanceIds: ["i-demo-0022"],
    params: { LifecycleHook: "true" },
    finalStatus: "Successful",
    reason: "LifecycleHook=true on a group without a scale-out hook: no Pending:Wait (asg-demo-hooked has one)",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-sandbox-2",
    instanceIds: ["i-demo-0023", "i-demo-0152"],
    params: { IgnoreInvalidInstance: "true" },
    finalStatus: "Warning",
    reason: "i-demo-0152 is Stopped and skipped",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-full",
    instanceIds: ["i-demo-0024"],
    finalStatus: "Successful",
    reason: "fills the last place (6 of 6)",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-sg-full",
    instanceIds: ["i-demo-0025"],
    finalStatus: "Successful",
    reason: "fills sg-demo-nearfull (10 of 10)",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-db-full",
    instanceIds: ["i-demo-0026"],
    finalStatus: "Successful",
    reason: "fills rm-demo-nearfull's whitelist (10 of 10)",
  },
  {
    regionId: "cn-shanghai",
    scalingGroupId: "asg-demo-sh",
    instanceIds: ["i-demo-s002"],
    finalStatus: "Successful",
    reason: "the cn-shanghai group",
  },
];

/** The RPC parameters of a demo call, as AttachInstances takes them. */
export function demoAttachParams(call: DemoAttachCall): Record<string, string> {
  const params: Record<string, string> = { RegionId: call.regionId, ScalingGroupId: call.scalingGroupId };
  call.instanceIds.forEach((instanceId, index) => {
    params[`InstanceId.${index + 1}`] = instanceId;
  });
  return { ...params, ...call.params };
}

/**
 * Ready-made DetachInstances calls against the demo world, one per error code of the DetachInstances
 * check order (docs/attach-rules.md, "DetachInstances"); same shape as the attach cases, and
 * `demoAttachParams` builds their parameters too (InstanceId.N is the same for both actions).
 * `precedingCall` is a DetachInstances call here.
 */
export const demoDetachCases: readonly DemoAttachCase[] = [
  { ...failsWith(WIRE_ERRORS.missingParameter), regionId: HZ, scalingGroupId: "asg-demo-web", instanceIds: [], reason: "no InstanceId.1" },
  {
    ...failsWith(WIRE_ERRORS.invalidParameter),
    regionId: HZ,
    scalingGroupId: "asg-demo-web",
    instanceIds: ["i-demo-0001"],
    params: { DetachOption: "all" },
    reason: "DetachOption has one value, both",
  },
  {
    ...failsWith(WIRE_ERRORS.forbiddenUnauthorized),
    regionId: HZ,
    scalingGroupId: "asg-demo-c-web",
    instanceIds: ["i-demo-x001"],
    accessKeyId: DEMO_ACCESS_KEYS.unauthorized.accessKeyId,
    reason: "account 1000000000000003 has not authorized ESS",
  },
  {
    ...failsWith(WIRE_ERRORS.idempotentParameterMismatch),
    regionId: HZ,
    scalingGroupId: "asg-demo-full",
    instanceIds: ["i-demo-0010"],
    params: { ClientToken: "demo-detach-token-mismatch" },
    precedingCall: {
      regionId: HZ,
      scalingGroupId: "asg-demo-full",
      instanceIds: ["i-demo-0009"],
      params: { ClientToken: "demo-detach-token-mismatch" },
    },
    reason: "the ClientToken was used before with another instance",
  },
  {
    ...failsWith(WIRE_ERRORS.scalingGroupNotFound),
    regionId: HZ,
    scalingGroupId: "asg-demo-b-web",
    instanceIds: ["i-demo-b001"],
    reason: "the group belongs to another account",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectScalingGroupStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-inactive",
    instanceIds: ["i-demo-0085"],
    reason: "the group is Inactive",
  },
  {
    ...failsWith(WIRE_ERRORS.scalingActivityInProgress),
    regionId: HZ,
    scalingGroupId: "asg-demo-busy",
    instanceIds: ["i-demo-0007"],
    reason: "asa-demo-busy-scaleout is InProgress",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectLoadBalancerStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-lb-inactive",
    instanceIds: ["i-demo-0087"],
    params: { DetachOption: "both" },
    reason: "DetachOption=both and lb-demo-inactive is inactive",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectDbInstanceStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-db-stopped",
    instanceIds: ["i-demo-0091"],
    params: { DetachOption: "both" },
    reason: "DetachOption=both and rm-demo-stopped is Stopped",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceNotFound),
    regionId: HZ,
    scalingGroupId: "asg-demo-web",
    instanceIds: ["i-demo-b002"],
    reason: "another account's instance",
  },
  {
    ...failsWith(WIRE_ERRORS.instanceNotInGroup),
    regionId: HZ,
    scalingGroupId: "asg-demo-web",
    instanceIds: ["i-demo-0005"],
    reason: "i-demo-0005 exists but is in asg-demo-worker (does not exist in the specified scaling group)",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectInstanceStatus),
    regionId: HZ,
    scalingGroupId: "asg-demo-detach-guard",
    instanceIds: ["i-demo-0078"],
    reason: "i-demo-0078 is Standby, not InService",
  },
  {
    ...failsWith(WIRE_ERRORS.incorrectCapacityMinSize),
    regionId: HZ,
    scalingGroupId: "asg-demo-detach-guard",
    instanceIds: ["i-demo-0076", "i-demo-0077"],
    reason: "3 − 2 < MinSize 2",
  },
];

/** DetachInstances calls that succeed, each on its own group. */
export const demoCleanDetachCases: readonly DemoCleanAttachCase[] = [
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-web",
    instanceIds: ["i-demo-0003"],
    params: { DetachOption: "both" },
    finalStatus: "Successful",
    reason: "leaves lb-demo-web and rm-demo-main's whitelist; DesiredCapacity 4 → 3; stays Running",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-detach-guard",
    instanceIds: ["i-demo-0076"],
    params: { DecreaseDesiredCapacity: "false" },
    finalStatus: "Successful",
    reason: "down to MinSize (3 → 2); DesiredCapacity stays 3",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-full",
    instanceIds: ["i-demo-0009", "i-demo-0092"],
    params: { IgnoreInvalidInstance: "true" },
    finalStatus: "Warning",
    reason: "i-demo-0092 is in no group and is skipped",
  },
  {
    regionId: HZ,
    scalingGroupId: "asg-demo-worker",
    instanceIds: ["i-demo-0005"],
    params: { LifecycleHook: "true" },
    finalStatus: "Successful",
    reason: "Entrusted AutoCreated: Removing:Wait first, never released",
  },
];
