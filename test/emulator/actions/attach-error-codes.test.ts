import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DEMO_ACCESS_KEYS,
  demoAttachCases,
  demoAttachParams,
  demoCleanAttachCases,
  type DemoAttachCall,
} from "../../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import type { WorldFile } from "../../../src/emulator/world/world.types";
import { DomainHarness, attachParams, type Key } from "../../support/emulator-domain.harness";

const ALL_KEYS: Key[] = Object.values(DEMO_ACCESS_KEYS);
const keyOf = (call: DemoAttachCall): Key =>
  ALL_KEYS.find((key) => key.accessKeyId === (call.accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId))!;

/** The 19 codes of the spec's error table, plus IdempotentParameterMismatch. */
const SPEC_CODES = [
  "InvalidScalingGroupId.NotFound",
  "Forbidden.Unauthorized",
  "IncorrectScalingGroupStatus",
  "InvalidInstanceId.NotFound",
  "InvalidInstanceId.RegionMismatch",
  "InvalidInstanceId.InstanceTypeMismatch",
  "IncorrectInstanceStatus",
  "InvalidInstanceId.NetworkTypeMismatch",
  "InvalidInstanceId.VPCMismatch",
  "InvalidInstanceId.InUse",
  "ScalingActivityInProgress",
  "IncorrectLoadBalancerStatus",
  "IncorrectLoadBalancerHealthCheck",
  "InvalidLoadBalancerId.IncorrectInstanceNetworkType",
  "InvalidLoadBalancerId.VPCMismatch",
  "IncorrectDBInstanceStatus",
  "QuotaExceeded.DBInstanceSecurityIP",
  "QuotaExceeded.SecurityGroupInstance",
  "IncorrectCapacity.MaxSize",
  "IdempotentParameterMismatch",
];

describe("AttachInstances error codes against the demo world (real openapi-client, real HTTP)", () => {
  let harness: DomainHarness;
  before(async () => {
    harness = await DomainHarness.start();
  });
  after(() => harness.close());

  test("the case table covers every spec code, the Entrusted/PrePaid rule and parameter errors", () => {
    const codes = new Set(demoAttachCases.map((entry) => entry.code));
    for (const code of SPEC_CODES) assert.ok(codes.has(code), `no demo case for ${code}`);
    assert.ok(demoAttachCases.some((entry) => entry.code === "InvalidParameter" && entry.params?.Entrusted === "true"));
    assert.ok(codes.has("MissingParameter"));
  });

  for (const entry of demoAttachCases) {
    test(`${entry.code}: ${entry.reason}`, async () => {
      harness.emulator.control.reset();
      if (entry.precedingCall) {
        const first = await harness.call("Ess", "AttachInstances", demoAttachParams(entry.precedingCall), keyOf(entry.precedingCall));
        assert.equal(first.statusCode, 200, `preceding call failed: ${first.code}`);
      }
      const result = await harness.call("Ess", "AttachInstances", demoAttachParams(entry), keyOf(entry));
      assert.equal(result.code, entry.code, result.message);
      assert.equal(result.statusCode, entry.httpStatus);
      assert.equal(typeof result.body.RequestId, "string");
    });
  }

  test("instance messages name the instance as the spec does", async () => {
    harness.emulator.control.reset();
    const result = await harness.call("Ess", "AttachInstances", attachParams("asg-demo-api", ["i-demo-0404"]));
    assert.equal(result.code, "InvalidInstanceId.NotFound");
    assert.equal(result.message, 'Instance "i-demo-0404" does not exist.');
    const db = await harness.call("Ess", "AttachInstances", attachParams("asg-demo-db-stopped", ["i-demo-0030"]));
    assert.equal(db.message, 'The current status of DB instance "rm-demo-stopped" does not support this action.');
  });

  test("an error case changes nothing: the group, its instances and activities stay as they were", async () => {
    harness.emulator.control.reset();
    const before = await harness.group("asg-demo-full");
    await harness.call("Ess", "AttachInstances", attachParams("asg-demo-full", ["i-demo-0092", "i-demo-0093"]));
    assert.deepEqual(await harness.group("asg-demo-full"), before);
    const instances = await harness.ok("Ess", "DescribeScalingInstances", { RegionId: "cn-hangzhou", "InstanceId.1": "i-demo-0092" });
    assert.equal(instances.TotalCount, 0);
  });

  test("every clean case succeeds with a ScalingActivityId", async () => {
    harness.emulator.control.reset();
    for (const entry of demoCleanAttachCases) {
      const result = await harness.call("Ess", "AttachInstances", demoAttachParams(entry), keyOf(entry));
      assert.equal(result.statusCode, 200, `${entry.scalingGroupId}: ${result.code} ${result.message}`);
      assert.match(result.body.ScalingActivityId, /^asa-[a-z0-9]{20}$/);
    }
    harness.emulator.control.advanceClock(3000);
    for (const entry of demoCleanAttachCases) {
      const group = await harness.group(entry.scalingGroupId, entry.regionId);
      assert.equal(group.PendingCapacity, 0, entry.scalingGroupId);
    }
  });

  test("Forbidden.Unauthorized answers every ESS action of that account, but ECS still works", async () => {
    const key = DEMO_ACCESS_KEYS.unauthorized;
    for (const [action, params] of [
      ["DescribeScalingGroups", { RegionId: "cn-hangzhou" }],
      ["DescribeScalingInstances", { RegionId: "cn-hangzhou" }],
      ["DescribeScalingActivities", { RegionId: "cn-hangzhou", ScalingGroupId: "asg-demo-c-web" }],
      ["DescribeScalingConfigurations", { RegionId: "cn-hangzhou" }],
      ["DetachInstances", { RegionId: "cn-hangzhou", ScalingGroupId: "asg-demo-c-web", "InstanceId.1": "i-demo-x001" }],
    ] as const) {
      const result = await harness.call("Ess", action, params, key);
      assert.equal(result.code, "Forbidden.Unauthorized", action);
      assert.equal(result.statusCode, 403);
    }
    const ecs = await harness.ok("Ecs", "DescribeInstances", { RegionId: "cn-hangzhou" }, key);
    assert.equal(ecs.TotalCount, 5);
  });

  test("an STS key of the demo world works with its security token", async () => {
    const body = await harness.ok(
      "Ess",
      "DescribeScalingGroups",
      { RegionId: "cn-hangzhou", "ScalingGroupId.1": "asg-demo-web" },
      DEMO_ACCESS_KEYS.primarySts,
    );
    assert.equal(body.TotalCount, 1);
  });
});

