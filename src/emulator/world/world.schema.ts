import { z } from "zod";
import { INSTANCE_TYPES } from "./instance-types";
import {
  ACTIVITY_STATUSES,
  CHARGE_TYPES,
  CONFIGURATION_STATES,
  CREATION_TYPES,
  DB_INSTANCE_STATUSES,
  DEFAULT_SECURITY_IP_QUOTA,
  DEFAULT_WORLD_TIME,
  ECS_INSTANCE_STATUSES,
  GROUP_ATTRIBUTE_FIELDS,
  GROUP_STATES,
  HEALTH_CHECK_STATES,
  HEALTH_CHECK_TYPES,
  HEALTH_STATUSES,
  HEARTBEAT_TIMEOUT_RANGE,
  INSTANCE_ATTRIBUTE_FIELDS,
  LIFECYCLE_ACTION_RESULTS,
  LIFECYCLE_HOOK_STATUSES,
  LIFECYCLE_TRANSITIONS,
  LOAD_BALANCER_STATUSES,
  MAX_GROUP_SIZE,
  MAX_LIFECYCLE_HOOKS_PER_GROUP,
  MULTI_AZ_POLICIES,
  NETWORK_TYPES,
  OS_TYPES,
  REMOVAL_POLICIES,
  SCALING_INSTANCE_STATES,
  SCALING_POLICIES,
  SPOT_STRATEGIES,
} from "./world.constants";

/**
 * The field-level shape of the world format (docs/world-file.md) as a zod schema: types, enums,
 * ID prefixes, patterns, ranges and list limits, with the messages a person sees. The checks that
 * need more than one resource (unique IDs, references, quotas) are in world.validate.ts. The
 * committed schema/world.schema.json is generated from this (world.json-schema.ts), and the
 * format's TypeScript types are its output (world.types.ts).
 *
 * The world file is everything the emulator knows about accounts and their cloud resources, and
 * the contract between the emulator's protocol layer, its domain layer and every test that builds
 * a world. Resources are flat lists; each carries its own `regionId`, and each belongs to the
 * account whose `resources` block lists it (a resource of another account is simply not found).
 * Field names are camelCase here; the emulator renders them in Alibaba's PascalCase on the wire.
 */

/** How a bad value is shown in a message: JSON for scalars, a kind word for containers. */
function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return JSON.stringify(value);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** A whitelist entry: an IPv4 address or an IPv4 CIDR block. */
const SECURITY_IP = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/([0-9]|[12]\d|3[0-2]))?$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const ACCOUNT_ID = /^\d{1,32}$/;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{1,63}$/u;
const NAME_WORDS = "2 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

type Issue = { input?: unknown };
const required = (otherwise: (input: unknown) => string) => (issue: Issue) =>
  issue.input === undefined ? "is required" : otherwise(issue.input);

/** A non-empty string, optionally an ID with a prefix or a value matching a named pattern. */
function text(options: { prefix?: string; pattern?: RegExp; patternName?: string } = {}) {
  let schema = z.string({ error: required((input) => `expected a string, got ${shown(input)}`) }).min(1, { error: "must not be empty" });
  if (options.prefix !== undefined) {
    const error = (issue: Issue) => `expected an ID starting with "${options.prefix}", got ${shown(issue.input)}`;
    schema = schema.startsWith(options.prefix, { error }).min(options.prefix.length + 1, { error });
  }
  if (options.pattern !== undefined) {
    const name = options.patternName ?? `a value matching ${options.pattern}`;
    schema = schema.regex(options.pattern, { error: (issue) => `expected ${name}, got ${shown(issue.input)}` });
  }
  return schema;
}

function integer(range: { min?: number; max?: number } = {}) {
  const notInteger = required((input) => `expected an integer, got ${shown(input)}`);
  let schema = z.number({ error: notInteger }).int({ error: notInteger });
  if (range.min !== undefined)
    schema = schema.min(range.min, { error: (issue) => `must be at least ${range.min}, got ${String(issue.input)}` });
  if (range.max !== undefined)
    schema = schema.max(range.max, { error: (issue) => `must be at most ${range.max}, got ${String(issue.input)}` });
  return schema;
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `is required (one of ${values.join(", ")})`
        : `expected one of ${values.join(", ")}, got ${shown(issue.input)}`,
  });
}

