import type { WorldFile, WorldInstance } from "../../src/emulator/world/world.types";

/**
 * A world sized for the read model's batching and paging tests: a target group with a load
 * balancer, a DB instance and an active configuration (so every kind of group fact is loaded),
 * `FREE_INSTANCE_COUNT` attachable instances, a group with more members than one
 * DescribeScalingInstances page, and more groups than one DescribeScalingGroups page.
 */
export const REGION = "cn-hangzhou";
export const OTHER_REGION = "cn-shanghai";
export const TARGET_GROUP = "asg-target";
export const BIG_GROUP = "asg-big";
export const FREE_INSTANCE_COUNT = 260;
export const BIG_GROUP_SIZE = 150;
export const EXTRA_GROUP_COUNT = 118;
/** Every group of the region: target + big + extras + one inactive. */
export const GROUP_COUNT = EXTRA_GROUP_COUNT + 3;

export const freeInstanceId = (index: number): string => `i-free${String(index).padStart(3, "0")}`;
export const bigMemberId = (index: number): string => `i-big${String(index).padStart(3, "0")}`;
export const extraGroupId = (index: number): string => `asg-extra${String(index).padStart(3, "0")}`;

const ZONE = "cn-hangzhou-h";

export function readModelTestWorld(): WorldFile {
  let ip = 0;
  const instance = (instanceId: string): WorldInstance => ({
    instanceId,
    regionId: REGION,
    zoneId: ZONE,
    status: "Running",
    networkType: "vpc",
    vpcId: "vpc-rm",
    vSwitchId: "vsw-rm",
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid",
    securityGroupIds: ["sg-rm"],
    privateIp: `172.20.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`,
  });
  const group = (scalingGroupId: string) => ({
    scalingGroupId,
    scalingGroupName: scalingGroupId.replace(/^asg-/, ""),
    regionId: REGION,
    lifecycleState: "Active" as const,
    minSize: 0,
    maxSize: 1000,
    vSwitchIds: ["vsw-rm"],
  });
  return {
    version: 1,
    regions: [
      { regionId: REGION, zones: [ZONE] },
      { regionId: OTHER_REGION, zones: ["cn-shanghai-b"] },
    ],
    accounts: [
      {
        accountId: "1480000000000077",
        name: "read-model-tests",
        accessKeys: [{ accessKeyId: "LTAI5tReadModelKey0001", accessKeySecret: "ReadModelSecret0123456789abcdefXYZ" }],
        resources: {
          vpcs: [{ vpcId: "vpc-rm", regionId: REGION }],
          vSwitches: [{ vSwitchId: "vsw-rm", vpcId: "vpc-rm", regionId: REGION, zoneId: ZONE }],
          securityGroups: [
            { securityGroupId: "sg-rm", regionId: REGION, vpcId: "vpc-rm" },
            { securityGroupId: "sg-target", regionId: REGION, vpcId: "vpc-rm" },
          ],
          instances: [
            ...Array.from({ length: FREE_INSTANCE_COUNT }, (_, index) => instance(freeInstanceId(index))),
            ...Array.from({ length: BIG_GROUP_SIZE }, (_, index) => instance(bigMemberId(index))),
          ],
          loadBalancers: [
            { loadBalancerId: "lb-target", regionId: REGION, status: "active", healthCheck: "on", networkType: "vpc", vpcId: "vpc-rm" },
          ],
          dbInstances: [{ dbInstanceId: "rm-target", regionId: REGION, status: "Running", securityIps: ["192.168.0.1"] }],
          scalingConfigurations: [
            {
              scalingConfigurationId: "asc-target",
              scalingGroupId: TARGET_GROUP,
              regionId: REGION,
              lifecycleState: "Active",
              instanceTypes: ["ecs.g7.large"],
              securityGroupId: "sg-target",
            },
          ],
          scalingGroups: [
            {
              ...group(TARGET_GROUP),
              loadBalancerIds: ["lb-target"],
              dbInstanceIds: ["rm-target"],
              activeScalingConfigurationId: "asc-target",
            },
            {
              ...group(BIG_GROUP),
              instances: Array.from({ length: BIG_GROUP_SIZE }, (_, index) => ({
                instanceId: bigMemberId(index),
                creationType: "Attached" as const,
              })),
            },
            { ...group("asg-sleeping"), lifecycleState: "Inactive" },
            ...Array.from({ length: EXTRA_GROUP_COUNT }, (_, index) => group(extraGroupId(index))),
          ],
        },
      },
    ],
  };
}
