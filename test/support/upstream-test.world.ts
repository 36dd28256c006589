import type { WorldFile } from "../../src/emulator/world/world.types";

/**
 * A small world whose every value the upstream tests know, so they can assert exact mappings.
 * One account with a plain and an STS key, one without ESS authorization (403), a VPC group with a
 * load balancer and an RDS instance, and a busy group with an external activity in progress.
 */
export const TEST_REGION = "cn-hangzhou";

export const TEST_KEYS = {
  plain: { accessKeyId: "LTAI5tUpstreamPlainKey", accessKeySecret: "upstream-plain-secret-7f3k9Qz1" },
  sts: {
    accessKeyId: "STS.UpstreamStsKey",
    accessKeySecret: "upstream-sts-secret-Vb82mPq0",
    securityToken: "CAIS-upstream-sts-token-0a1b2c3d4e5f",
  },
  unauthorized: { accessKeyId: "LTAI5tUnauthorizedKey", accessKeySecret: "unauthorized-secret-Lk2j4h6g" },
} as const;

export function upstreamTestWorld(): WorldFile {
  return {
    version: 1,
    // The mapping tests read the emulator's [ext] fields (SLB HealthCheck, RDS SecurityIPQuota).
    extensions: { slbHealthCheck: true, rdsSecurityIpQuota: true },
    regions: [
      { regionId: "cn-hangzhou", zones: ["cn-hangzhou-h", "cn-hangzhou-i"] },
      { regionId: "cn-shanghai", zones: ["cn-shanghai-a"] },
    ],
    accounts: [
      {
        accountId: "1000000000000001",
        name: "upstream-tests",
        accessKeys: [TEST_KEYS.plain, TEST_KEYS.sts],
        resources: {
          vpcs: [{ vpcId: "vpc-test1", regionId: "cn-hangzhou", cidrBlock: "10.0.0.0/16" }],
          vSwitches: [{ vSwitchId: "vsw-test1", vpcId: "vpc-test1", regionId: "cn-hangzhou", zoneId: "cn-hangzhou-h" }],
          securityGroups: [
            { securityGroupId: "sg-test1", regionId: "cn-hangzhou", vpcId: "vpc-test1", instanceQuota: 50 },
            { securityGroupId: "sg-classic1", regionId: "cn-hangzhou" },
          ],
          instances: [
            vpcInstance("i-member1", "10.0.0.11"),
            vpcInstance("i-free1", "10.0.0.21"),
            vpcInstance("i-free2", "10.0.0.22"),
            vpcInstance("i-free3", "10.0.0.23"),
            vpcInstance("i-free4", "10.0.0.24"),
            { ...vpcInstance("i-stopped1", "10.0.0.31"), status: "Stopped" },
            {
              instanceId: "i-classic1",
              instanceName: "classic-one",
              regionId: "cn-hangzhou",
              zoneId: "cn-hangzhou-i",
              status: "Running",
              networkType: "classic",
              instanceType: "ecs.g7.large",
              chargeType: "PrePaid",
              securityGroupIds: ["sg-classic1"],
              privateIp: "10.10.0.5",
            },
          ],
          loadBalancers: [
            {
              loadBalancerId: "lb-test1",
              loadBalancerName: "upstream-lb",
              regionId: "cn-hangzhou",
              status: "active",
              healthCheck: "on",
              networkType: "vpc",
              vpcId: "vpc-test1",
              backendServers: [{ serverId: "i-member1", weight: 50 }],
            },
          ],
          dbInstances: [
            {
              dbInstanceId: "rm-test1",
              regionId: "cn-hangzhou",
              status: "Running",
              engine: "MySQL",
              securityIps: ["10.0.0.11", "192.168.1.0/24"],
              securityIpQuota: 100,
            },
          ],
          scalingConfigurations: [
            {
              scalingConfigurationId: "asc-test1",
              scalingConfigurationName: "upstream-config",
              scalingGroupId: "asg-test1",
              regionId: "cn-hangzhou",
              lifecycleState: "Active",
              instanceTypes: ["ecs.g7.large", "ecs.g7.xlarge"],
              securityGroupId: "sg-test1",
              imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
            },
          ],
          scalingGroups: [
            {
              scalingGroupId: "asg-test1",
              scalingGroupName: "upstream-test-group",
              regionId: "cn-hangzhou",
              lifecycleState: "Active",
              minSize: 0,
              maxSize: 10,
              desiredCapacity: 1,
              defaultCooldown: 300,
              vSwitchIds: ["vsw-test1"],
              loadBalancerIds: ["lb-test1"],
              dbInstanceIds: ["rm-test1"],
              activeScalingConfigurationId: "asc-test1",
              creationTime: "2026-01-05T08:00:00Z",
              tags: [{ key: "team", value: "payments" }],
              instances: [
                {
                  instanceId: "i-member1",
                  creationType: "AutoCreated",
                  entrusted: true,
                  scalingConfigurationId: "asc-test1",
                  loadBalancerWeight: 50,
                  createdTime: "2026-01-05T08:10:00Z",
                },
              ],
              activities: [
                {
                  scalingActivityId: "asa-past1",
                  statusCode: "Successful",
                  progress: 100,
                  description: 'Add "1" ECS instance',
                  cause: "A user requested a scale-out.",
                  statusMessage: '"1" ECS instances are added',
                  startTime: "2026-01-05T08:09:00Z",
                  endTime: "2026-01-05T08:10:00Z",
                },
              ],
            },
            {
              scalingGroupId: "asg-busy1",
              scalingGroupName: "upstream-busy-group",
              regionId: "cn-hangzhou",
              lifecycleState: "Active",
              minSize: 0,
              maxSize: 10,
              vSwitchIds: ["vsw-test1"],
              activities: [
                {
                  scalingActivityId: "asa-external1",
                  statusCode: "InProgress",
                  progress: 40,
                  description: "An external scale-out",
                  startTime: "2026-01-05T09:00:00Z",
                },
              ],
            },
          ],
        },
      },
      {
        accountId: "1000000000000002",
        name: "not-authorized",
        essAuthorized: false,
        accessKeys: [TEST_KEYS.unauthorized],
        resources: {},
      },
    ],
  };
}

function vpcInstance(instanceId: string, privateIp: string) {
  return {
    instanceId,
    instanceName: `${instanceId}-name`,
    regionId: "cn-hangzhou",
    zoneId: "cn-hangzhou-h",
    status: "Running" as const,
    networkType: "vpc" as const,
    vpcId: "vpc-test1",
    vSwitchId: "vsw-test1",
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid" as const,
    securityGroupIds: ["sg-test1"],
    privateIp,
  };
}
