import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { RunningEmulator } from "../../src/emulator/emulator-core.types";
import type { EssUpstream } from "../../src/upstream/upstream.types";
import { emulatorConfig, startTestEmulator, testClient } from "../support/upstream-test.harness";
import { TEST_KEYS, TEST_REGION } from "../support/upstream-test.world";

/** Collects cleanups registered while a suite's `before` hook runs, and runs them when the suite ends. */
function suiteCleanup() {
  const tasks: Array<() => Promise<void>> = [];
  after(async () => {
    for (const task of tasks.reverse()) await task();
  });
  return { after: (task: () => Promise<void>) => void tasks.push(task) };
}

for (const signatureVersion of ["v3", "v1"] as const) {
  describe(`every method maps the emulator's answers (signature ${signatureVersion})`, () => {
    let emulator: RunningEmulator;
    let upstream: EssUpstream;
    const cleanup = suiteCleanup();

    before(async () => {
      emulator = await startTestEmulator(cleanup);
      ({ upstream } = testClient(cleanup, emulatorConfig(emulator, { signatureVersion })));
    });

    test("describeScalingGroups unwraps the list and parses every field", async () => {
      const page = await upstream.describeScalingGroups({ regionId: TEST_REGION, scalingGroupIds: ["asg-test1", "asg-nope"] });
      assert.equal(page.totalCount, 1);
      assert.equal(page.pageNumber, 1);
      assert.equal(page.items.length, 1);
      const group = page.items[0];
      assert.deepEqual(
        {
          scalingGroupId: group.scalingGroupId,
          scalingGroupName: group.scalingGroupName,
          regionId: group.regionId,
          lifecycleState: group.lifecycleState,
          minSize: group.minSize,
          maxSize: group.maxSize,
          desiredCapacity: group.desiredCapacity,
          totalCapacity: group.totalCapacity,
          defaultCooldown: group.defaultCooldown,
          vpcId: group.vpcId,
          vSwitchIds: group.vSwitchIds,
          loadBalancerIds: group.loadBalancerIds,
          dbInstanceIds: group.dbInstanceIds,
          activeScalingConfigurationId: group.activeScalingConfigurationId,
          tags: group.tags,
        },
        {
          scalingGroupId: "asg-test1",
          scalingGroupName: "upstream-test-group",
          regionId: "cn-hangzhou",
          lifecycleState: "Active",
          minSize: 0,
          maxSize: 10,
          desiredCapacity: 1,
          totalCapacity: 1,
          defaultCooldown: 300,
          vpcId: "vpc-test1",
          vSwitchIds: ["vsw-test1"],
          loadBalancerIds: ["lb-test1"],
          dbInstanceIds: ["rm-test1"],
          activeScalingConfigurationId: "asc-test1",
          tags: [{ key: "team", value: "payments" }],
        },
      );
      assert.equal(typeof group.creationTime, "string");

      const all = await upstream.describeScalingGroups({ regionId: TEST_REGION, pageSize: 50 });
      assert.deepEqual(all.items.map((g) => g.scalingGroupId).sort(), ["asg-busy1", "asg-test1"]);
      const busy = all.items.find((g) => g.scalingGroupId === "asg-busy1");
      assert.equal(busy?.desiredCapacity, null, "an unset DesiredCapacity is absent on the wire and null here");
      assert.deepEqual(busy?.loadBalancerIds, []);
      assert.deepEqual(busy?.tags, [], "a group without tags maps to an empty list");
    });

    test("describeScalingInstances", async () => {
      const page = await upstream.describeScalingInstances({ regionId: TEST_REGION, scalingGroupId: "asg-test1" });
      assert.equal(page.totalCount, 1);
      const [instance] = page.items;
      assert.equal(instance.instanceId, "i-member1");
      assert.equal(instance.scalingGroupId, "asg-test1");
      assert.equal(instance.scalingConfigurationId, "asc-test1");
      assert.equal(instance.lifecycleState, "InService");
      assert.equal(instance.healthStatus, "Healthy");
      assert.equal(instance.creationType, "AutoCreated");
      assert.equal(instance.entrusted, true);
      assert.equal(instance.loadBalancerWeight, 50);
      assert.equal(instance.zoneId, "cn-hangzhou-h");
      assert.equal(typeof instance.createdTime, "string");

      const byId = await upstream.describeScalingInstances({ regionId: TEST_REGION, instanceIds: ["i-member1", "i-free1"] });
      assert.deepEqual(
        byId.items.map((i) => i.instanceId),
        ["i-member1"],
      );
    });

    test("describeScalingActivities parses the string capacities", async () => {
      const page = await upstream.describeScalingActivities({ regionId: TEST_REGION, scalingGroupId: "asg-test1" });
      assert.equal(page.totalCount, 1);
      const [activity] = page.items;
      assert.equal(activity.scalingActivityId, "asa-past1");
      assert.equal(activity.statusCode, "Successful");
      assert.equal(activity.progress, 100);
      assert.equal(activity.description, 'Add "1" ECS instance');
      assert.equal(activity.statusMessage, '"1" ECS instances are added');
      assert.equal(typeof activity.startTime, "string");
      assert.equal(typeof activity.endTime, "string");

      const busy = await upstream.describeScalingActivities({ regionId: TEST_REGION, scalingActivityIds: ["asa-external1"] });
      assert.equal(busy.items[0].statusCode, "InProgress");
      assert.equal(busy.items[0].endTime, null);
    });

    test("describeScalingConfigurations", async () => {
      const page = await upstream.describeScalingConfigurations({ regionId: TEST_REGION, scalingGroupId: "asg-test1" });
      assert.deepEqual(page.items, [
        {
          scalingConfigurationId: "asc-test1",
          scalingConfigurationName: "upstream-config",
          scalingGroupId: "asg-test1",
          lifecycleState: "Active",
          instanceTypes: ["ecs.g7.large", "ecs.g7.xlarge"],
          securityGroupId: "sg-test1",
          imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
        },
      ]);
    });

    test("describeInstances sends one JSON array and maps VPC and classic instances", async () => {
      const result = await upstream.describeInstances({ regionId: TEST_REGION, instanceIds: ["i-free1", "i-classic1", "i-missing"] });
      assert.equal(result.totalCount, 2);
      assert.equal(result.nextToken, null);
      const byId = new Map(result.items.map((instance) => [instance.instanceId, instance]));
      assert.deepEqual(byId.get("i-free1"), {
        instanceId: "i-free1",
        instanceName: "i-free1-name",
        regionId: "cn-hangzhou",
        zoneId: "cn-hangzhou-h",
        status: "Running",
        instanceType: "ecs.g7.large",
        networkType: "vpc",
        vpcId: "vpc-test1",
        vSwitchId: "vsw-test1",
        privateIp: "10.0.0.21",
        chargeType: "PostPaid",
        securityGroupIds: ["sg-test1"],
      });
      const classic = byId.get("i-classic1");
      assert.equal(classic?.networkType, "classic");
      assert.equal(classic?.vpcId, null);
      assert.equal(classic?.privateIp, "10.10.0.5");
      assert.equal(classic?.chargeType, "PrePaid");
    });

    test("describeInstances pages with NextToken when asked for fewer results", async () => {
      const ids = ["i-member1", "i-free1", "i-free2", "i-free3", "i-free4", "i-stopped1", "i-classic1"];
      const all = await upstream.describeInstances({ regionId: TEST_REGION, instanceIds: ids });
      assert.equal(all.items.length, 7, "by default one call returns every requested instance");
      assert.equal(all.nextToken, null);
    });

    test("describeInstances and describeSecurityGroups with no IDs answer empty without a call", async () => {
      emulator.control.resetCallCounts();
      assert.deepEqual(await upstream.describeInstances({ regionId: TEST_REGION, instanceIds: [] }), {
        items: [],
        totalCount: 0,
        nextToken: null,
      });
      assert.deepEqual(await upstream.describeSecurityGroups({ regionId: TEST_REGION, securityGroupIds: [] }), []);
      assert.deepEqual(emulator.control.callCounts(), {});
    });

    test("describeSecurityGroups reports membership and remaining capacity", async () => {
      const groups = await upstream.describeSecurityGroups({ regionId: TEST_REGION, securityGroupIds: ["sg-test1", "sg-classic1"] });
      const byId = new Map(groups.map((group) => [group.securityGroupId, group]));
      // sg-test1: 6 VPC instances of a quota of 50.
      assert.deepEqual(byId.get("sg-test1"), { securityGroupId: "sg-test1", vpcId: "vpc-test1", ecsCount: 6, availableInstanceAmount: 44 });
      assert.equal(byId.get("sg-classic1")?.vpcId, null);
      assert.equal(byId.get("sg-classic1")?.ecsCount, 1);
    });

    test("describeLoadBalancerAttribute", async () => {
      const lb = await upstream.describeLoadBalancerAttribute({ regionId: TEST_REGION, loadBalancerId: "lb-test1" });
      assert.deepEqual(lb, {
        loadBalancerId: "lb-test1",
        loadBalancerName: "upstream-lb",
        status: "active",
        healthCheck: "on",
        networkType: "vpc",
        vpcId: "vpc-test1",
        backendServers: [{ serverId: "i-member1", weight: 50 }],
      });
    });

    test("describeDbInstance combines the attribute and the IP arrays", async () => {
      const db = await upstream.describeDbInstance({ regionId: TEST_REGION, dbInstanceId: "rm-test1" });
      assert.equal(db.dbInstanceId, "rm-test1");
      assert.equal(db.status, "Running");
      assert.equal(db.engine, "MySQL");
      assert.deepEqual([...db.securityIps].sort(), ["10.0.0.11", "192.168.1.0/24"]);
      assert.equal(db.securityIpQuota, 100);
    });

    test("attachInstances sends InstanceId.N / LoadBalancerWeight.N and returns the activity; detach likewise", async () => {
      const clientToken = `attach-${signatureVersion}-1`;
      const outcome = await upstream.attachInstances({
        regionId: TEST_REGION,
        scalingGroupId: "asg-test1",
        instances: [{ instanceId: "i-free1", loadBalancerWeight: 30 }, { instanceId: "i-free2" }],
        clientToken,
      });
      assert.match(outcome.scalingActivityId, /^asa-/);
      assert.equal(outcome.clientToken, clientToken);
      assert.equal(typeof outcome.requestId, "string");

      const activities = await upstream.describeScalingActivities({
        regionId: TEST_REGION,
        scalingActivityIds: [outcome.scalingActivityId],
      });
      assert.equal(activities.items[0].scalingGroupId, "asg-test1");
      assert.equal(activities.items[0].totalCapacity, 3, "TotalCapacity arrives as a string and is parsed");

      emulator.control.advanceClock(60_000);
      const members = await upstream.describeScalingInstances({ regionId: TEST_REGION, instanceIds: ["i-free1", "i-free2"] });
      const weights = Object.fromEntries(members.items.map((m) => [m.instanceId, m.loadBalancerWeight]));
      assert.deepEqual(weights, { "i-free1": 30, "i-free2": 50 }, "weight N goes with instance N; the missing one is 50");
      assert.equal(members.items[0].creationType, "Attached");
      assert.equal(members.items[0].entrusted, false);

      const detached = await upstream.detachInstances({
        regionId: TEST_REGION,
        scalingGroupId: "asg-test1",
        instanceIds: ["i-free1", "i-free2"],
        decreaseDesiredCapacity: false,
        clientToken: `detach-${signatureVersion}-1`,
      });
      assert.match(detached.scalingActivityId, /^asa-/);
      emulator.control.advanceClock(60_000);
    });

    test("the same ClientToken twice returns the same activity (idempotence is end to end)", async () => {
      const command = {
        regionId: TEST_REGION,
        scalingGroupId: "asg-test1",
        instances: [{ instanceId: "i-free3" }],
        clientToken: `attach-${signatureVersion}-twice`,
      };
      const first = await upstream.attachInstances(command);
      const second = await upstream.attachInstances(command);
      assert.equal(second.scalingActivityId, first.scalingActivityId);
      assert.notEqual(second.requestId, first.requestId);
      emulator.control.advanceClock(60_000);
    });
  });
}

