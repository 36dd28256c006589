import type { WorldFile, WorldInstance, WorldScalingGroup } from "../../src/emulator/world/world.types";

/**
 * A world built for the gateway's end-to-end tests: one scaling group (or instance) per
 * AttachInstances outcome, each named after what it causes, plus many roomy groups and clean
 * instances for the load tests. Everything is in account `ACCOUNT_ID`, whose AccessKey (the first
 * of the world) is the one the gateway uses.
 */
export const REGION = "cn-hangzhou";
export const OTHER_REGION = "cn-shanghai";
export const ACCOUNT_ID = "1480000000000001";
export const ACCESS_KEY_ID = "LTAI5tGatewayTestKey01";
export const ACCESS_KEY_SECRET = "GatewayTestSecret0123456789abcdefABCD";

/** Group IDs by the outcome an attach to them produces (with a clean instance). */
export const GROUPS = {
  main: "asg-main",
  missing: "asg-doesnotexist",
  inactive: "asg-inactive",
  busy: "asg-busy",
  full: "asg-full",
  lbInactive: "asg-lbinactive",
  lbHealthCheckOff: "asg-lbhcoff",
  lbClassic: "asg-lbclassic",
  lbOtherVpc: "asg-lbothervpc",
  dbStopped: "asg-dbstopped",
  dbWhitelistFull: "asg-dbfull",
  securityGroupFull: "asg-sgfull",
} as const;

/** Instance IDs by the outcome attaching them to `GROUPS.main` produces. */
export const INSTANCES = {
  missing: "i-doesnotexist",
  otherRegion: "i-shanghai",
  stopped: "i-stopped",
  classic: "i-classic",
  otherVpc: "i-othervpc",
  inUse: "i-inuse",
  wrongType: "i-wrongtype",
  prePaid: "i-prepaid",
} as const;

export const LOAD_BALANCERS = {
  inactive: "lb-inactive",
  healthCheckOff: "lb-hcoff",
  classic: "lb-classic",
  otherVpc: "lb-othervpc",
} as const;
export const DB_INSTANCES = { stopped: "rm-stopped", whitelistFull: "rm-full" } as const;
export const FULL_SECURITY_GROUP = "sg-full";
export const MAIN_VPC = "vpc-main";
export const FULL_GROUP_MAX_SIZE = 2;

/** How many roomy groups and clean instances the load tests can use. */
export const ROOMY_GROUP_COUNT = 20;
export const CLEAN_INSTANCE_COUNT = 160;

export const roomyGroupId = (index: number): string => `asg-roomy${String(index).padStart(2, "0")}`;
export const cleanInstanceId = (index: number): string => `i-clean${String(index).padStart(3, "0")}`;

const ZONE = "cn-hangzhou-h";
const START = "2026-11-01T00:00:00Z";