const flag = () => z.boolean({ error: (issue) => `expected true or false, got ${shown(issue.input)}` });

function time() {
  const error = required((input) => `expected an ISO 8601 UTC time like "2026-11-27T20:07:03Z", got ${shown(input)}`);
  return z
    .string({ error })
    .regex(ISO_TIME, { error })
    .refine((value) => !Number.isNaN(Date.parse(value)), { error });
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: required((input) => `expected an array, got ${shown(input)}`) });
}

/** An object with only the listed keys (unknown keys are typos more often than not). */
function record<S extends z.ZodRawShape>(shape: S, allowedOrder: readonly string[] = Object.keys(shape)) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field (allowed: ${allowedOrder.join(", ")})`
        : `expected an object, got ${shown(issue.input)}`,
  });
}

/** Reports the first failing rule of a refinement at `path` below the value. */
function firstProblem(ctx: z.RefinementCtx, problems: ReadonlyArray<readonly [boolean, PropertyKey[], string]>): void {
  const found = problems.find(([failed]) => failed);
  if (found) ctx.addIssue({ code: "custom", path: found[1], message: found[2] });
}

const tags = list(
  record({
    key: text(),
    value: z
      .string({ error: (issue) => (issue.input === undefined ? "must not be empty" : `expected a string, got ${shown(issue.input)}`) })
      .min(1, { error: "must not be empty" }),
  }),
).superRefine((value, ctx) => {
  if (value.length > 20) return ctx.addIssue({ code: "custom", message: `at most 20 tags, got ${value.length}` });
  const index = value.findIndex((tag, at) => value.findIndex((other) => other.key === tag.key) !== at);
  if (index >= 0) ctx.addIssue({ code: "custom", path: [index, "key"], message: `duplicate tag key "${value[index]!.key}"` });
});

const region = record({
  regionId: text({ pattern: /^[a-z]{2}(-[a-z0-9]+)+$/, patternName: 'a region ID like "cn-hangzhou"' }),
  zones: list(text()).min(1, { error: "must list at least one zone" }),
  localName: z.unknown().optional(),
}).transform(({ regionId, zones }) => ({ regionId, zones }));

const accessKey = record({
  accessKeyId: text({ pattern: /^[A-Za-z0-9._-]{4,128}$/, patternName: "an AccessKeyId of letters, digits, '.', '_' or '-'" }),
  accessKeySecret: text(),
  /** When set, this is an STS key: requests must carry this `SecurityToken`. */
  securityToken: text().optional(),
});

const ramRole = record({
  /** Compared case-insensitively, as RAM does. */
  roleName: text({ pattern: /^[A-Za-z0-9.-]{1,64}$/, patternName: "a RAM role name" }),
  /** Account UIDs whose AccessKeys may assume the role (its trust policy). */
  trustedAccountIds: list(text()),
  /** Longest session AssumeRole grants (`DurationSeconds` above it is refused). Default 3600. */
  maxSessionDurationSeconds: integer({ min: 900, max: 43_200 }).optional(),
  /**
   * Emulator only: issued credentials expire after this many seconds whatever `DurationSeconds`
   * asks (and `Expiration` says so), so tests see expiry and refresh without waiting 15 minutes.
   */
  sessionLifetimeSeconds: integer({ min: 1, max: 43_200 }).optional(),
});

const vpc = record({
  vpcId: text({ prefix: "vpc-" }),
  regionId: text(),
  cidrBlock: text({ pattern: /^\d+\.\d+\.\d+\.\d+\/\d+$/, patternName: "a CIDR block" }).optional(),
});

const vSwitch = record({
  vSwitchId: text({ prefix: "vsw-" }),
  vpcId: text({ prefix: "vpc-" }),
  regionId: text(),
  zoneId: text(),
});

const securityGroup = record({
  securityGroupId: text({ prefix: "sg-" }),
  regionId: text(),
  /** Absent for a classic-network security group. */
  vpcId: text({ prefix: "vpc-" }).optional(),
  /** How many instances the group may hold. Members are the instances listing it. Default 2000. */
  instanceQuota: integer({ min: 1, max: 65536 }).optional(),
  securityGroupName: text().optional(),
  description: text().optional(),
  creationTime: time().optional(),
});

// Typed loosely on purpose: world.constants.ts checks its attribute lists against this schema's output type.
const instanceKeys: readonly string[] = [
  "instanceId",
  "instanceName",
  "regionId",
  "zoneId",
  "status",
  "networkType",
  "vpcId",
  "vSwitchId",
  "instanceType",
  "chargeType",
  "spotStrategy",
  "securityGroupIds",
  "privateIp",
  "creationTime",
  ...INSTANCE_ATTRIBUTE_FIELDS,
] as const;

const instance = record(
  {
    securityGroupIds: list(text({ prefix: "sg-" })).min(1, { error: "an instance belongs to at least one security group" }),
    instanceId: text({ prefix: "i-" }),
    instanceName: text().optional(),
    regionId: text(),
    zoneId: text(),
    status: oneOf(ECS_INSTANCE_STATUSES),
    networkType: oneOf(NETWORK_TYPES),
    /** Required when networkType is "vpc". */
    vpcId: text({ prefix: "vpc-" }).optional(),
    vSwitchId: text({ prefix: "vsw-" }).optional(),
    instanceType: text({ pattern: /^ecs\.[a-z0-9-]+\.[a-z0-9-]+$/, patternName: 'an instance type like "ecs.g7.large"' }).refine(
      (value) => INSTANCE_TYPES.has(value),
      {
        error: (issue) =>
          `unknown instance type "${String(issue.input)}" (known: families c5-c7, g5-g7, r5-r7 in sizes large to 16xlarge, e.g. "ecs.g7.large")`,
      },
    ),
    chargeType: oneOf(CHARGE_TYPES),
    spotStrategy: oneOf(SPOT_STRATEGIES).optional(),
    privateIp: text({ pattern: IPV4, patternName: "an IPv4 address" }),
    creationTime: time().optional(),
    /** Last start; default the creation time. */
    startTime: time().optional(),
    /** PrePaid: when the subscription ends (default creation + 1 month). Spot: none. */
    expiredTime: time().optional(),
    /** Spot instances with SpotWithPriceLimit: the hourly price limit (default 0.1). */
    spotPriceLimit: z
      .number({ error: (issue) => `expected a positive number, got ${JSON.stringify(issue.input)}` })
      .positive({ error: (issue) => `expected a positive number, got ${JSON.stringify(issue.input)}` })
      .optional(),
    imageId: text({
      pattern: /^[A-Za-z0-9_.-]{2,128}$/,
      patternName: 'an image ID like "aliyun_3_x64_20G_alibase_20240819.vhd"',
    }).optional(),
    osType: oneOf(OS_TYPES).optional(),
    osName: text().optional(),
    hostName: text({
      pattern: /^[A-Za-z0-9][A-Za-z0-9.-]{1,63}$/,
      patternName: "a host name of 2 to 64 letters, digits, '.' or '-'",
    }).optional(),
    description: text().optional(),
    deletionProtection: flag().optional(),
    tags: tags.optional(),
  },
  instanceKeys,
).superRefine((value, ctx) => {
  const created = Date.parse(value.creationTime ?? DEFAULT_WORLD_TIME);
  firstProblem(ctx, [
    [value.expiredTime !== undefined && value.chargeType !== "PrePaid", ["expiredTime"], "only a PrePaid instance expires"],
    [
      value.spotPriceLimit !== undefined && value.spotStrategy !== "SpotWithPriceLimit",
      ["spotPriceLimit"],
      'needs spotStrategy "SpotWithPriceLimit"',
    ],
    [
      value.spotStrategy !== undefined && value.spotStrategy !== "NoSpot" && value.chargeType !== "PostPaid",
      ["spotStrategy"],
      "a spot instance is PostPaid",
    ],
    [value.startTime !== undefined && Date.parse(value.startTime) < created, ["startTime"], "is before creationTime"],
    [value.expiredTime !== undefined && Date.parse(value.expiredTime) <= created, ["expiredTime"], "is not after creationTime"],
  ]);
});

const loadBalancer = record({
  loadBalancerId: text({ prefix: "lb-" }),
  loadBalancerName: text().optional(),
  regionId: text(),
  status: oneOf(LOAD_BALANCER_STATUSES),
  /** The listener health-check switch. ESS refuses to attach behind a load balancer with it off. */
  healthCheck: oneOf(HEALTH_CHECK_STATES),
  networkType: oneOf(NETWORK_TYPES),
  vpcId: text({ prefix: "vpc-" }).optional(),
  backendServers: list(record({ serverId: text({ prefix: "i-" }), weight: integer({ min: 0, max: 100 }) })).optional(),
  /**
   * Service address; default derived from the ID (a private 10.x address for vpc, public 47.x for
   * classic).
   */
  address: text({ pattern: IPV4, patternName: "an IPv4 address" }).optional(),
  /** e.g. "slb.s1.small" (default). */
  loadBalancerSpec: text({ pattern: /^slb\.s\d\.[a-z0-9]+$/, patternName: 'a spec like "slb.s1.small"' }).optional(),
  createTime: time().optional(),
});

const dbInstance = record({
  dbInstanceId: text({ prefix: "rm-" }),
  regionId: text(),
  status: oneOf(DB_INSTANCE_STATUSES),
  engine: text().optional(),
  /** Entries of the IP whitelist (the "default" group). */
  securityIps: list(text({ pattern: SECURITY_IP, patternName: "an IPv4 address or CIDR block" })).optional(),
  /** Maximum number of whitelist entries. Real RDS allows 1000; worlds may set less. Default 1000. */
  securityIpQuota: integer({ min: 1, max: DEFAULT_SECURITY_IP_QUOTA }).optional(),
  /** Default "8.0" for MySQL. */
  engineVersion: text().optional(),
  /** Default "rds.mysql.s2.large" (2 cores, 4 GiB). */
  dbInstanceClass: text({ pattern: /^(rds|mysql|pg)\.[a-z0-9.]+$/, patternName: 'a class like "rds.mysql.s2.large"' }).optional(),
  zoneId: text().optional(),
  creationTime: time().optional(),
});

const scalingConfiguration = record(
  {
    /** Instance types this configuration launches; attached instances must use one of them. */
    instanceTypes: list(text())
      .min(1, { error: "must list at least one instance type" })
      .max(10, { error: (issue) => `at most 10 instance types, got ${(issue.input as unknown[]).length}` }),
    scalingConfigurationId: text({ prefix: "asc-" }),
    scalingConfigurationName: text().optional(),
    scalingGroupId: text({ prefix: "asg-" }),
    regionId: text(),
    lifecycleState: oneOf(CONFIGURATION_STATES),
    securityGroupId: text({ prefix: "sg-" }).optional(),
    imageId: text().optional(),
    creationTime: time().optional(),
  },
  [
    "scalingConfigurationId",
    "scalingConfigurationName",
    "scalingGroupId",
    "regionId",
    "lifecycleState",
    "instanceTypes",
    "securityGroupId",
    "imageId",
    "creationTime",
  ],
);

const scalingInstance = record({
  instanceId: text({ prefix: "i-" }),
  creationType: oneOf(CREATION_TYPES),
  /** Default "InService". */
  lifecycleState: oneOf(SCALING_INSTANCE_STATES).optional(),
  /** Default "Healthy". */
  healthStatus: oneOf(HEALTH_STATUSES).optional(),
  entrusted: flag().optional(),
  loadBalancerWeight: integer({ min: 0, max: 100 }).optional(),
  scalingConfigurationId: text({ prefix: "asc-" }).optional(),
  createdTime: time().optional(),
});

const scalingActivity = record({
  scalingActivityId: text({ prefix: "asa-" }),
  statusCode: oneOf(ACTIVITY_STATUSES),
  progress: integer({ min: 0, max: 100 }).optional(),
  description: text().optional(),
  cause: text().optional(),
  statusMessage: text().optional(),
  startTime: time(),
  endTime: time().optional(),
}).superRefine((value, ctx) => {
  firstProblem(ctx, [
    [value.statusCode === "InProgress" && value.endTime !== undefined, ["endTime"], "an InProgress activity has no endTime"],
    [value.endTime !== undefined && Date.parse(value.endTime) < Date.parse(value.startTime), ["endTime"], "is before startTime"],
  ]);
});

const lifecycleHook = record({
  lifecycleHookId: text({ prefix: "ash-" }),
  lifecycleHookName: text({ pattern: NAME, patternName: NAME_WORDS }),
  lifecycleTransition: oneOf(LIFECYCLE_TRANSITIONS),
  /** Seconds an instance waits for CompleteLifecycleAction, 30..21600. Default 600. */
  heartbeatTimeout: integer(HEARTBEAT_TIMEOUT_RANGE).optional(),
  /** What happens when the wait times out. Default "CONTINUE". */
  defaultResult: oneOf(LIFECYCLE_ACTION_RESULTS).optional(),
  /** Default "Active"; an Inactive hook is not triggered. */
  lifecycleHookStatus: oneOf(LIFECYCLE_HOOK_STATUSES).optional(),
  notificationArn: text({ pattern: /^acs:(ess|mns):/, patternName: 'an ARN starting with "acs:ess:" or "acs:mns:"' }).optional(),
  notificationMetadata: text().optional(),
});

/** A list of IDs with a prefix, at most `max` of them, none twice. */
function idList(prefix: string, max: number) {
  return list(text({ prefix }))
    .max(max, { error: (issue) => `at most ${max} entries, got ${(issue.input as unknown[]).length}` })
    .superRefine((ids, ctx) => {
      const index = ids.findIndex((id, at) => ids.indexOf(id) !== at);
      if (index >= 0) ctx.addIssue({ code: "custom", path: [index], message: `duplicate "${ids[index]}"` });
    });
}

const scalingGroupKeys: readonly string[] = [
  "scalingGroupId",
  "scalingGroupName",
  "regionId",
  "lifecycleState",
  "minSize",
  "maxSize",
  "desiredCapacity",
  "defaultCooldown",
  "vSwitchIds",
  "vpcId",
  "loadBalancerIds",
  "dbInstanceIds",
  "activeScalingConfigurationId",
  "creationTime",
  "instances",
  "activities",
  ...GROUP_ATTRIBUTE_FIELDS,
  "lifecycleHooks",
] as const;

const scalingGroup = record(
  {
    scalingGroupId: text({ prefix: "asg-" }),
    scalingGroupName: text({ pattern: NAME, patternName: NAME_WORDS }),
    regionId: text(),
    lifecycleState: oneOf(GROUP_STATES),
    minSize: integer({ min: 0, max: MAX_GROUP_SIZE }),
    maxSize: integer({ min: 0, max: MAX_GROUP_SIZE }),
    desiredCapacity: integer({ min: 0, max: MAX_GROUP_SIZE }).optional(),
    /** Seconds. Default 300. */
    defaultCooldown: integer({ min: 0, max: 86400 }).optional(),
    /** Empty or absent: a classic-network group. */
    vSwitchIds: idList("vsw-", 8).optional(),
    /** Derived from vSwitchIds when absent. */
    vpcId: text({ prefix: "vpc-" }).optional(),
    loadBalancerIds: idList("lb-", 5).optional(),
    dbInstanceIds: idList("rm-", 8).optional(),
    activeScalingConfigurationId: text({ prefix: "asc-" }).optional(),
    creationTime: time().optional(),
    /** Instances already in the group. Their count is the group's TotalCapacity. */
    instances: list(scalingInstance).optional(),
    /**
     * Past activities. An activity given here as "InProgress" is an external activity (a scale-out
     * started by someone else): it stays in progress until the admin surface finishes it.
     */
    activities: list(scalingActivity).optional(),
    /** Default ["OldestScalingConfiguration", "OldestInstance"]. */
    removalPolicies: list(oneOf(REMOVAL_POLICIES))
      .superRefine((policies, ctx) => {
        if (policies.length === 0 || policies.length > 2)
          return ctx.addIssue({ code: "custom", message: `lists 1 or 2 policies, got ${policies.length}` });
        if (new Set(policies).size !== policies.length) ctx.addIssue({ code: "custom", message: "lists a policy twice" });
      })
      .optional(),
    /** Default "ECS". */
    healthCheckType: oneOf(HEALTH_CHECK_TYPES).optional(),
    /** Default "recycle". */
    scalingPolicy: oneOf(SCALING_POLICIES).optional(),
    /** Default "PRIORITY". */
    multiAZPolicy: oneOf(MULTI_AZ_POLICIES).optional(),
    /** Default false. */
    groupDeletionProtection: flag().optional(),
    /**
     * Rendered as DescribeScalingGroups `Tags`; the gateway's policy can grant groups by tag. At
     * most 20, keys unique.
     */
    tags: tags.optional(),
    /**
     * Lifecycle hooks: a SCALE_OUT hook holds attached instances in `Pending:Wait`
     * (LifecycleHook=true).
     */
    lifecycleHooks: list(lifecycleHook)
      .superRefine((hooks, ctx) => {
        if (hooks.length > MAX_LIFECYCLE_HOOKS_PER_GROUP) {
          return ctx.addIssue({
            code: "custom",
            message: `at most ${MAX_LIFECYCLE_HOOKS_PER_GROUP} lifecycle hooks per group, got ${hooks.length}`,
          });
        }
        const index = hooks.findIndex((hook, at) => hooks.findIndex((other) => other.lifecycleHookName === hook.lifecycleHookName) !== at);
        if (index >= 0)
          ctx.addIssue({
            code: "custom",
            path: [index, "lifecycleHookName"],
            message: `duplicate hook name "${hooks[index]!.lifecycleHookName}" in this group`,
          });
      })
      .optional(),
  },
  scalingGroupKeys,
);

const resources = record({
  vpcs: list(vpc).optional(),
  vSwitches: list(vSwitch).optional(),
  securityGroups: list(securityGroup).optional(),
  instances: list(instance).optional(),
  loadBalancers: list(loadBalancer).optional(),
  dbInstances: list(dbInstance).optional(),
  scalingConfigurations: list(scalingConfiguration).optional(),
  scalingGroups: list(scalingGroup).optional(),
});

const account = record({
  /** Alibaba account UID, a numeric string. */
  accountId: text({ pattern: ACCOUNT_ID, patternName: "a numeric account UID" }),
  name: text().optional(),
  /**
   * false models a caller that has not authorized ESS's Open API: every ESS action of this account
   * answers 403 `Forbidden.Unauthorized`. Default true.
   */
  essAuthorized: flag().optional(),
  accessKeys: list(accessKey).min(1, { error: "must list at least one AccessKey" }),
  resources: resources.default({}),
  /** RAM roles other accounts (or this one) may assume with STS AssumeRole (docs/world-file.md). */
  ramRoles: list(ramRole).optional(),
});

const extensions = record({
  /** SLB DescribeLoadBalancerAttribute also returns `HealthCheck` (`on`/`off`). */
  slbHealthCheck: flag().optional(),
  /** RDS DescribeDBInstanceAttribute also returns `SecurityIPQuota`. */
  rdsSecurityIpQuota: flag().optional(),
});

/** The world file; duplicate regions and zones are refused here, everything else cross-resource in world.validate.ts. */
export const worldSchema = record(
  {
    $schema: z.unknown().optional(),
    /** Format version. Only 1 exists. */
    version: z.literal(1, { error: (issue) => `expected 1, got ${JSON.stringify(issue.input) ?? "nothing"}` }),
    regions: list(region)
      .min(1, { error: "must list at least one region" })
      .superRefine((regions, ctx) => {
        const regionIds = new Set<string>();
        const zones = new Set<string>();
        for (const [index, { regionId, zones: regionZones }] of regions.entries()) {
          if (regionIds.has(regionId))
            return ctx.addIssue({ code: "custom", path: [index, "regionId"], message: `duplicate region "${regionId}"` });
          regionIds.add(regionId);
          for (const [zoneIndex, zone] of regionZones.entries()) {
            if (zones.has(zone))
              return ctx.addIssue({ code: "custom", path: [index, "zones", zoneIndex], message: `duplicate zone "${zone}"` });
            zones.add(zone);
          }
        }
      }),
    accounts: list(account).min(1, { error: "must list at least one account" }),
    description: z.unknown().optional(),
    /**
     * Opt-in emulator extensions ([ext] in docs/wire-contract.md): behaviour the real API does not
     * have. Absent means none, as in the real cloud.
     */
    extensions: extensions.optional(),
  },
  ["$schema", "version", "regions", "accounts", "description", "extensions"],
).transform(({ $schema: _schema, description: _description, ...world }) => world);
