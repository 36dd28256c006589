#!/usr/bin/env node
// Writes src/emulator/world/demo-world.json, the shipped demo world (docs/demo-world.md).
// The JSON is committed; rerun this after changing the generator: `node scripts/generate-demo-world.mjs`.
// IDs are stable and readable on purpose: tests, docs and demos name them.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HZ = "cn-hangzhou";
const SH = "cn-shanghai";
const CREATED = "2026-06-01T08:00:00Z";
const pad = (n, width = 4) => String(n).padStart(width, "0");

function vpcInstance({
  id,
  n,
  vpcId,
  vSwitches,
  ipPrefix,
  regionId = HZ,
  securityGroupIds,
  status = "Running",
  chargeType = "PostPaid",
  instanceType = "ecs.g7.large",
  spotStrategy,
}) {
  const [vSwitchId, zoneId] = vSwitches[n % vSwitches.length];
  return {
    instanceId: id,
    instanceName: id.replace(/^i-/, ""),
    regionId,
    zoneId,
    status,
    networkType: "vpc",
    vpcId,
    vSwitchId,
    instanceType,
    chargeType,
    ...(spotStrategy && { spotStrategy }),
    securityGroupIds,
    privateIp: `${ipPrefix}.${Math.floor(n / 250)}.${(n % 250) + 2}`,
    creationTime: CREATED,
  };
}

// ---- account 1: the primary demo account (its first key is the gateway's default) ------------
const mainSwitches = [
  ["vsw-demo-main-h", "cn-hangzhou-h"],
  ["vsw-demo-main-i", "cn-hangzhou-i"],
];
const primaryInstances = [];
for (let n = 1; n <= 180; n++) {
  let instanceType = "ecs.g7.large";
  if (n >= 101 && n <= 120) instanceType = "ecs.c7.large";
  if (n >= 121 && n <= 130) instanceType = "ecs.r7.large";
  if (n >= 131 && n <= 140) instanceType = "ecs.g6.xlarge";
  let status = "Running";
  if (n >= 151 && n <= 160) status = "Stopped";
  if (n === 171 || n === 172) status = "Starting";
  if (n === 173) status = "Stopping";
  if (n === 174) status = "Pending";
  const chargeType = n >= 161 && n <= 170 ? "PrePaid" : "PostPaid";
  const spotStrategy = n >= 175 ? "SpotAsPriceGo" : undefined;
  const securityGroupIds = n >= 141 && n <= 149 ? ["sg-demo-nearfull"] : ["sg-demo-app"];
  primaryInstances.push(
    vpcInstance({
      id: `i-demo-${pad(n)}`,
      n,
      vpcId: "vpc-demo-main",
      vSwitches: mainSwitches,
      ipPrefix: "10.0",
      securityGroupIds,
      status,
      chargeType,
      instanceType,
      spotStrategy,
    }),
  );
}
for (let n = 1; n <= 15; n++) {
  primaryInstances.push({
    instanceId: `i-demo-c${pad(n, 3)}`,
    instanceName: `demo-classic-${pad(n, 3)}`,
    regionId: HZ,
    zoneId: n % 2 ? "cn-hangzhou-h" : "cn-hangzhou-i",
    status: "Running",
    networkType: "classic",
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid",
    securityGroupIds: ["sg-demo-classic"],
    privateIp: `172.16.0.${n + 1}`,
    creationTime: CREATED,
  });
}
for (let n = 1; n <= 10; n++) {
  primaryInstances.push(
    vpcInstance({
      id: `i-demo-o${pad(n, 3)}`,
      n,
      vpcId: "vpc-demo-other",
      vSwitches: [["vsw-demo-other-h", "cn-hangzhou-h"]],
      ipPrefix: "10.1",
      securityGroupIds: ["sg-demo-other"],
    }),
  );
}
for (let n = 1; n <= 10; n++) {
  primaryInstances.push(
    vpcInstance({
      id: `i-demo-s${pad(n, 3)}`,
      n,
      regionId: SH,
      vpcId: "vpc-demo-sh",
      vSwitches: [
        ["vsw-demo-sh-e", "cn-shanghai-e"],
        ["vsw-demo-sh-f", "cn-shanghai-f"],
      ],
      ipPrefix: "10.2",
      securityGroupIds: ["sg-demo-sh"],
    }),
  );
}

