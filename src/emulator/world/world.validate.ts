import type {
  WorldAccessKey,
  WorldAccount,
  WorldRamRole,
  WorldDbInstance,
  WorldFile,
  WorldExtensions,
  WorldInstance,
  WorldLifecycleHook,
  WorldLoadBalancer,
  WorldRegion,
  WorldResources,
  WorldScalingActivity,
  WorldScalingConfiguration,
  WorldScalingGroup,
  WorldScalingInstance,
  WorldSecurityGroup,
  WorldTag,
  WorldVSwitch,
  WorldVpc,
} from "./world.types";
import {
  IPV4,
  SECURITY_IP,
  checkEnum,
  checkString,
  fail,
  join,
  readArray,
  readEnum,
  readInteger,
  readObject,
  readOptionalBoolean,
  readOptionalEnum,
  readOptionalInteger,
  readOptionalString,
  readOptionalTime,
  readString,
  readTime,
  type JsonObject,
} from "./world.fields";
import { INSTANCE_TYPES } from "./instance-types";

/** The enums of the world format, shared with the store and the actions. */
export const ECS_INSTANCE_STATUSES = ["Pending", "Running", "Starting", "Stopping", "Stopped"] as const;
export const NETWORK_TYPES = ["classic", "vpc"] as const;
export const CHARGE_TYPES = ["PrePaid", "PostPaid"] as const;
export const SPOT_STRATEGIES = ["NoSpot", "SpotWithPriceLimit", "SpotAsPriceGo"] as const;
export const LOAD_BALANCER_STATUSES = ["active", "inactive", "locked"] as const;
export const HEALTH_CHECK_STATES = ["on", "off"] as const;
export const DB_INSTANCE_STATUSES = ["Running", "Creating", "Stopped", "Rebooting", "Deleting", "Locked"] as const;
export const CONFIGURATION_STATES = ["Active", "Inactive"] as const;
export const GROUP_STATES = ["Active", "Inactive", "Deleting"] as const;
export const SCALING_INSTANCE_STATES = [
  "InService",
  "Pending",
  "Pending:Wait",
  "Protected",
  "Standby",
  "Stopped",
  "Removing",
  "Removing:Wait",
] as const;
export const CREATION_TYPES = ["AutoCreated", "Attached"] as const;
export const HEALTH_STATUSES = ["Healthy", "Unhealthy"] as const;
export const ACTIVITY_STATUSES = ["InProgress", "Successful", "Warning", "Failed", "Rejected"] as const;
export const OS_TYPES = ["linux", "windows"] as const;
export const REMOVAL_POLICIES = ["OldestInstance", "NewestInstance", "OldestScalingConfiguration"] as const;
export const HEALTH_CHECK_TYPES = ["ECS", "NONE", "LOAD_BALANCER"] as const;
export const SCALING_POLICIES = ["recycle", "release", "forceRecycle", "forceRelease"] as const;
export const MULTI_AZ_POLICIES = ["PRIORITY", "COST_OPTIMIZED", "BALANCE"] as const;
export const LIFECYCLE_TRANSITIONS = ["SCALE_OUT", "SCALE_IN"] as const;
export const LIFECYCLE_ACTION_RESULTS = ["CONTINUE", "ABANDON"] as const;
export const LIFECYCLE_HOOK_STATUSES = ["Active", "Inactive"] as const;
/** ESS bounds of a hook's HeartbeatTimeout, in seconds, and its default. */
export const HEARTBEAT_TIMEOUT_RANGE = { min: 30, max: 21600 } as const;
export const DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 600;
/** ESS allows at most this many lifecycle hooks per scaling group. */
export const MAX_LIFECYCLE_HOOKS_PER_GROUP = 6;

/**
 * The descriptive fields of an instance and a group: shown by the Describe actions, never queried,
 * so the store keeps them as one JSON column (store.attributes.ts).
 */
export const INSTANCE_ATTRIBUTE_FIELDS = [
  "startTime",
  "expiredTime",
  "spotPriceLimit",
  "imageId",
  "osType",
  "osName",
  "hostName",
  "description",
  "deletionProtection",
  "tags",
] as const satisfies ReadonlyArray<keyof WorldInstance>;
export const GROUP_ATTRIBUTE_FIELDS = [
  "removalPolicies",
  "healthCheckType",
  "scalingPolicy",
  "multiAZPolicy",
  "groupDeletionProtection",
  "tags",
] as const satisfies ReadonlyArray<keyof WorldScalingGroup>;

/** Real ESS/ECS bounds the world must respect. */
export const MAX_GROUP_SIZE = 2000;
export const DEFAULT_SECURITY_GROUP_QUOTA = 2000;
export const DEFAULT_SECURITY_IP_QUOTA = 1000;

const ACCOUNT_ID = /^\d{1,32}$/;

/**
 * Checks an untrusted value (parsed JSON) against the world format of docs/world-file.md and
 * returns it as a WorldFile holding only the known fields. Throws WorldValidationError naming the
 * JSON path of the first problem: types, enums, ID prefixes, unique IDs, references between
 * resources (always within the same account, region and, where it matters, VPC), regions and
 * zones, MinSize ≤ DesiredCapacity ≤ MaxSize, one group per instance, group sizes, quotas.
 */
export function validateWorld(json: unknown): WorldFile {
  const root = readObject(json, "", ["$schema", "version", "regions", "accounts", "description", "extensions"]);
  if (root.version !== 1) fail("version", `expected 1, got ${JSON.stringify(root.version) ?? "nothing"}`);

  const regions = readArray(root, "regions", "", true).map((raw, index) => readRegion(raw, join("regions", index)));
  if (regions.length === 0) fail("regions", "must list at least one region");
  const zoneRegion = new Map<string, string>();
  const regionIds = new Set<string>();
  regions.forEach((region, index) => {
    if (regionIds.has(region.regionId)) fail(join(join("regions", index), "regionId"), `duplicate region "${region.regionId}"`);
    regionIds.add(region.regionId);
    region.zones.forEach((zone, zoneIndex) => {
      const at = join(join(join("regions", index), "zones"), zoneIndex);
      if (zoneRegion.has(zone)) fail(at, `duplicate zone "${zone}"`);
      zoneRegion.set(zone, region.regionId);
    });
  });

  const rawAccounts = readArray(root, "accounts", "", true);
  if (rawAccounts.length === 0) fail("accounts", "must list at least one account");
  const accounts = rawAccounts.map((raw, index) => readAccount(raw, join("accounts", index)));
  new WorldCrossChecker(regionIds, zoneRegion).check(accounts);
  const extensions = root.extensions === undefined ? undefined : readExtensions(root.extensions, "extensions");
  return { version: 1, regions, accounts, ...(extensions !== undefined && { extensions }) };
}