describe("caller bugs are RangeErrors, not upstream errors, and nothing is sent", () => {
  test("more IDs than one call takes, or no ClientToken", async (t) => {
    const emulator = await startTestEmulator(t);
    const { upstream } = testClient(t, emulatorConfig(emulator));
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-${i}`);
    await assert.rejects(upstream.describeScalingInstances({ regionId: TEST_REGION, instanceIds: ids(21) }), RangeError);
    await assert.rejects(upstream.describeScalingGroups({ regionId: TEST_REGION, scalingGroupIds: ids(21) }), RangeError);
    await assert.rejects(upstream.describeInstances({ regionId: TEST_REGION, instanceIds: ids(101) }), RangeError);
    await assert.rejects(upstream.describeSecurityGroups({ regionId: TEST_REGION, securityGroupIds: ids(101) }), RangeError);
    await assert.rejects(
      upstream.attachInstances({
        regionId: TEST_REGION,
        scalingGroupId: "asg-test1",
        instances: ids(21).map((instanceId) => ({ instanceId })),
        clientToken: "t",
      }),
      RangeError,
    );
    await assert.rejects(
      upstream.attachInstances({
        regionId: TEST_REGION,
        scalingGroupId: "asg-test1",
        instances: [{ instanceId: "i-free1" }],
        clientToken: "",
      }),
      RangeError,
    );
    assert.deepEqual(emulator.control.callCounts(), {});
  });

  test("an STS key (security token) signs with both versions", async (t) => {
    const emulator = await startTestEmulator(t);
    for (const signatureVersion of ["v3", "v1"] as const) {
      const { upstream } = testClient(
        t,
        emulatorConfig(emulator, { signatureVersion, credentials: { kind: "accessKey", ...TEST_KEYS.sts } }),
      );
      const page = await upstream.describeScalingGroups({ regionId: TEST_REGION, scalingGroupIds: ["asg-test1"] });
      assert.equal(page.items[0].scalingGroupId, "asg-test1");
    }
  });
});