describe("AttachInstances error codes in small crafted worlds", () => {
  let harness: DomainHarness;
  before(async () => {
    harness = await DomainHarness.start({ world: craftedWorld() });
  });
  after(() => harness.close());

  test("checks run in contract order: group status wins over a bad load balancer and a bad instance", async () => {
    const result = await harness.call("Ess", "AttachInstances", attachParams("asg-t-inactive", ["i-t-stopped"]));
    assert.equal(result.code, "IncorrectScalingGroupStatus");
  });

  test("load balancer checks come before DB checks, which come before instance checks", async () => {
    assert.equal(
      (await harness.call("Ess", "AttachInstances", attachParams("asg-t-lb-and-db", ["i-t-stopped"]))).code,
      "IncorrectLoadBalancerHealthCheck",
    );
    assert.equal(
      (await harness.call("Ess", "AttachInstances", attachParams("asg-t-db", ["i-t-stopped"]))).code,
      "IncorrectDBInstanceStatus",
    );
  });

  test("instances are checked in request order, all checks of one before the next", async () => {
    const first = await harness.call("Ess", "AttachInstances", attachParams("asg-t-open", ["i-t-stopped", "i-t-missing"]));
    assert.equal(first.code, "IncorrectInstanceStatus");
    const second = await harness.call("Ess", "AttachInstances", attachParams("asg-t-open", ["i-t-missing", "i-t-stopped"]));
    assert.equal(second.code, "InvalidInstanceId.NotFound");
    assert.equal(second.statusCode, 404);
  });

  test("MaxSize is checked before the security-group and whitelist quotas", async () => {
    const result = await harness.call("Ess", "AttachInstances", attachParams("asg-t-tiny", ["i-t-1", "i-t-2"]));
    assert.equal(result.code, "IncorrectCapacity.MaxSize");
    const quota = await harness.call("Ess", "AttachInstances", attachParams("asg-t-tiny", ["i-t-1"]));
    assert.equal(quota.code, "QuotaExceeded.SecurityGroupInstance");
  });

  test("IgnoreInvalidInstance with no valid instance left returns the first instance error", async () => {
    const result = await harness.call(
      "Ess",
      "AttachInstances",
      attachParams("asg-t-open", ["i-t-missing", "i-t-stopped"], { IgnoreInvalidInstance: "true" }),
    );
    assert.equal(result.code, "InvalidInstanceId.NotFound");
  });

  test("parameter errors name the parameter", async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ RegionId: "cn-hangzhou", "InstanceId.1": "i-t-1" }, "MissingParameter", "ScalingGroupId"],
      [attachParams("asg-t-open", ["i-t-1"], { "InstanceId.21": "i-t-2" }), "InvalidParameter", "InstanceId.21"],
      [attachParams("asg-t-open", ["i-t-1", "i-t-1"]), "InvalidParameter", "InstanceId.2"],
      [attachParams("asg-t-open", ["i-t-1"], { "LoadBalancerWeight.2": "10" }), "InvalidParameter", "LoadBalancerWeight.2"],
      [attachParams("asg-t-open", ["i-t-1"], { "LoadBalancerWeight.1": "abc" }), "InvalidParameter", "LoadBalancerWeight.1"],
      [attachParams("asg-t-open", ["i-t-1"], { Entrusted: "yes" }), "InvalidParameter", "Entrusted"],
      [attachParams("asg-t-open", ["i-t-1"], { ClientToken: "x".repeat(65) }), "InvalidParameter", "ClientToken"],
      [attachParams("asg-t-open", ["i-t-1"], { ClientToken: "tök" }), "InvalidParameter", "ClientToken"],
      [{ RegionId: "cn-hangzhou", ScalingGroupId: "asg-t-open", "InstanceId.2": "i-t-1" }, "MissingParameter", "InstanceId.1"],
    ];
    for (const [params, code, name] of cases) {
      const result = await harness.call("Ess", "AttachInstances", params);
      assert.equal(result.code, code, JSON.stringify(params));
      assert.equal(result.statusCode, 400);
      assert.ok(result.message!.includes(`"${name}"`), `${result.message} should name ${name}`);
    }
    const many: Record<string, string> = attachParams(
      "asg-t-open",
      Array.from({ length: 21 }, (_, i) => `i-t-${i}`),
    );
    assert.equal((await harness.call("Ess", "AttachInstances", many)).code, "InvalidParameter");
  });

  test("a group given with another RegionId is not found", async () => {
    const result = await harness.call("Ess", "AttachInstances", attachParams("asg-t-open", ["i-t-1"], {}, "cn-shanghai"));
    assert.equal(result.code, "InvalidScalingGroupId.NotFound");
  });
});