const member = (n, creationType = "Attached", extra = {}) => ({
  instanceId: `i-demo-${pad(n)}`,
  creationType,
  ...(creationType === "AutoCreated" && { entrusted: true }),
  createdTime: "2026-06-02T09:00:00Z",
  ...extra,
});
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const vpcGroup = (id, extra) => ({
  scalingGroupId: id,
  scalingGroupName: id.replace(/^asg-/, ""),
  regionId: HZ,
  lifecycleState: "Active",
  minSize: 0,
  maxSize: 100,
  defaultCooldown: 300,
  vSwitchIds: ["vsw-demo-main-h", "vsw-demo-main-i"],
  creationTime: "2026-06-01T09:00:00Z",
  ...extra,
});

const primaryGroups = [
  vpcGroup("asg-demo-web", {
    minSize: 1,
    maxSize: 50,
    desiredCapacity: 4,
    loadBalancerIds: ["lb-demo-web"],
    dbInstanceIds: ["rm-demo-main"],
    activeScalingConfigurationId: "asc-demo-web",
    instances: [
      member(1, "AutoCreated", { scalingConfigurationId: "asc-demo-web", loadBalancerWeight: 50 }),
      member(2, "AutoCreated", { scalingConfigurationId: "asc-demo-web", loadBalancerWeight: 50 }),
      member(3, "Attached", { loadBalancerWeight: 80 }),
      member(4, "Attached", { loadBalancerWeight: 20 }),
    ],
    activities: [
      {
        scalingActivityId: "asa-demo-web-initial",
        statusCode: "Successful",
        progress: 100,
        description: 'Add "2" ECS instance(s)',
        cause: 'A user requests to execute scaling rule "asr-demo-web-out", changing the Total Capacity from "0" to "2".',
        statusMessage: '"2" ECS instances are added.',
        startTime: "2026-06-02T08:58:00Z",
        endTime: "2026-06-02T09:00:00Z",
      },
      {
        scalingActivityId: "asa-demo-web-attach",
        statusCode: "Successful",
        progress: 100,
        description: 'Add "2" ECS instance(s)',
        cause: 'A user requests to attach instances, changing the Total Capacity from "2" to "4".',
        statusMessage: '"2" ECS instances are added.',
        startTime: "2026-06-02T09:00:30Z",
        endTime: "2026-06-02T09:01:00Z",
      },
    ],
  }),
  vpcGroup("asg-demo-api", { maxSize: 40, activeScalingConfigurationId: "asc-demo-api" }),
  vpcGroup("asg-demo-batch", { maxSize: 100 }),
  vpcGroup("asg-demo-worker", {
    maxSize: 60,
    desiredCapacity: 2,
    activeScalingConfigurationId: "asc-demo-worker",
    instances: [
      member(5, "AutoCreated", { scalingConfigurationId: "asc-demo-worker" }),
      member(6, "AutoCreated", { scalingConfigurationId: "asc-demo-worker" }),
    ],
  }),
  vpcGroup("asg-demo-sandbox-1", { maxSize: 100 }),
  vpcGroup("asg-demo-sandbox-2", { maxSize: 100 }),
  vpcGroup("asg-demo-sandbox-3", { maxSize: 100 }),
  {
    scalingGroupId: "asg-demo-classic",
    scalingGroupName: "demo-classic",
    regionId: HZ,
    lifecycleState: "Active",
    minSize: 0,
    maxSize: 20,
    loadBalancerIds: ["lb-demo-classic"],
    creationTime: "2026-06-01T09:00:00Z",
    instances: [
      { instanceId: "i-demo-c001", creationType: "Attached", loadBalancerWeight: 50 },
      { instanceId: "i-demo-c002", creationType: "Attached", loadBalancerWeight: 50 },
    ],
  },
  vpcGroup("asg-demo-inactive", { lifecycleState: "Inactive", maxSize: 10 }),
  vpcGroup("asg-demo-busy", {
    maxSize: 20,
    instances: [member(7), member(8)],
    activities: [
      {
        scalingActivityId: "asa-demo-busy-scaleout",
        statusCode: "InProgress",
        progress: 40,
        description: 'Add "3" ECS instance(s)',
        cause: 'A user requests to execute scaling rule "asr-demo-busy-out", changing the Total Capacity from "2" to "5".',
        startTime: "2026-06-03T10:00:00Z",
      },
    ],
  }),
  vpcGroup("asg-demo-full", { maxSize: 6, instances: range(9, 13).map((n) => member(n)) }),
  vpcGroup("asg-demo-lb-inactive", { maxSize: 20, loadBalancerIds: ["lb-demo-inactive"] }),
  vpcGroup("asg-demo-lb-nohealth", { maxSize: 20, loadBalancerIds: ["lb-demo-nohealth"] }),
  vpcGroup("asg-demo-lb-classic", { maxSize: 20, loadBalancerIds: ["lb-demo-classic"] }),
  vpcGroup("asg-demo-lb-othervpc", { maxSize: 20, loadBalancerIds: ["lb-demo-othervpc"] }),
  vpcGroup("asg-demo-db-stopped", { maxSize: 20, dbInstanceIds: ["rm-demo-stopped"] }),
  vpcGroup("asg-demo-db-full", { maxSize: 20, dbInstanceIds: ["rm-demo-nearfull"] }),
  vpcGroup("asg-demo-sg-full", { maxSize: 20, activeScalingConfigurationId: "asc-demo-sg-full" }),
  {
    scalingGroupId: "asg-demo-sh",
    scalingGroupName: "demo-shanghai",
    regionId: SH,
    lifecycleState: "Active",
    minSize: 0,
    maxSize: 20,
    vSwitchIds: ["vsw-demo-sh-e", "vsw-demo-sh-f"],
    creationTime: "2026-06-01T09:00:00Z",
  },
];