function readExtensions(raw: unknown, path: string): WorldExtensions {
  const record = readObject(raw, path, ["slbHealthCheck", "rdsSecurityIpQuota"]);
  return compact({
    slbHealthCheck: readOptionalBoolean(record, "slbHealthCheck", path),
    rdsSecurityIpQuota: readOptionalBoolean(record, "rdsSecurityIpQuota", path),
  });
}

function readTags(record: JsonObject, path: string): WorldTag[] | undefined {
  if (record.tags === undefined) return undefined;
  const tags = readArray(record, "tags", path, false).map((raw, index) => {
    const at = join(join(path, "tags"), index);
    const tag = readObject(raw, at, ["key", "value"]);
    return { key: readString(tag, "key", at), value: checkString(tag.value ?? "", join(at, "value"), {}) };
  });
  if (tags.length > 20) fail(join(path, "tags"), `at most 20 tags, got ${tags.length}`);
  tags.forEach((tag, index) => {
    if (tags.findIndex((other) => other.key === tag.key) !== index) fail(join(join(join(path, "tags"), index), "key"), `duplicate tag key "${tag.key}"`);
  });
  return tags;
}

function readRegion(raw: unknown, path: string): WorldRegion {
  const record = readObject(raw, path, ["regionId", "zones", "localName"]);
  const regionId = readString(record, "regionId", path, { pattern: /^[a-z]{2}(-[a-z0-9]+)+$/, patternName: 'a region ID like "cn-hangzhou"' });
  const zones = readArray(record, "zones", path, true).map((zone, index) => checkString(zone, join(join(path, "zones"), index)));
  if (zones.length === 0) fail(join(path, "zones"), "must list at least one zone");
  return { regionId, zones };
}

function readAccount(raw: unknown, path: string): WorldAccount {
  const record = readObject(raw, path, ["accountId", "name", "essAuthorized", "accessKeys", "resources", "ramRoles"]);
  const accountId = readString(record, "accountId", path, { pattern: ACCOUNT_ID, patternName: "a numeric account UID" });
  const name = readOptionalString(record, "name", path);
  const essAuthorized = readOptionalBoolean(record, "essAuthorized", path);
  const accessKeys = readArray(record, "accessKeys", path, true).map((key, index) =>
    readAccessKey(key, join(join(path, "accessKeys"), index)),
  );
  if (accessKeys.length === 0) fail(join(path, "accessKeys"), "must list at least one AccessKey");
  const resourcesPath = join(path, "resources");
  const resources = readResources(record.resources ?? {}, resourcesPath);
  const ramRoles = readList(record, "ramRoles", path, readRamRole);
  return { accountId, ...(name !== undefined && { name }), ...(essAuthorized !== undefined && { essAuthorized }), accessKeys, resources, ...(ramRoles !== undefined && { ramRoles }) };
}

function readRamRole(raw: unknown, path: string): WorldRamRole {
  const record = readObject(raw, path, ["roleName", "trustedAccountIds", "maxSessionDurationSeconds", "sessionLifetimeSeconds"]);
  const roleName = readString(record, "roleName", path, { pattern: /^[A-Za-z0-9.-]{1,64}$/, patternName: "a RAM role name" });
  const trustedAccountIds = readArray(record, "trustedAccountIds", path, true).map((id, index) => checkString(id, join(join(path, "trustedAccountIds"), index)));
  const maxSessionDurationSeconds = readOptionalInteger(record, "maxSessionDurationSeconds", path, { min: 900, max: 43_200 });
  const sessionLifetimeSeconds = readOptionalInteger(record, "sessionLifetimeSeconds", path, { min: 1, max: 43_200 });
  return {
    roleName,
    trustedAccountIds,
    ...(maxSessionDurationSeconds !== undefined && { maxSessionDurationSeconds }),
    ...(sessionLifetimeSeconds !== undefined && { sessionLifetimeSeconds }),
  };
}

function readAccessKey(raw: unknown, path: string): WorldAccessKey {
  const record = readObject(raw, path, ["accessKeyId", "accessKeySecret", "securityToken"]);
  const accessKeyId = readString(record, "accessKeyId", path, { pattern: /^[A-Za-z0-9._-]{4,128}$/, patternName: "an AccessKeyId of letters, digits, '.', '_' or '-'" });
  const accessKeySecret = readString(record, "accessKeySecret", path);
  const securityToken = readOptionalString(record, "securityToken", path);
  return { accessKeyId, accessKeySecret, ...(securityToken !== undefined && { securityToken }) };
}

function readList<T>(record: JsonObject, key: string, path: string, reader: (raw: unknown, at: string) => T): T[] | undefined {
  if (record[key] === undefined) return undefined;
  return readArray(record, key, path, false).map((raw, index) => reader(raw, join(join(path, key), index)));
}

