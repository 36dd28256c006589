import type { WorldFile, WorldInstance, WorldScalingGroup } from "../../src/emulator/world/world.types";

/**
 * A world for the upstream budget tests: more than 300 groups (seven DescribeScalingGroups pages),
 * a target group with every kind of fact at its maximum (5 load balancers, 8 RDS instances, an
 * active configuration with a security group), more members than one DescribeScalingInstances
 * page and more activities than one DescribeScalingActivities page, and free instances to attach.
 */
export const REGION = "cn-hangzhou";
export const OTHER_REGION = "cn-shanghai";
export const TARGET_GROUP = "asg-bt-target";
export const EXTRA_GROUP_COUNT = 320;
export const TARGET_MEMBER_COUNT = 130;
export const TARGET_ACTIVITY_COUNT = 70;
export const FREE_INSTANCE_COUNT = 240;
/** Extra groups with two members each: the first ones. */
export const POPULATED_GROUP_COUNT = 30;

export const extraGroupId = (index: number): string => `asg-bt-${String(index).padStart(3, "0")}`;
export const freeInstanceId = (index: number): string => `i-btfree${String(index).padStart(3, "0")}`;
export const targetMemberId = (index: number): string => `i-btmember${String(index).padStart(3, "0")}`;
export const extraMemberId = (group: number, index: number): string => `i-btx${String(group).padStart(3, "0")}-${index}`;
export const targetActivityId = (index: number): string => `asa-bt-${String(index).padStart(3, "0")}`;

const ZONE = "cn-hangzhou-h";
const LOAD_BALANCERS = Array.from({ length: 5 }, (_, index) => `lb-bt-${index}`);
const DB_INSTANCES = Array.from({ length: 8 }, (_, index) => `rm-bt-${index}`);

export function budgetTestWorld(): WorldFile {
  let ip = 0;
  const instance = (instanceId: string): WorldInstance => ({
    instanceId,
    regionId: REGION,
    zoneId: ZONE,
    status: "Running",
    networkType: "vpc",
    vpcId: "vpc-bt",
    vSwitchId: "vsw-bt",
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid",
    securityGroupIds: ["sg-bt"],
    privateIp: `172.21.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`,
  });
  const group = (scalingGroupId: string, index: number): WorldScalingGroup => ({
    scalingGroupId,
    scalingGroupName: scalingGroupId.replace(/^asg-/, ""),
    regionId: REGION,
    lifecycleState: index % 7 === 3 ? "Inactive" : "Active",
    minSize: 0,
    maxSize: 1000,
    vSwitchIds: ["vsw-bt"],
    instances:
      index < POPULATED_GROUP_COUNT
        ? [0, 1].map((member) => ({ instanceId: extraMemberId(index, member), creationType: "Attached" as const }))
        : undefined,
  });
  const start = Date.parse("2026-11-01T00:00:00Z");
  return {
    version: 1,
    regions: [
      { regionId: REGION, zones: [ZONE] },
      { regionId: OTHER_REGION, zones: ["cn-shanghai-b"] },
    ],
    accounts: [
      {
        accountId: "1480000000000099",
        name: "budget-tests",
        accessKeys: [{ accessKeyId: "LTAI5tBudgetKey000001", accessKeySecret: "BudgetSecret0123456789abcdefXYZ" }],
        resources: {
          vpcs: [{ vpcId: "vpc-bt", regionId: REGION }],
          vSwitches: [{ vSwitchId: "vsw-bt", vpcId: "vpc-bt", regionId: REGION, zoneId: ZONE }],
          securityGroups: [{ securityGroupId: "sg-bt", regionId: REGION, vpcId: "vpc-bt" }],
          instances: [
            ...Array.from({ length: FREE_INSTANCE_COUNT }, (_, index) => instance(freeInstanceId(index))),
            ...Array.from({ length: TARGET_MEMBER_COUNT }, (_, index) => instance(targetMemberId(index))),
            ...Array.from({ length: POPULATED_GROUP_COUNT }, (_, index) => [instance(extraMemberId(index, 0)), instance(extraMemberId(index, 1))]).flat(),
          ],
          loadBalancers: LOAD_BALANCERS.map((loadBalancerId) => ({
            loadBalancerId,
            regionId: REGION,
            status: "active" as const,
            healthCheck: "on" as const,
            networkType: "vpc" as const,
            vpcId: "vpc-bt",
          })),
          dbInstances: DB_INSTANCES.map((dbInstanceId) => ({ dbInstanceId, regionId: REGION, status: "Running" as const, securityIps: ["192.168.0.1"] })),
          scalingConfigurations: [
            {
              scalingConfigurationId: "asc-bt-target",
              scalingGroupId: TARGET_GROUP,
              regionId: REGION,
              lifecycleState: "Active",
              instanceTypes: ["ecs.g7.large"],
              securityGroupId: "sg-bt",
            },
          ],
          scalingGroups: [
            {
              ...group(TARGET_GROUP, -1),
              lifecycleState: "Active",
              loadBalancerIds: LOAD_BALANCERS,
              dbInstanceIds: DB_INSTANCES,
              activeScalingConfigurationId: "asc-bt-target",
              instances: Array.from({ length: TARGET_MEMBER_COUNT }, (_, index) => ({ instanceId: targetMemberId(index), creationType: "Attached" as const })),
              activities: Array.from({ length: TARGET_ACTIVITY_COUNT }, (_, index) => ({
                scalingActivityId: targetActivityId(index),
                statusCode: "Successful" as const,
                progress: 100,
                startTime: new Date(start + index * 60_000).toISOString(),
                endTime: new Date(start + index * 60_000 + 30_000).toISOString(),
              })),
            },
            ...Array.from({ length: EXTRA_GROUP_COUNT }, (_, index) => group(extraGroupId(index), index)),
          ],
        },
      },
    ],
  };
}