export function attachTestWorld(options: { essAuthorized?: boolean } = {}): WorldFile {
  let ip = 10;
  const vpcInstance = (instanceId: string, extra: Partial<WorldInstance> = {}): WorldInstance => ({
    instanceId,
    regionId: REGION,
    zoneId: ZONE,
    status: "Running",
    networkType: "vpc",
    vpcId: MAIN_VPC,
    vSwitchId: "vsw-main",
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid",
    securityGroupIds: ["sg-main"],
    privateIp: `172.16.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`,
    ...extra,
  });
  const group = (scalingGroupId: string, extra: Partial<WorldScalingGroup> = {}): WorldScalingGroup => ({
    scalingGroupId,
    scalingGroupName: scalingGroupId.replace(/^asg-/, ""),
    regionId: REGION,
    lifecycleState: "Active",
    minSize: 0,
    maxSize: 100,
    vSwitchIds: ["vsw-main"],
    ...extra,
  });

  const cleanInstances = Array.from({ length: CLEAN_INSTANCE_COUNT }, (_, index) => vpcInstance(cleanInstanceId(index)));
  return {
    version: 1,
    regions: [
      { regionId: REGION, zones: [ZONE] },
      { regionId: OTHER_REGION, zones: ["cn-shanghai-b"] },
    ],
    accounts: [
      {
        accountId: ACCOUNT_ID,
        name: "gateway-tests",
        essAuthorized: options.essAuthorized ?? true,
        accessKeys: [{ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET }],
        resources: {
          vpcs: [
            { vpcId: MAIN_VPC, regionId: REGION },
            { vpcId: "vpc-other", regionId: REGION },
            { vpcId: "vpc-shanghai", regionId: OTHER_REGION },
          ],
          vSwitches: [
            { vSwitchId: "vsw-main", vpcId: MAIN_VPC, regionId: REGION, zoneId: ZONE },
            { vSwitchId: "vsw-other", vpcId: "vpc-other", regionId: REGION, zoneId: ZONE },
            { vSwitchId: "vsw-shanghai", vpcId: "vpc-shanghai", regionId: OTHER_REGION, zoneId: "cn-shanghai-b" },
          ],
          securityGroups: [
            { securityGroupId: "sg-main", regionId: REGION, vpcId: MAIN_VPC },
            { securityGroupId: FULL_SECURITY_GROUP, regionId: REGION, vpcId: MAIN_VPC, instanceQuota: 1 },
            { securityGroupId: "sg-other", regionId: REGION, vpcId: "vpc-other" },
            { securityGroupId: "sg-classic", regionId: REGION },
            { securityGroupId: "sg-shanghai", regionId: OTHER_REGION, vpcId: "vpc-shanghai" },
          ],
          instances: [
            ...cleanInstances,
            vpcInstance("i-member1"),
            vpcInstance("i-member2"),
            vpcInstance("i-sgmember", { securityGroupIds: ["sg-main", FULL_SECURITY_GROUP] }),
            vpcInstance(INSTANCES.otherRegion, {
              regionId: OTHER_REGION,
              zoneId: "cn-shanghai-b",
              vpcId: "vpc-shanghai",
              vSwitchId: "vsw-shanghai",
              securityGroupIds: ["sg-shanghai"],
            }),
            vpcInstance(INSTANCES.stopped, { status: "Stopped" }),
            {
              instanceId: INSTANCES.classic,
              regionId: REGION,
              zoneId: ZONE,
              status: "Running",
              networkType: "classic",
              instanceType: "ecs.g7.large",
              chargeType: "PostPaid",
              securityGroupIds: ["sg-classic"],
              privateIp: "10.0.0.5",
            },
            vpcInstance(INSTANCES.otherVpc, { vpcId: "vpc-other", vSwitchId: "vsw-other", securityGroupIds: ["sg-other"] }),
            vpcInstance(INSTANCES.inUse),
            vpcInstance(INSTANCES.wrongType, { instanceType: "ecs.c7.large" }),
            vpcInstance(INSTANCES.prePaid, { chargeType: "PrePaid" }),
          ],
          loadBalancers: [
            {
              loadBalancerId: LOAD_BALANCERS.inactive,
              regionId: REGION,
              status: "inactive",
              healthCheck: "on",
              networkType: "vpc",
              vpcId: MAIN_VPC,
            },
            {
              loadBalancerId: LOAD_BALANCERS.healthCheckOff,
              regionId: REGION,
              status: "active",
              healthCheck: "off",
              networkType: "vpc",
              vpcId: MAIN_VPC,
            },
            { loadBalancerId: LOAD_BALANCERS.classic, regionId: REGION, status: "active", healthCheck: "on", networkType: "classic" },
            {
              loadBalancerId: LOAD_BALANCERS.otherVpc,
              regionId: REGION,
              status: "active",
              healthCheck: "on",
              networkType: "vpc",
              vpcId: "vpc-other",
            },
          ],
          dbInstances: [
            { dbInstanceId: DB_INSTANCES.stopped, regionId: REGION, status: "Stopped" },
            {
              dbInstanceId: DB_INSTANCES.whitelistFull,
              regionId: REGION,
              status: "Running",
              securityIps: ["192.168.0.1"],
              securityIpQuota: 1,
            },
          ],
          scalingConfigurations: [
            {
              scalingConfigurationId: "asc-main",
              scalingGroupId: GROUPS.main,
              regionId: REGION,
              lifecycleState: "Active",
              instanceTypes: ["ecs.g7.large"],
              securityGroupId: "sg-main",
            },
            {
              scalingConfigurationId: "asc-sgfull",
              scalingGroupId: GROUPS.securityGroupFull,
              regionId: REGION,
              lifecycleState: "Active",
              instanceTypes: ["ecs.g7.large"],
              securityGroupId: FULL_SECURITY_GROUP,
            },
          ],
          scalingGroups: [
            group(GROUPS.main, { activeScalingConfigurationId: "asc-main" }),
            group(GROUPS.inactive, { lifecycleState: "Inactive" }),
            group(GROUPS.busy, {
              activities: [
                {
                  scalingActivityId: "asa-external",
                  statusCode: "InProgress",
                  progress: 40,
                  startTime: START,
                  description: "Scale out by someone else",
                },
              ],
            }),
            group(GROUPS.full, {
              maxSize: FULL_GROUP_MAX_SIZE,
              instances: [
                { instanceId: "i-member1", creationType: "Attached" },
                { instanceId: "i-member2", creationType: "Attached" },
              ],
            }),
            group("asg-holder", { instances: [{ instanceId: INSTANCES.inUse, creationType: "Attached" }] }),
            group(GROUPS.lbInactive, { loadBalancerIds: [LOAD_BALANCERS.inactive] }),
            group(GROUPS.lbHealthCheckOff, { loadBalancerIds: [LOAD_BALANCERS.healthCheckOff] }),
            group(GROUPS.lbClassic, { loadBalancerIds: [LOAD_BALANCERS.classic] }),
            group(GROUPS.lbOtherVpc, { loadBalancerIds: [LOAD_BALANCERS.otherVpc] }),
            group(GROUPS.dbStopped, { dbInstanceIds: [DB_INSTANCES.stopped] }),
            group(GROUPS.dbWhitelistFull, { dbInstanceIds: [DB_INSTANCES.whitelistFull] }),
            group(GROUPS.securityGroupFull, { activeScalingConfigurationId: "asc-sgfull" }),
            ...Array.from({ length: ROOMY_GROUP_COUNT }, (_, index) => group(roomyGroupId(index))),
          ],
        },
      },
    ],
  };
}