function readResources(raw: unknown, path: string): WorldResources {
  const record = readObject(raw, path, [
    "vpcs",
    "vSwitches",
    "securityGroups",
    "instances",
    "loadBalancers",
    "dbInstances",
    "scalingConfigurations",
    "scalingGroups",
  ]);
  const resources: WorldResources = {};
  const vpcs = readList(record, "vpcs", path, readVpc);
  const vSwitches = readList(record, "vSwitches", path, readVSwitch);
  const securityGroups = readList(record, "securityGroups", path, readSecurityGroup);
  const instances = readList(record, "instances", path, readInstance);
  const loadBalancers = readList(record, "loadBalancers", path, readLoadBalancer);
  const dbInstances = readList(record, "dbInstances", path, readDbInstance);
  const scalingConfigurations = readList(record, "scalingConfigurations", path, readScalingConfiguration);
  const scalingGroups = readList(record, "scalingGroups", path, readScalingGroup);
  if (vpcs) resources.vpcs = vpcs;
  if (vSwitches) resources.vSwitches = vSwitches;
  if (securityGroups) resources.securityGroups = securityGroups;
  if (instances) resources.instances = instances;
  if (loadBalancers) resources.loadBalancers = loadBalancers;
  if (dbInstances) resources.dbInstances = dbInstances;
  if (scalingConfigurations) resources.scalingConfigurations = scalingConfigurations;
  if (scalingGroups) resources.scalingGroups = scalingGroups;
  return resources;
}

/** Drops keys whose value is undefined, so optional fields stay absent rather than `undefined`. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

function readVpc(raw: unknown, path: string): WorldVpc {
  const record = readObject(raw, path, ["vpcId", "regionId", "cidrBlock"]);
  return compact({
    vpcId: readString(record, "vpcId", path, { prefix: "vpc-" }),
    regionId: readString(record, "regionId", path),
    cidrBlock: readOptionalString(record, "cidrBlock", path, { pattern: /^\d+\.\d+\.\d+\.\d+\/\d+$/, patternName: "a CIDR block" }),
  });
}

function readVSwitch(raw: unknown, path: string): WorldVSwitch {
  const record = readObject(raw, path, ["vSwitchId", "vpcId", "regionId", "zoneId"]);
  return {
    vSwitchId: readString(record, "vSwitchId", path, { prefix: "vsw-" }),
    vpcId: readString(record, "vpcId", path, { prefix: "vpc-" }),
    regionId: readString(record, "regionId", path),
    zoneId: readString(record, "zoneId", path),
  };
}

function readSecurityGroup(raw: unknown, path: string): WorldSecurityGroup {
  const record = readObject(raw, path, ["securityGroupId", "regionId", "vpcId", "instanceQuota", "securityGroupName", "description", "creationTime"]);
  return compact({
    securityGroupId: readString(record, "securityGroupId", path, { prefix: "sg-" }),
    regionId: readString(record, "regionId", path),
    vpcId: readOptionalString(record, "vpcId", path, { prefix: "vpc-" }),
    instanceQuota: readOptionalInteger(record, "instanceQuota", path, { min: 1, max: 65536 }),
    securityGroupName: readOptionalString(record, "securityGroupName", path),
    description: readOptionalString(record, "description", path),
    creationTime: readOptionalTime(record, "creationTime", path),
  });
}

function readInstance(raw: unknown, path: string): WorldInstance {
  const record = readObject(raw, path, [
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
  ]);
  const securityGroupIds = readArray(record, "securityGroupIds", path, true).map((id, index) =>
    checkString(id, join(join(path, "securityGroupIds"), index), { prefix: "sg-" }),
  );
  if (securityGroupIds.length === 0) fail(join(path, "securityGroupIds"), "an instance belongs to at least one security group");
  const instance: WorldInstance = compact({
    instanceId: readString(record, "instanceId", path, { prefix: "i-" }),
    instanceName: readOptionalString(record, "instanceName", path),
    regionId: readString(record, "regionId", path),
    zoneId: readString(record, "zoneId", path),
    status: readEnum(record, "status", path, ECS_INSTANCE_STATUSES),
    networkType: readEnum(record, "networkType", path, NETWORK_TYPES),
    vpcId: readOptionalString(record, "vpcId", path, { prefix: "vpc-" }),
    vSwitchId: readOptionalString(record, "vSwitchId", path, { prefix: "vsw-" }),
    instanceType: readInstanceType(record, path),
    chargeType: readEnum(record, "chargeType", path, CHARGE_TYPES),
    spotStrategy: readOptionalEnum(record, "spotStrategy", path, SPOT_STRATEGIES),
    securityGroupIds,
    privateIp: readString(record, "privateIp", path, { pattern: IPV4, patternName: "an IPv4 address" }),
    creationTime: readOptionalTime(record, "creationTime", path),
    startTime: readOptionalTime(record, "startTime", path),
    expiredTime: readOptionalTime(record, "expiredTime", path),
    spotPriceLimit: readOptionalNumber(record, "spotPriceLimit", path),
    imageId: readOptionalString(record, "imageId", path, { pattern: /^[A-Za-z0-9_.-]{2,128}$/, patternName: "an image ID like \"aliyun_3_x64_20G_alibase_20240819.vhd\"" }),
    osType: readOptionalEnum(record, "osType", path, OS_TYPES),
    osName: readOptionalString(record, "osName", path),
    hostName: readOptionalString(record, "hostName", path, { pattern: /^[A-Za-z0-9][A-Za-z0-9.-]{1,63}$/, patternName: "a host name of 2 to 64 letters, digits, '.' or '-'" }),
    description: readOptionalString(record, "description", path),
    deletionProtection: readOptionalBoolean(record, "deletionProtection", path),
    tags: readTags(record, path),
  });
  const at = (key: string) => join(path, key);
  if (instance.expiredTime !== undefined && instance.chargeType !== "PrePaid") fail(at("expiredTime"), "only a PrePaid instance expires");
  if (instance.spotPriceLimit !== undefined && instance.spotStrategy !== "SpotWithPriceLimit") {
    fail(at("spotPriceLimit"), 'needs spotStrategy "SpotWithPriceLimit"');
  }
  if (instance.spotStrategy !== undefined && instance.spotStrategy !== "NoSpot" && instance.chargeType !== "PostPaid") {
    fail(at("spotStrategy"), "a spot instance is PostPaid");
  }
  const created = instance.creationTime ?? DEFAULT_WORLD_TIME;
  if (instance.startTime !== undefined && Date.parse(instance.startTime) < Date.parse(created)) fail(at("startTime"), "is before creationTime");
  if (instance.expiredTime !== undefined && Date.parse(instance.expiredTime) <= Date.parse(created)) fail(at("expiredTime"), "is not after creationTime");
  return instance;
}

/** The time given to resources whose world entry has no creation time (docs/world-file.md). */
export const DEFAULT_WORLD_TIME = "2026-01-01T00:00:00Z";