const configuration = (id, scalingGroupId, instanceTypes, securityGroupId, lifecycleState = "Active") => ({
  scalingConfigurationId: id,
  scalingConfigurationName: id.replace(/^asc-/, ""),
  scalingGroupId,
  regionId: HZ,
  lifecycleState,
  instanceTypes,
  securityGroupId,
  imageId: "aliyun_3_x64_20G_alibase_20260601.vhd",
});

const primary = {
  accountId: "1000000000000001",
  name: "demo-primary",
  essAuthorized: true,
  accessKeys: [
    { accessKeyId: "LTAI5tDemoAccessKey0001", accessKeySecret: "demo-secret-0001-do-not-use-in-prod" },
    {
      accessKeyId: "STS.DemoStsKey0001",
      accessKeySecret: "demo-sts-secret-0001-do-not-use-in-prod",
      securityToken: "demo-sts-token-0001-do-not-use-in-prod",
    },
  ],
  resources: {
    vpcs: [
      { vpcId: "vpc-demo-main", regionId: HZ, cidrBlock: "10.0.0.0/16" },
      { vpcId: "vpc-demo-other", regionId: HZ, cidrBlock: "10.1.0.0/16" },
      { vpcId: "vpc-demo-sh", regionId: SH, cidrBlock: "10.2.0.0/16" },
    ],
    vSwitches: [
      { vSwitchId: "vsw-demo-main-h", vpcId: "vpc-demo-main", regionId: HZ, zoneId: "cn-hangzhou-h" },
      { vSwitchId: "vsw-demo-main-i", vpcId: "vpc-demo-main", regionId: HZ, zoneId: "cn-hangzhou-i" },
      { vSwitchId: "vsw-demo-other-h", vpcId: "vpc-demo-other", regionId: HZ, zoneId: "cn-hangzhou-h" },
      { vSwitchId: "vsw-demo-sh-e", vpcId: "vpc-demo-sh", regionId: SH, zoneId: "cn-shanghai-e" },
      { vSwitchId: "vsw-demo-sh-f", vpcId: "vpc-demo-sh", regionId: SH, zoneId: "cn-shanghai-f" },
    ],
    securityGroups: [
      { securityGroupId: "sg-demo-web", regionId: HZ, vpcId: "vpc-demo-main" },
      { securityGroupId: "sg-demo-app", regionId: HZ, vpcId: "vpc-demo-main" },
      { securityGroupId: "sg-demo-nearfull", regionId: HZ, vpcId: "vpc-demo-main", instanceQuota: 10 },
      { securityGroupId: "sg-demo-classic", regionId: HZ },
      { securityGroupId: "sg-demo-other", regionId: HZ, vpcId: "vpc-demo-other" },
      { securityGroupId: "sg-demo-sh", regionId: SH, vpcId: "vpc-demo-sh" },
    ],
    instances: primaryInstances,
    loadBalancers: [
      {
        loadBalancerId: "lb-demo-web",
        loadBalancerName: "demo-web",
        regionId: HZ,
        status: "active",
        healthCheck: "on",
        networkType: "vpc",
        vpcId: "vpc-demo-main",
        backendServers: [
          { serverId: "i-demo-0001", weight: 50 },
          { serverId: "i-demo-0002", weight: 50 },
          { serverId: "i-demo-0003", weight: 80 },
          { serverId: "i-demo-0004", weight: 20 },
        ],
      },
      {
        loadBalancerId: "lb-demo-inactive",
        loadBalancerName: "demo-inactive",
        regionId: HZ,
        status: "inactive",
        healthCheck: "on",
        networkType: "vpc",
        vpcId: "vpc-demo-main",
      },
      {
        loadBalancerId: "lb-demo-nohealth",
        loadBalancerName: "demo-nohealth",
        regionId: HZ,
        status: "active",
        healthCheck: "off",
        networkType: "vpc",
        vpcId: "vpc-demo-main",
      },
      {
        loadBalancerId: "lb-demo-classic",
        loadBalancerName: "demo-classic",
        regionId: HZ,
        status: "active",
        healthCheck: "on",
        networkType: "classic",
        backendServers: [
          { serverId: "i-demo-c001", weight: 50 },
          { serverId: "i-demo-c002", weight: 50 },
        ],
      },
      {
        loadBalancerId: "lb-demo-othervpc",
        loadBalancerName: "demo-othervpc",
        regionId: HZ,
        status: "active",
        healthCheck: "on",
        networkType: "vpc",
        vpcId: "vpc-demo-other",
      },
      {
        loadBalancerId: "lb-demo-locked",
        loadBalancerName: "demo-locked",
        regionId: HZ,
        status: "locked",
        healthCheck: "on",
        networkType: "vpc",
        vpcId: "vpc-demo-main",
      },
    ],
    dbInstances: [
      {
        dbInstanceId: "rm-demo-main",
        regionId: HZ,
        status: "Running",
        engine: "MySQL",
        securityIps: ["127.0.0.1", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"],
      },
      { dbInstanceId: "rm-demo-stopped", regionId: HZ, status: "Stopped", engine: "MySQL", securityIps: ["127.0.0.1"] },
      {
        dbInstanceId: "rm-demo-nearfull",
        regionId: HZ,
        status: "Running",
        engine: "PostgreSQL",
        securityIpQuota: 10,
        securityIps: range(1, 9).map((n) => `192.168.100.${n}`),
      },
    ],
    scalingConfigurations: [
      configuration("asc-demo-web", "asg-demo-web", ["ecs.g7.large", "ecs.c7.large"], "sg-demo-web"),
      configuration("asc-demo-web-previous", "asg-demo-web", ["ecs.g6.xlarge"], "sg-demo-web", "Inactive"),
      configuration("asc-demo-api", "asg-demo-api", ["ecs.g7.large", "ecs.c7.large", "ecs.r7.large"], "sg-demo-app"),
      configuration("asc-demo-worker", "asg-demo-worker", ["ecs.g7.large"], "sg-demo-app"),
      configuration("asc-demo-sg-full", "asg-demo-sg-full", ["ecs.g7.large", "ecs.c7.large"], "sg-demo-nearfull"),
    ],
    scalingGroups: primaryGroups,
  },
};

// ---- account 2: another tenant (isolation) -------------------------------------------------
const secondary = {
  accountId: "1000000000000002",
  name: "demo-secondary",
  accessKeys: [{ accessKeyId: "LTAI5tDemoAccessKey0002", accessKeySecret: "demo-secret-0002-do-not-use-in-prod" }],
  resources: {
    vpcs: [{ vpcId: "vpc-demo-b", regionId: HZ, cidrBlock: "10.8.0.0/16" }],
    vSwitches: [{ vSwitchId: "vsw-demo-b-h", vpcId: "vpc-demo-b", regionId: HZ, zoneId: "cn-hangzhou-h" }],
    securityGroups: [{ securityGroupId: "sg-demo-b", regionId: HZ, vpcId: "vpc-demo-b" }],
    instances: range(1, 10).map((n) =>
      vpcInstance({
        id: `i-demo-b${pad(n, 3)}`,
        n,
        vpcId: "vpc-demo-b",
        vSwitches: [["vsw-demo-b-h", "cn-hangzhou-h"]],
        ipPrefix: "10.8",
        securityGroupIds: ["sg-demo-b"],
      }),
    ),
    scalingGroups: [
      {
        scalingGroupId: "asg-demo-b-web",
        scalingGroupName: "demo-b-web",
        regionId: HZ,
        lifecycleState: "Active",
        minSize: 0,
        maxSize: 10,
        vSwitchIds: ["vsw-demo-b-h"],
        instances: [{ instanceId: "i-demo-b001", creationType: "Attached" }],
      },
    ],
  },
};

// ---- account 3: has not authorized ESS (every ESS call → 403 Forbidden.Unauthorized) ----------
const unauthorized = {
  accountId: "1000000000000003",
  name: "demo-unauthorized",
  essAuthorized: false,
  accessKeys: [{ accessKeyId: "LTAI5tDemoAccessKey0003", accessKeySecret: "demo-secret-0003-do-not-use-in-prod" }],
  resources: {
    vpcs: [{ vpcId: "vpc-demo-c", regionId: HZ, cidrBlock: "10.9.0.0/16" }],
    vSwitches: [{ vSwitchId: "vsw-demo-c-h", vpcId: "vpc-demo-c", regionId: HZ, zoneId: "cn-hangzhou-h" }],
    securityGroups: [{ securityGroupId: "sg-demo-c", regionId: HZ, vpcId: "vpc-demo-c" }],
    instances: range(1, 5).map((n) =>
      vpcInstance({
        id: `i-demo-x${pad(n, 3)}`,
        n,
        vpcId: "vpc-demo-c",
        vSwitches: [["vsw-demo-c-h", "cn-hangzhou-h"]],
        ipPrefix: "10.9",
        securityGroupIds: ["sg-demo-c"],
      }),
    ),
    scalingGroups: [
      {
        scalingGroupId: "asg-demo-c-web",
        scalingGroupName: "demo-c-web",
        regionId: HZ,
        lifecycleState: "Active",
        minSize: 0,
        maxSize: 10,
        vSwitchIds: ["vsw-demo-c-h"],
      },
    ],
  },
};

const world = {
  version: 1,
  description: "The emulator's demo world. Generated by scripts/generate-demo-world.mjs; documented in docs/demo-world.md.",
  regions: [
    { regionId: HZ, zones: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"] },
    { regionId: SH, zones: ["cn-shanghai-e", "cn-shanghai-f"] },
  ],
  accounts: [primary, secondary, unauthorized],
};

// ---- full resource shapes, lifecycle hooks, opt-in extensions (docs/demo-world.md) ----------------
// The gateway's preflight reads SLB HealthCheck and RDS SecurityIPQuota, which only the emulator
// reports: the demo world opts in to both extensions.
world.extensions = { slbHealthCheck: true, rdsSecurityIpQuota: true };
for (const instance of primary.resources.instances) {
  // PrePaid subscriptions of one year from creation; the spot instances bid with a price limit.
  if (instance.chargeType === "PrePaid") instance.expiredTime = "2027-06-01T00:00:00Z";
  if (instance.instanceId === "i-demo-0150")
    Object.assign(instance, { osType: "windows", hostName: "demo-win-0150", tags: [{ key: "os", value: "windows" }] });
}
const webGroup = primary.resources.scalingGroups.find((group) => group.scalingGroupId === "asg-demo-web");
Object.assign(webGroup, {
  removalPolicies: ["OldestInstance", "NewestInstance"],
  healthCheckType: "LOAD_BALANCER",
  multiAZPolicy: "BALANCE",
  groupDeletionProtection: true,
  tags: [
    { key: "team", value: "web" },
    { key: "env", value: "prod" },
  ],
});
primary.resources.scalingGroups.push(
  vpcGroup("asg-demo-hooked", {
    maxSize: 20,
    lifecycleHooks: [
      {
        lifecycleHookId: "ash-demo-hooked-out",
        lifecycleHookName: "demo-hooked-scale-out",
        lifecycleTransition: "SCALE_OUT",
        heartbeatTimeout: 300,
        defaultResult: "CONTINUE",
        notificationMetadata: "warm up the cache before serving",
      },
      {
        lifecycleHookId: "ash-demo-hooked-in",
        lifecycleHookName: "demo-hooked-scale-in",
        lifecycleTransition: "SCALE_IN",
        heartbeatTimeout: 120,
        defaultResult: "CONTINUE",
      },
    ],
  }),
  vpcGroup("asg-demo-hooked-abandon", {
    maxSize: 20,
    lifecycleHooks: [
      {
        lifecycleHookId: "ash-demo-abandon-out",
        lifecycleHookName: "demo-abandon-scale-out",
        lifecycleTransition: "SCALE_OUT",
        heartbeatTimeout: 60,
        defaultResult: "ABANDON",
      },
    ],
  }),
);

// Last, so the indices of the groups above stay stable for the tests that name them.
// DetachInstances guards (docs/demo-world.md, demoDetachCases): at MinSize after one detach, one member on Standby.
primary.resources.scalingGroups.push(
  vpcGroup("asg-demo-detach-guard", {
    minSize: 2,
    maxSize: 10,
    desiredCapacity: 3,
    instances: [member(76), member(77), member(78, "Attached", { lifecycleState: "Standby" })],
  }),
);

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "emulator", "world", "demo-world.json");
writeFileSync(target, `${JSON.stringify(world, null, 2)}\n`);
console.log(`wrote ${target}: ${world.accounts.reduce((n, a) => n + a.resources.instances.length, 0)} instances`);