/** A small world whose groups each combine several problems, to pin the order of the checks. */
function craftedWorld(): WorldFile {
  const instance = (instanceId: string, status: "Running" | "Stopped" = "Running", ip = "10.5.0.1") => ({
    instanceId,
    regionId: "cn-hangzhou",
    zoneId: "cn-hangzhou-h",
    status,
    networkType: "vpc" as const,
    vpcId: "vpc-t",
    vSwitchId: "vsw-t",
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid" as const,
    securityGroupIds: ["sg-t"],
    privateIp: ip,
  });
  const group = (scalingGroupId: string, extra: Record<string, unknown> = {}) => ({
    scalingGroupId,
    scalingGroupName: scalingGroupId.slice(4),
    regionId: "cn-hangzhou",
    lifecycleState: "Active" as const,
    minSize: 0,
    maxSize: 10,
    vSwitchIds: ["vsw-t"],
    ...extra,
  });
  return {
    version: 1,
    regions: [
      { regionId: "cn-hangzhou", zones: ["cn-hangzhou-h"] },
      { regionId: "cn-shanghai", zones: ["cn-shanghai-e"] },
    ],
    accounts: [
      {
        accountId: "42",
        accessKeys: [{ accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId, accessKeySecret: DEMO_ACCESS_KEYS.primary.accessKeySecret }],
        resources: {
          vpcs: [{ vpcId: "vpc-t", regionId: "cn-hangzhou" }],
          vSwitches: [{ vSwitchId: "vsw-t", vpcId: "vpc-t", regionId: "cn-hangzhou", zoneId: "cn-hangzhou-h" }],
          securityGroups: [
            { securityGroupId: "sg-t", regionId: "cn-hangzhou", vpcId: "vpc-t" },
            { securityGroupId: "sg-t-full", regionId: "cn-hangzhou", vpcId: "vpc-t", instanceQuota: 1 },
          ],
          instances: [
            instance("i-t-1", "Running", "10.5.0.1"),
            instance("i-t-2", "Running", "10.5.0.2"),
            instance("i-t-stopped", "Stopped", "10.5.0.3"),
            instance("i-t-member", "Running", "10.5.0.4"),
          ].map((entry) => (entry.instanceId === "i-t-member" ? { ...entry, securityGroupIds: ["sg-t-full"] } : entry)),
          loadBalancers: [
            {
              loadBalancerId: "lb-t-off",
              regionId: "cn-hangzhou",
              status: "active",
              healthCheck: "off",
              networkType: "vpc",
              vpcId: "vpc-t",
            },
          ],
          dbInstances: [{ dbInstanceId: "rm-t-stopped", regionId: "cn-hangzhou", status: "Stopped" }],
          scalingConfigurations: [
            {
              scalingConfigurationId: "asc-t-tiny",
              scalingGroupId: "asg-t-tiny",
              regionId: "cn-hangzhou",
              lifecycleState: "Active",
              instanceTypes: ["ecs.g7.large"],
              securityGroupId: "sg-t-full",
            },
          ],
          scalingGroups: [
            group("asg-t-inactive", { lifecycleState: "Inactive", loadBalancerIds: ["lb-t-off"] }),
            group("asg-t-lb-and-db", { loadBalancerIds: ["lb-t-off"], dbInstanceIds: ["rm-t-stopped"] }),
            group("asg-t-db", { dbInstanceIds: ["rm-t-stopped"] }),
            group("asg-t-open"),
            group("asg-t-tiny", { maxSize: 1, activeScalingConfigurationId: "asc-t-tiny" }),
          ],
        },
      },
    ],
  };
}

// The demo world itself must always be valid (the cases above depend on it).
test("the shipped demo world validates", () => {
  const world = loadDemoWorld();
  assert.equal(world.accounts[0]!.accessKeys[0]!.accessKeyId, "LTAI5tDemoAccessKey0001");
  assert.equal(world.regions[0]!.regionId, "cn-hangzhou");
});