function readInstanceType(record: JsonObject, path: string): string {
  const value = readString(record, "instanceType", path, { pattern: /^ecs\.[a-z0-9-]+\.[a-z0-9-]+$/, patternName: 'an instance type like "ecs.g7.large"' });
  if (!INSTANCE_TYPES.has(value)) {
    fail(join(path, "instanceType"), `unknown instance type "${value}" (known: families c5-c7, g5-g7, r5-r7 in sizes large to 16xlarge, e.g. "ecs.g7.large")`);
  }
  return value;
}

function readOptionalNumber(record: JsonObject, key: string, path: string): number | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) fail(join(path, key), `expected a positive number, got ${JSON.stringify(value)}`);
  return value;
}

function readLoadBalancer(raw: unknown, path: string): WorldLoadBalancer {
  const record = readObject(raw, path, [
    "loadBalancerId",
    "loadBalancerName",
    "regionId",
    "status",
    "healthCheck",
    "networkType",
    "vpcId",
    "backendServers",
    "address",
    "loadBalancerSpec",
    "createTime",
  ]);
  const backendServers =
    record.backendServers === undefined
      ? undefined
      : readArray(record, "backendServers", path, false).map((server, index) => {
          const at = join(join(path, "backendServers"), index);
          const serverRecord = readObject(server, at, ["serverId", "weight"]);
          return {
            serverId: readString(serverRecord, "serverId", at, { prefix: "i-" }),
            weight: readInteger(serverRecord, "weight", at, { min: 0, max: 100 }),
          };
        });
  return compact({
    loadBalancerId: readString(record, "loadBalancerId", path, { prefix: "lb-" }),
    loadBalancerName: readOptionalString(record, "loadBalancerName", path),
    regionId: readString(record, "regionId", path),
    status: readEnum(record, "status", path, LOAD_BALANCER_STATUSES),
    healthCheck: readEnum(record, "healthCheck", path, HEALTH_CHECK_STATES),
    networkType: readEnum(record, "networkType", path, NETWORK_TYPES),
    vpcId: readOptionalString(record, "vpcId", path, { prefix: "vpc-" }),
    backendServers,
    address: readOptionalString(record, "address", path, { pattern: IPV4, patternName: "an IPv4 address" }),
    loadBalancerSpec: readOptionalString(record, "loadBalancerSpec", path, { pattern: /^slb\.s\d\.[a-z0-9]+$/, patternName: 'a spec like "slb.s1.small"' }),
    createTime: readOptionalTime(record, "createTime", path),
  });
}

function readDbInstance(raw: unknown, path: string): WorldDbInstance {
  const record = readObject(raw, path, [
    "dbInstanceId",
    "regionId",
    "status",
    "engine",
    "securityIps",
    "securityIpQuota",
    "engineVersion",
    "dbInstanceClass",
    "zoneId",
    "creationTime",
  ]);
  const securityIps =
    record.securityIps === undefined
      ? undefined
      : readArray(record, "securityIps", path, false).map((ip, index) =>
          checkString(ip, join(join(path, "securityIps"), index), { pattern: SECURITY_IP, patternName: "an IPv4 address or CIDR block" }),
        );
  return compact({
    dbInstanceId: readString(record, "dbInstanceId", path, { prefix: "rm-" }),
    regionId: readString(record, "regionId", path),
    status: readEnum(record, "status", path, DB_INSTANCE_STATUSES),
    engine: readOptionalString(record, "engine", path),
    securityIps,
    securityIpQuota: readOptionalInteger(record, "securityIpQuota", path, { min: 1, max: DEFAULT_SECURITY_IP_QUOTA }),
    engineVersion: readOptionalString(record, "engineVersion", path),
    dbInstanceClass: readOptionalString(record, "dbInstanceClass", path, { pattern: /^(rds|mysql|pg)\.[a-z0-9.]+$/, patternName: 'a class like "rds.mysql.s2.large"' }),
    zoneId: readOptionalString(record, "zoneId", path),
    creationTime: readOptionalTime(record, "creationTime", path),
  });
}

function readScalingConfiguration(raw: unknown, path: string): WorldScalingConfiguration {
  const record = readObject(raw, path, [
    "scalingConfigurationId",
    "scalingConfigurationName",
    "scalingGroupId",
    "regionId",
    "lifecycleState",
    "instanceTypes",
    "securityGroupId",
    "imageId",
    "creationTime",
  ]);
  const instanceTypes = readArray(record, "instanceTypes", path, true).map((type, index) =>
    checkString(type, join(join(path, "instanceTypes"), index)),
  );
  if (instanceTypes.length === 0) fail(join(path, "instanceTypes"), "must list at least one instance type");
  if (instanceTypes.length > 10) fail(join(path, "instanceTypes"), `at most 10 instance types, got ${instanceTypes.length}`);
  return compact({
    scalingConfigurationId: readString(record, "scalingConfigurationId", path, { prefix: "asc-" }),
    scalingConfigurationName: readOptionalString(record, "scalingConfigurationName", path),
    scalingGroupId: readString(record, "scalingGroupId", path, { prefix: "asg-" }),
    regionId: readString(record, "regionId", path),
    lifecycleState: readEnum(record, "lifecycleState", path, CONFIGURATION_STATES),
    instanceTypes,
    securityGroupId: readOptionalString(record, "securityGroupId", path, { prefix: "sg-" }),
    imageId: readOptionalString(record, "imageId", path),
    creationTime: readOptionalTime(record, "creationTime", path),
  });
}

