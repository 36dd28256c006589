import type { WorldFile } from "../../src/emulator/world/world.types";

/** A permanent AccessKey of the protocol-test account. */
export const TEST_KEY = { accessKeyId: "LTAIprotocolTest01", accessKeySecret: "protocol-test-secret-0001" } as const;
/** A temporary (STS) key: requests must carry its security token. */
export const STS_KEY = {
  accessKeyId: "STS.protocolTest02",
  accessKeySecret: "sts-test-secret-0002",
  securityToken: "CAIS-protocol-test-security-token",
} as const;
export const REGION = "cn-hangzhou";
export const ESS_VERSION = "2014-08-28";
export const ECS_VERSION = "2014-05-26";

/** Scaling groups of the fixture; each test that attaches uses its own group. */
export const GROUP_IDS = ["asg-proto1", "asg-proto2", "asg-proto3", "asg-proto4", "asg-proto5", "asg-proto6"] as const;
/** Running VPC instances, none in a group yet. */
export const INSTANCE_IDS = Array.from({ length: 30 }, (_, index) => `i-proto${String(index + 1).padStart(2, "0")}`);

/**
 * A small world for protocol tests: one account with a permanent and an STS key, one VPC, six
 * Active groups (MaxSize 30) and thirty Running instances that fit every group.
 */
export function protocolTestWorld(): WorldFile {
  return {
    version: 1,
    regions: [{ regionId: REGION, zones: ["cn-hangzhou-h"] }],
    accounts: [
      {
        accountId: "1234567890123456",
        name: "protocol-tests",
        accessKeys: [{ ...TEST_KEY }, { ...STS_KEY }],
        resources: {
          vpcs: [{ vpcId: "vpc-proto1", regionId: REGION, cidrBlock: "10.0.0.0/16" }],
          vSwitches: [{ vSwitchId: "vsw-proto1", vpcId: "vpc-proto1", regionId: REGION, zoneId: "cn-hangzhou-h" }],
          securityGroups: [{ securityGroupId: "sg-proto1", regionId: REGION, vpcId: "vpc-proto1" }],
          instances: INSTANCE_IDS.map((instanceId, index) => ({
            instanceId,
            regionId: REGION,
            zoneId: "cn-hangzhou-h",
            status: "Running" as const,
            networkType: "vpc" as const,
            vpcId: "vpc-proto1",
            vSwitchId: "vsw-proto1",
            instanceType: "ecs.g7.large",
            chargeType: "PostPaid" as const,
            securityGroupIds: ["sg-proto1"],
            privateIp: `10.0.1.${index + 10}`,
          })),
          scalingConfigurations: GROUP_IDS.map((scalingGroupId, index) => ({
            scalingConfigurationId: `asc-proto${index + 1}`,
            scalingGroupId,
            regionId: REGION,
            lifecycleState: "Active" as const,
            instanceTypes: ["ecs.g7.large"],
            securityGroupId: "sg-proto1",
          })),
          scalingGroups: GROUP_IDS.map((scalingGroupId, index) => ({
            scalingGroupId,
            scalingGroupName: `protocol-${index + 1}`,
            regionId: REGION,
            lifecycleState: "Active" as const,
            minSize: 0,
            maxSize: 30,
            vSwitchIds: ["vsw-proto1"],
            activeScalingConfigurationId: `asc-proto${index + 1}`,
          })),
        },
      },
    ],
  };
}
