import type { WorldAccount, WorldFile, WorldInstance, WorldScalingGroup } from "../../src/emulator/world/world.types";

/**
 * Two accounts with overlapping group names ("web-prod", "batch" in both), for the access matrix.
 * Account A's first key is the gateway's own (the `default` profile); account B is reached through
 * the `team-b` profile.
 */
export const REGION = "cn-hangzhou";
export const OTHER_REGION = "cn-shanghai";
export const ACCOUNT_A = "1000000000000001";
export const ACCOUNT_B = "2000000000000002";
export const KEY_A = { accessKeyId: "LTAI5tAccountAKey0001", accessKeySecret: "AccountASecret0123456789abcdefABCDEF" };
export const KEY_B = { accessKeyId: "LTAI5tAccountBKey0001", accessKeySecret: "AccountBSecret0123456789abcdefABCDEF" };

export const A = { web: "asg-a-web", batch: "asg-a-batch", secret: "asg-a-secret", shanghai: "asg-a-sh" } as const;
export const B = { web: "asg-b-web", batch: "asg-b-batch" } as const;
/** B's roles, trusted by account A: a normal one, and one whose sessions last 1 s (expiry tests). */
export const ROLES = {
  operator: `acs:ram::${ACCOUNT_B}:role/gateway-operator`,
  shortLived: `acs:ram::${ACCOUNT_B}:role/short-lived`,
  /** Trusts only account B itself. */
  internal: `acs:ram::${ACCOUNT_B}:role/internal-only`,
} as const;
/** The lifetime of `ROLES.operator` sessions: short, so a test sees the credentials refreshed. */
export const OPERATOR_SESSION_SECONDS = 3;
export const activityOf = (groupId: string) => `asa-${groupId.slice(4)}-1`;
export const freeInstance = (account: "a" | "b", index: number) => `i-${account}-free${index}`;

const ZONE = "cn-hangzhou-h";
const START = "2026-11-01T00:00:00Z";

function account(
  accountId: string,
  key: { accessKeyId: string; accessKeySecret: string },
  letter: "a" | "b",
  groups: Array<[string, string, string?]>,
): WorldAccount {
  const instances: WorldInstance[] = Array.from({ length: 6 }, (_, index) => ({
    instanceId: freeInstance(letter, index),
    regionId: REGION,
    zoneId: ZONE,
    status: "Running",
    networkType: "vpc",
    vpcId: `vpc-${letter}`,
    vSwitchId: `vsw-${letter}`,
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid",
    securityGroupIds: [`sg-${letter}`],
    privateIp: `172.16.${letter === "a" ? 1 : 2}.${index + 10}`,
  }));
  const scalingGroups: WorldScalingGroup[] = groups.map(([scalingGroupId, scalingGroupName, regionId]) => ({
    scalingGroupId,
    scalingGroupName,
    regionId: regionId ?? REGION,
    lifecycleState: "Active",
    minSize: 0,
    maxSize: 50,
    vSwitchIds: regionId === undefined ? [`vsw-${letter}`] : [],
    activeScalingConfigurationId: regionId === undefined ? `asc-${scalingGroupId.slice(4)}` : undefined,
    creationTime: START,
    activities: [
      { scalingActivityId: activityOf(scalingGroupId), statusCode: "Successful", progress: 100, startTime: START, endTime: START },
    ],
  }));
  return {
    accountId,
    accessKeys: [key],
    resources: {
      vpcs: [{ vpcId: `vpc-${letter}`, regionId: REGION }],
      vSwitches: [{ vSwitchId: `vsw-${letter}`, vpcId: `vpc-${letter}`, regionId: REGION, zoneId: ZONE }],
      securityGroups: [{ securityGroupId: `sg-${letter}`, regionId: REGION, vpcId: `vpc-${letter}` }],
      instances,
      scalingConfigurations: scalingGroups
        .filter((group) => group.regionId === REGION)
        .map((group) => ({
          scalingConfigurationId: `asc-${group.scalingGroupId.slice(4)}`,
          scalingGroupId: group.scalingGroupId,
          regionId: REGION,
          lifecycleState: "Active",
          instanceTypes: ["ecs.g7.large"],
          securityGroupId: `sg-${letter}`,
        })),
      scalingGroups,
    },
  };
}

export function accessWorld(): WorldFile {
  return {
    version: 1,
    regions: [
      { regionId: REGION, zones: [ZONE] },
      { regionId: OTHER_REGION, zones: ["cn-shanghai-b"] },
    ],
    accounts: [
      account(ACCOUNT_A, KEY_A, "a", [
        [A.web, "web-prod"],
        [A.batch, "batch"],
        [A.secret, "finance"],
        [A.shanghai, "web-prod", OTHER_REGION],
      ]),
      {
        ...account(ACCOUNT_B, KEY_B, "b", [
          [B.web, "web-prod"],
          [B.batch, "batch"],
        ]),
        ramRoles: [
          { roleName: "gateway-operator", trustedAccountIds: [ACCOUNT_A], sessionLifetimeSeconds: OPERATOR_SESSION_SECONDS },
          { roleName: "short-lived", trustedAccountIds: [ACCOUNT_A], sessionLifetimeSeconds: 1 },
          { roleName: "internal-only", trustedAccountIds: [ACCOUNT_B] },
        ],
      },
    ],
  };
}