function readScalingGroup(raw: unknown, path: string): WorldScalingGroup {
  const record = readObject(raw, path, [
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
  ]);
  const idList = (key: string, prefix: string, max: number): string[] | undefined => {
    if (record[key] === undefined) return undefined;
    const list = readArray(record, key, path, false).map((id, index) => checkString(id, join(join(path, key), index), { prefix }));
    if (list.length > max) fail(join(path, key), `at most ${max} entries, got ${list.length}`);
    list.forEach((id, index) => {
      if (list.indexOf(id) !== index) fail(join(join(path, key), index), `duplicate "${id}"`);
    });
    return list;
  };
  return compact({
    scalingGroupId: readString(record, "scalingGroupId", path, { prefix: "asg-" }),
    scalingGroupName: readString(record, "scalingGroupName", path, { pattern: /^[\p{L}\p{N}][\p{L}\p{N}._-]{1,63}$/u, patternName: "2 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit" }),
    regionId: readString(record, "regionId", path),
    lifecycleState: readEnum(record, "lifecycleState", path, GROUP_STATES),
    minSize: readInteger(record, "minSize", path, { min: 0, max: MAX_GROUP_SIZE }),
    maxSize: readInteger(record, "maxSize", path, { min: 0, max: MAX_GROUP_SIZE }),
    desiredCapacity: readOptionalInteger(record, "desiredCapacity", path, { min: 0, max: MAX_GROUP_SIZE }),
    defaultCooldown: readOptionalInteger(record, "defaultCooldown", path, { min: 0, max: 86400 }),
    vSwitchIds: idList("vSwitchIds", "vsw-", 8),
    vpcId: readOptionalString(record, "vpcId", path, { prefix: "vpc-" }),
    loadBalancerIds: idList("loadBalancerIds", "lb-", 5),
    dbInstanceIds: idList("dbInstanceIds", "rm-", 8),
    activeScalingConfigurationId: readOptionalString(record, "activeScalingConfigurationId", path, { prefix: "asc-" }),
    creationTime: readOptionalTime(record, "creationTime", path),
    instances: readList(record, "instances", path, readScalingInstance),
    activities: readList(record, "activities", path, readScalingActivity),
    removalPolicies: readRemovalPolicies(record, path),
    healthCheckType: readOptionalEnum(record, "healthCheckType", path, HEALTH_CHECK_TYPES),
    scalingPolicy: readOptionalEnum(record, "scalingPolicy", path, SCALING_POLICIES),
    multiAZPolicy: readOptionalEnum(record, "multiAZPolicy", path, MULTI_AZ_POLICIES),
    groupDeletionProtection: readOptionalBoolean(record, "groupDeletionProtection", path),
    tags: readTags(record, path),
    lifecycleHooks: readLifecycleHooks(record, path),
  });
}

function readRemovalPolicies(record: JsonObject, path: string): WorldScalingGroup["removalPolicies"] {
  if (record.removalPolicies === undefined) return undefined;
  const at = join(path, "removalPolicies");
  const policies = readArray(record, "removalPolicies", path, false).map((raw, index) =>
    checkEnum(raw, join(at, index), REMOVAL_POLICIES),
  );
  if (policies.length === 0 || policies.length > 2) fail(at, `lists 1 or 2 policies, got ${policies.length}`);
  if (new Set(policies).size !== policies.length) fail(at, "lists a policy twice");
  return policies;
}

function readLifecycleHooks(record: JsonObject, path: string): WorldLifecycleHook[] | undefined {
  const hooks = readList(record, "lifecycleHooks", path, readLifecycleHook);
  if (hooks === undefined) return undefined;
  const at = join(path, "lifecycleHooks");
  if (hooks.length > MAX_LIFECYCLE_HOOKS_PER_GROUP) fail(at, `at most ${MAX_LIFECYCLE_HOOKS_PER_GROUP} lifecycle hooks per group, got ${hooks.length}`);
  hooks.forEach((hook, index) => {
    if (hooks.findIndex((other) => other.lifecycleHookName === hook.lifecycleHookName) !== index) {
      fail(join(join(at, index), "lifecycleHookName"), `duplicate hook name "${hook.lifecycleHookName}" in this group`);
    }
  });
  return hooks;
}

function readLifecycleHook(raw: unknown, path: string): WorldLifecycleHook {
  const record = readObject(raw, path, [
    "lifecycleHookId",
    "lifecycleHookName",
    "lifecycleTransition",
    "heartbeatTimeout",
    "defaultResult",
    "lifecycleHookStatus",
    "notificationArn",
    "notificationMetadata",
  ]);
  return compact({
    lifecycleHookId: readString(record, "lifecycleHookId", path, { prefix: "ash-" }),
    lifecycleHookName: readString(record, "lifecycleHookName", path, { pattern: /^[\p{L}\p{N}][\p{L}\p{N}._-]{1,63}$/u, patternName: "2 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit" }),
    lifecycleTransition: readEnum(record, "lifecycleTransition", path, LIFECYCLE_TRANSITIONS),
    heartbeatTimeout: readOptionalInteger(record, "heartbeatTimeout", path, HEARTBEAT_TIMEOUT_RANGE),
    defaultResult: readOptionalEnum(record, "defaultResult", path, LIFECYCLE_ACTION_RESULTS),
    lifecycleHookStatus: readOptionalEnum(record, "lifecycleHookStatus", path, LIFECYCLE_HOOK_STATUSES),
    notificationArn: readOptionalString(record, "notificationArn", path, { pattern: /^acs:(ess|mns):/, patternName: 'an ARN starting with "acs:ess:" or "acs:mns:"' }),
    notificationMetadata: readOptionalString(record, "notificationMetadata", path),
  });
}

function readScalingInstance(raw: unknown, path: string): WorldScalingInstance {
  const record = readObject(raw, path, [
    "instanceId",
    "creationType",
    "lifecycleState",
    "healthStatus",
    "entrusted",
    "loadBalancerWeight",
    "scalingConfigurationId",
    "createdTime",
  ]);
  return compact({
    instanceId: readString(record, "instanceId", path, { prefix: "i-" }),
    creationType: readEnum(record, "creationType", path, CREATION_TYPES),
    lifecycleState: readOptionalEnum(record, "lifecycleState", path, SCALING_INSTANCE_STATES),
    healthStatus: readOptionalEnum(record, "healthStatus", path, HEALTH_STATUSES),
    entrusted: readOptionalBoolean(record, "entrusted", path),
    loadBalancerWeight: readOptionalInteger(record, "loadBalancerWeight", path, { min: 0, max: 100 }),
    scalingConfigurationId: readOptionalString(record, "scalingConfigurationId", path, { prefix: "asc-" }),
    createdTime: readOptionalTime(record, "createdTime", path),
  });
}

function readScalingActivity(raw: unknown, path: string): WorldScalingActivity {
  const record = readObject(raw, path, [
    "scalingActivityId",
    "statusCode",
    "progress",
    "description",
    "cause",
    "statusMessage",
    "startTime",
    "endTime",
  ]);
  const activity = compact({
    scalingActivityId: readString(record, "scalingActivityId", path, { prefix: "asa-" }),
    statusCode: readEnum(record, "statusCode", path, ACTIVITY_STATUSES),
    progress: readOptionalInteger(record, "progress", path, { min: 0, max: 100 }),
    description: readOptionalString(record, "description", path),
    cause: readOptionalString(record, "cause", path),
    statusMessage: readOptionalString(record, "statusMessage", path),
    startTime: readTime(record, "startTime", path),
    endTime: readOptionalTime(record, "endTime", path),
  });
  if (activity.statusCode === "InProgress" && activity.endTime !== undefined) {
    fail(join(path, "endTime"), "an InProgress activity has no endTime");
  }
  if (activity.endTime !== undefined && Date.parse(activity.endTime) < Date.parse(activity.startTime)) {
    fail(join(path, "endTime"), "is before startTime");
  }
  return activity;
}

interface IndexedResource {
  accountIndex: number;
  path: string;
  regionId: string;
}

/**
 * The checks that need more than one field: unique IDs across the whole world, references that
 * must point at a resource of the same account (and region, and VPC where it matters), and the
 * group invariants.
 */
class WorldCrossChecker {
  private readonly ids = new Map<string, IndexedResource>();
  private readonly vpcs = new Map<string, IndexedResource & { vpc: WorldVpc }>();
  private readonly vSwitches = new Map<string, IndexedResource & { vSwitch: WorldVSwitch }>();
  private readonly securityGroups = new Map<string, IndexedResource & { group: WorldSecurityGroup; members: number }>();
  private readonly instances = new Map<string, IndexedResource & { instance: WorldInstance }>();
  private readonly loadBalancers = new Map<string, IndexedResource>();
  private readonly dbInstances = new Map<string, IndexedResource>();
  private readonly configurations = new Map<string, IndexedResource & { configuration: WorldScalingConfiguration }>();
  private readonly groups = new Map<string, IndexedResource & { group: WorldScalingGroup }>();
  private readonly accessKeyIds = new Set<string>();
  private readonly accountIds = new Set<string>();
  private readonly groupOfInstance = new Map<string, string>();

  constructor(
    private readonly regionIds: ReadonlySet<string>,
    private readonly zoneRegion: ReadonlyMap<string, string>,
  ) {}

  check(accounts: WorldAccount[]): void {
    accounts.forEach((account, accountIndex) => this.indexAccount(account, accountIndex));
    accounts.forEach((account, accountIndex) => this.checkReferences(account, accountIndex));
  }

  private claim(id: string, at: string, accountIndex: number, regionId: string): IndexedResource {
    const existing = this.ids.get(id);
    if (existing) fail(at, `duplicate ID "${id}" (first defined at ${existing.path})`);
    const entry = { accountIndex, path: at.replace(/\.[A-Za-z]+Id$/, ""), regionId };
    this.ids.set(id, entry);
    return entry;
  }

  private region(regionId: string, at: string): void {
    if (!this.regionIds.has(regionId)) fail(at, `unknown region "${regionId}" (not listed in regions)`);
  }

  private zone(zoneId: string, regionId: string, at: string): void {
    const region = this.zoneRegion.get(zoneId);
    if (region === undefined) fail(at, `unknown zone "${zoneId}" (not listed in regions)`);
    if (region !== regionId) fail(at, `zone "${zoneId}" is in region "${region}", not "${regionId}"`);
  }

  private indexAccount(account: WorldAccount, accountIndex: number): void {
    const path = join("accounts", accountIndex);
    if (this.accountIds.has(account.accountId)) fail(join(path, "accountId"), `duplicate account "${account.accountId}"`);
    this.accountIds.add(account.accountId);
    account.accessKeys.forEach((key, keyIndex) => {
      const at = join(join(join(path, "accessKeys"), keyIndex), "accessKeyId");
      if (this.accessKeyIds.has(key.accessKeyId)) fail(at, `duplicate AccessKeyId "${key.accessKeyId}"`);
      this.accessKeyIds.add(key.accessKeyId);
    });
    const resources = join(path, "resources");
    const each = <T extends { regionId: string }>(list: T[] | undefined, key: string, idOf: (item: T) => string, idField: string, then: (item: T, entry: IndexedResource, at: string) => void) => {
      (list ?? []).forEach((item, index) => {
        const at = join(join(resources, key), index);
        this.region(item.regionId, join(at, "regionId"));
        then(item, this.claim(idOf(item), join(at, idField), accountIndex, item.regionId), at);
      });
    };
    each(account.resources.vpcs, "vpcs", (v) => v.vpcId, "vpcId", (vpc, entry) => this.vpcs.set(vpc.vpcId, { ...entry, vpc }));
    each(account.resources.vSwitches, "vSwitches", (v) => v.vSwitchId, "vSwitchId", (vSwitch, entry, at) => {
      this.zone(vSwitch.zoneId, vSwitch.regionId, join(at, "zoneId"));
      this.vSwitches.set(vSwitch.vSwitchId, { ...entry, vSwitch });
    });
    each(account.resources.securityGroups, "securityGroups", (g) => g.securityGroupId, "securityGroupId", (group, entry) =>
      this.securityGroups.set(group.securityGroupId, { ...entry, group, members: 0 }),
    );
    each(account.resources.instances, "instances", (i) => i.instanceId, "instanceId", (instance, entry, at) => {
      this.zone(instance.zoneId, instance.regionId, join(at, "zoneId"));
      this.instances.set(instance.instanceId, { ...entry, instance });
    });
    each(account.resources.loadBalancers, "loadBalancers", (l) => l.loadBalancerId, "loadBalancerId", (_lb, entry) =>
      this.loadBalancers.set(_lb.loadBalancerId, entry),
    );
    each(account.resources.dbInstances, "dbInstances", (d) => d.dbInstanceId, "dbInstanceId", (db, entry) =>
      this.dbInstances.set(db.dbInstanceId, entry),
    );
    each(account.resources.scalingConfigurations, "scalingConfigurations", (c) => c.scalingConfigurationId, "scalingConfigurationId", (configuration, entry) =>
      this.configurations.set(configuration.scalingConfigurationId, { ...entry, configuration }),
    );
    each(account.resources.scalingGroups, "scalingGroups", (g) => g.scalingGroupId, "scalingGroupId", (group, entry, at) => {
      this.groups.set(group.scalingGroupId, { ...entry, group });
      (group.activities ?? []).forEach((activity, activityIndex) => {
        this.claim(activity.scalingActivityId, join(join(join(at, "activities"), activityIndex), "scalingActivityId"), accountIndex, group.regionId);
      });
      (group.lifecycleHooks ?? []).forEach((hook, hookIndex) => {
        this.claim(hook.lifecycleHookId, join(join(join(at, "lifecycleHooks"), hookIndex), "lifecycleHookId"), accountIndex, group.regionId);
      });
    });
  }

  /** A referenced resource must exist in the same account, and in the same region when given. */
  private ref<T extends IndexedResource>(
    map: Map<string, T>,
    id: string,
    kind: string,
    at: string,
    accountIndex: number,
    regionId: string | undefined,
  ): T {
    const found = map.get(id);
    if (!found) fail(at, `${kind} "${id}" is not defined`);
    if (found.accountIndex !== accountIndex) fail(at, `${kind} "${id}" belongs to another account (${found.path})`);
    if (regionId !== undefined && found.regionId !== regionId) {
      fail(at, `${kind} "${id}" is in region "${found.regionId}", not "${regionId}"`);
    }
    return found;
  }

  private checkReferences(account: WorldAccount, accountIndex: number): void {
    const resources = join(join("accounts", accountIndex), "resources");
    const at = (key: string, index: number) => join(join(resources, key), index);

    (account.resources.vSwitches ?? []).forEach((vSwitch, index) => {
      this.ref(this.vpcs, vSwitch.vpcId, "VPC", join(at("vSwitches", index), "vpcId"), accountIndex, vSwitch.regionId);
    });
    (account.resources.securityGroups ?? []).forEach((group, index) => {
      if (group.vpcId !== undefined) this.ref(this.vpcs, group.vpcId, "VPC", join(at("securityGroups", index), "vpcId"), accountIndex, group.regionId);
    });
    (account.resources.instances ?? []).forEach((instance, index) => this.checkInstance(instance, at("instances", index), accountIndex));
    this.securityGroups.forEach((entry) => {
      const quota = entry.group.instanceQuota ?? DEFAULT_SECURITY_GROUP_QUOTA;
      if (entry.accountIndex === accountIndex && entry.members > quota) {
        fail(join(entry.path, "instanceQuota"), `${entry.members} instances list this security group, more than its quota ${quota}`);
      }
    });
    (account.resources.loadBalancers ?? []).forEach((lb, index) => {
      const path = at("loadBalancers", index);
      if (lb.networkType === "vpc") {
        if (lb.vpcId === undefined) fail(join(path, "vpcId"), 'is required when networkType is "vpc"');
        this.ref(this.vpcs, lb.vpcId, "VPC", join(path, "vpcId"), accountIndex, lb.regionId);
      } else if (lb.vpcId !== undefined) {
        fail(join(path, "vpcId"), 'must be absent when networkType is "classic"');
      }
      const seen = new Set<string>();
      (lb.backendServers ?? []).forEach((server, serverIndex) => {
        const serverAt = join(join(join(path, "backendServers"), serverIndex), "serverId");
        if (seen.has(server.serverId)) fail(serverAt, `duplicate backend server "${server.serverId}"`);
        seen.add(server.serverId);
        this.ref(this.instances, server.serverId, "Instance", serverAt, accountIndex, lb.regionId);
      });
    });
    (account.resources.dbInstances ?? []).forEach((db, index) => {
      const path = at("dbInstances", index);
      const ips = db.securityIps ?? [];
      ips.forEach((ip, ipIndex) => {
        if (ips.indexOf(ip) !== ipIndex) fail(join(join(path, "securityIps"), ipIndex), `duplicate whitelist entry "${ip}"`);
      });
      const quota = db.securityIpQuota ?? DEFAULT_SECURITY_IP_QUOTA;
      if (ips.length > quota) fail(join(path, "securityIps"), `${ips.length} entries exceed securityIpQuota ${quota}`);
    });
    (account.resources.scalingConfigurations ?? []).forEach((configuration, index) => {
      const path = at("scalingConfigurations", index);
      const group = this.ref(this.groups, configuration.scalingGroupId, "Scaling group", join(path, "scalingGroupId"), accountIndex, configuration.regionId);
      if (configuration.securityGroupId !== undefined) {
        const securityGroup = this.ref(this.securityGroups, configuration.securityGroupId, "Security group", join(path, "securityGroupId"), accountIndex, configuration.regionId);
        const groupVpc = this.groupVpc(group.group, group.path, accountIndex);
        if ((securityGroup.group.vpcId ?? null) !== (groupVpc ?? null)) {
          fail(join(path, "securityGroupId"), `security group "${configuration.securityGroupId}" is ${securityGroup.group.vpcId ? `in VPC "${securityGroup.group.vpcId}"` : "a classic group"}, but scaling group "${group.group.scalingGroupId}" is ${groupVpc ? `in VPC "${groupVpc}"` : "a classic group"}`);
        }
      }
    });
    (account.resources.scalingGroups ?? []).forEach((group, index) => this.checkGroup(group, at("scalingGroups", index), accountIndex));
  }

  private checkInstance(instance: WorldInstance, path: string, accountIndex: number): void {
    if (instance.networkType === "vpc") {
      if (instance.vpcId === undefined) fail(join(path, "vpcId"), 'is required when networkType is "vpc"');
      if (instance.vSwitchId === undefined) fail(join(path, "vSwitchId"), 'is required when networkType is "vpc"');
      this.ref(this.vpcs, instance.vpcId, "VPC", join(path, "vpcId"), accountIndex, instance.regionId);
      const vSwitch = this.ref(this.vSwitches, instance.vSwitchId, "VSwitch", join(path, "vSwitchId"), accountIndex, instance.regionId);
      if (vSwitch.vSwitch.vpcId !== instance.vpcId) fail(join(path, "vSwitchId"), `VSwitch "${instance.vSwitchId}" is in VPC "${vSwitch.vSwitch.vpcId}", not "${instance.vpcId}"`);
      if (vSwitch.vSwitch.zoneId !== instance.zoneId) fail(join(path, "zoneId"), `VSwitch "${instance.vSwitchId}" is in zone "${vSwitch.vSwitch.zoneId}", not "${instance.zoneId}"`);
    } else {
      if (instance.vpcId !== undefined) fail(join(path, "vpcId"), 'must be absent when networkType is "classic"');
      if (instance.vSwitchId !== undefined) fail(join(path, "vSwitchId"), 'must be absent when networkType is "classic"');
    }
    instance.securityGroupIds.forEach((groupId, index) => {
      const at = join(join(path, "securityGroupIds"), index);
      if (instance.securityGroupIds.indexOf(groupId) !== index) fail(at, `duplicate "${groupId}"`);
      const group = this.ref(this.securityGroups, groupId, "Security group", at, accountIndex, instance.regionId);
      if ((group.group.vpcId ?? null) !== (instance.vpcId ?? null)) {
        fail(at, `security group "${groupId}" is ${group.group.vpcId ? `in VPC "${group.group.vpcId}"` : "a classic group"}, the instance ${instance.vpcId ? `in VPC "${instance.vpcId}"` : "is classic"}`);
      }
      group.members += 1;
    });
  }

  /** The VPC a group lives in: its vSwitches' VPC, or undefined for a classic group. */
  private groupVpc(group: WorldScalingGroup, path: string, accountIndex: number): string | undefined {
    const vSwitchIds = group.vSwitchIds ?? [];
    let vpcId: string | undefined;
    vSwitchIds.forEach((id, index) => {
      const at = join(join(path, "vSwitchIds"), index);
      const vSwitch = this.ref(this.vSwitches, id, "VSwitch", at, accountIndex, group.regionId);
      if (vpcId !== undefined && vSwitch.vSwitch.vpcId !== vpcId) fail(at, `VSwitch "${id}" is in VPC "${vSwitch.vSwitch.vpcId}", the group's other vSwitches in "${vpcId}"`);
      vpcId = vSwitch.vSwitch.vpcId;
    });
    if (group.vpcId !== undefined) {
      if (vpcId === undefined) fail(join(path, "vpcId"), "a classic group (no vSwitchIds) has no vpcId");
      if (group.vpcId !== vpcId) fail(join(path, "vpcId"), `is "${group.vpcId}" but the group's vSwitches are in "${vpcId}"`);
    }
    return vpcId;
  }

  private checkGroup(group: WorldScalingGroup, path: string, accountIndex: number): void {
    if (group.minSize > group.maxSize) fail(join(path, "minSize"), `minSize ${group.minSize} is greater than maxSize ${group.maxSize}`);
    if (group.desiredCapacity !== undefined && (group.desiredCapacity < group.minSize || group.desiredCapacity > group.maxSize)) {
      fail(join(path, "desiredCapacity"), `must be between minSize ${group.minSize} and maxSize ${group.maxSize}, got ${group.desiredCapacity}`);
    }
    this.groupVpc(group, path, accountIndex);
    (group.loadBalancerIds ?? []).forEach((id, index) =>
      this.ref(this.loadBalancers, id, "Load balancer", join(join(path, "loadBalancerIds"), index), accountIndex, group.regionId),
    );
    (group.dbInstanceIds ?? []).forEach((id, index) =>
      this.ref(this.dbInstances, id, "DB instance", join(join(path, "dbInstanceIds"), index), accountIndex, group.regionId),
    );
    if (group.activeScalingConfigurationId !== undefined) {
      const at = join(path, "activeScalingConfigurationId");
      const configuration = this.ref(this.configurations, group.activeScalingConfigurationId, "Scaling configuration", at, accountIndex, group.regionId);
      if (configuration.configuration.scalingGroupId !== group.scalingGroupId) {
        fail(at, `scaling configuration "${group.activeScalingConfigurationId}" belongs to group "${configuration.configuration.scalingGroupId}"`);
      }
      if (configuration.configuration.lifecycleState !== "Active") fail(at, `scaling configuration "${group.activeScalingConfigurationId}" is not Active`);
    }
    const members = group.instances ?? [];
    if (members.length > group.maxSize) fail(join(path, "instances"), `${members.length} instances exceed maxSize ${group.maxSize}`);
    members.forEach((member, index) => {
      const at = join(join(path, "instances"), index);
      this.ref(this.instances, member.instanceId, "Instance", join(at, "instanceId"), accountIndex, group.regionId);
      const other = this.groupOfInstance.get(member.instanceId);
      if (other !== undefined) fail(join(at, "instanceId"), `instance "${member.instanceId}" is already in scaling group "${other}"`);
      this.groupOfInstance.set(member.instanceId, group.scalingGroupId);
      if (member.scalingConfigurationId !== undefined) {
        const configuration = this.ref(this.configurations, member.scalingConfigurationId, "Scaling configuration", join(at, "scalingConfigurationId"), accountIndex, group.regionId);
        if (configuration.configuration.scalingGroupId !== group.scalingGroupId) {
          fail(join(at, "scalingConfigurationId"), `scaling configuration "${member.scalingConfigurationId}" belongs to group "${configuration.configuration.scalingGroupId}"`);
        }
      }
    });
    const inProgress = (group.activities ?? []).filter((activity) => activity.statusCode === "InProgress");
    if (inProgress.length > 1) {
      const second = (group.activities ?? []).lastIndexOf(inProgress[1]!);
      fail(join(join(join(path, "activities"), second), "statusCode"), "a scaling group has at most one InProgress activity");
    }
  }
}
