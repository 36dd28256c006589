import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import { DomainHarness } from "../../support/emulator-domain.harness";

const HZ = { RegionId: "cn-hangzhou" };

describe("Describe actions: paging, unknown IDs, account isolation", () => {
  let harness: DomainHarness;
  before(async () => {
    harness = await DomainHarness.start({ activity: { mode: "manual" } });
  });
  after(() => harness.close());

  test("DescribeScalingGroups: PageSize defaults to 10 and is capped at 50; PageNumber from 1", async () => {
    const first = await harness.ok("Ess", "DescribeScalingGroups", HZ);
    assert.equal(first.PageNumber, 1);
    assert.equal(first.PageSize, 10);
    assert.equal(first.TotalCount, 21);
    assert.equal(first.ScalingGroups.ScalingGroup.length, 10);
    const second = await harness.ok("Ess", "DescribeScalingGroups", { ...HZ, PageNumber: "2" });
    assert.equal(second.ScalingGroups.ScalingGroup.length, 10);
    const beyond = await harness.ok("Ess", "DescribeScalingGroups", { ...HZ, PageNumber: "9" });
    assert.deepEqual(beyond.ScalingGroups.ScalingGroup, []);
    const all = await harness.ok("Ess", "DescribeScalingGroups", { ...HZ, PageSize: "50" });
    assert.equal(all.ScalingGroups.ScalingGroup.length, 21);
    for (const [name, value] of [
      ["PageSize", "51"],
      ["PageSize", "0"],
      ["PageSize", "abc"],
      ["PageNumber", "0"],
      ["PageNumber", "1.5"],
    ]) {
      const result = await harness.call("Ess", "DescribeScalingGroups", { ...HZ, [name!]: value! });
      assert.equal(result.code, "InvalidParameter", `${name}=${value}`);
      assert.equal(result.statusCode, 400);
      assert.ok(result.message!.includes(`"${name}"`));
    }
    assert.equal((await harness.call("Ess", "DescribeScalingGroups", {})).code, "MissingParameter");
  });

  test("DescribeScalingInstances: PageSize up to 100; filters; unknown IDs dropped", async () => {
    const capped = await harness.call("Ess", "DescribeScalingInstances", { ...HZ, PageSize: "101" });
    assert.equal(capped.code, "InvalidParameter");
    const body = await harness.ok("Ess", "DescribeScalingInstances", { ...HZ, PageSize: "100" });
    assert.equal(body.TotalCount, 18);
    const some = await harness.ok("Ess", "DescribeScalingInstances", {
      ...HZ,
      "InstanceId.1": "i-demo-0001",
      "InstanceId.2": "i-nope",
      "InstanceId.3": "i-demo-b001",
    });
    assert.deepEqual(
      some.ScalingInstances.ScalingInstance.map((row: any) => row.InstanceId),
      ["i-demo-0001"],
    );
    const autoCreated = await harness.ok("Ess", "DescribeScalingInstances", { ...HZ, CreationType: "AutoCreated" });
    assert.equal(autoCreated.TotalCount, 4);
    const bad = await harness.call("Ess", "DescribeScalingInstances", { ...HZ, LifecycleState: "Sleeping" });
    assert.equal(bad.code, "InvalidParameter");
    assert.equal((await harness.ok("Ess", "DescribeScalingInstances", { ...HZ, ScalingGroupId: "asg-nope" })).TotalCount, 0);
  });

  test("DescribeScalingGroups and DescribeScalingConfigurations drop unknown and foreign IDs", async () => {
    const groups = await harness.ok("Ess", "DescribeScalingGroups", {
      ...HZ,
      "ScalingGroupId.1": "asg-demo-web",
      "ScalingGroupId.2": "asg-nope",
      "ScalingGroupId.3": "asg-demo-b-web",
    });
    assert.deepEqual(
      groups.ScalingGroups.ScalingGroup.map((g: any) => g.ScalingGroupId),
      ["asg-demo-web"],
    );
    const configurations = await harness.ok("Ess", "DescribeScalingConfigurations", { ...HZ, ScalingGroupId: "asg-demo-web" });
    assert.deepEqual(
      configurations.ScalingConfigurations.ScalingConfiguration.map((c: any) => [c.ScalingConfigurationId, c.LifecycleState]),
      [
        ["asc-demo-web", "Active"],
        ["asc-demo-web-previous", "Inactive"],
      ],
    );
    assert.deepEqual(configurations.ScalingConfigurations.ScalingConfiguration[0].InstanceTypes.InstanceType, [
      "ecs.g7.large",
      "ecs.c7.large",
    ]);
    const shanghai = await harness.ok("Ess", "DescribeScalingGroups", { RegionId: "cn-shanghai" });
    assert.deepEqual(
      shanghai.ScalingGroups.ScalingGroup.map((g: any) => g.ScalingGroupId),
      ["asg-demo-sh"],
    );
  });

  test("DescribeInstances, PageNumber/PageSize style: defaults 1/10, max 100", async () => {
    const first = await harness.ok("Ecs", "DescribeInstances", HZ);
    assert.equal(first.TotalCount, 205);
    assert.equal(first.PageSize, 10);
    assert.equal(first.Instances.Instance[0].InstanceId, "i-demo-0001");
    const page3 = await harness.ok("Ecs", "DescribeInstances", { ...HZ, PageNumber: "3", PageSize: "100" });
    assert.equal(page3.Instances.Instance.length, 5);
    assert.equal(page3.NextToken, "");
    assert.equal((await harness.call("Ecs", "DescribeInstances", { ...HZ, PageSize: "101" })).code, "InvalidParameter");
  });

  test("DescribeInstances, NextToken/MaxResults style: walks every instance once; MaxResults is clamped to 10..100", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const body: any = await harness.ok("Ecs", "DescribeInstances", { ...HZ, MaxResults: "100", ...(token && { NextToken: token }) });
      seen.push(...body.Instances.Instance.map((i: any) => i.InstanceId));
      assert.equal(body.PageSize, 100);
      token = body.NextToken || undefined;
      pages += 1;
    } while (token && pages < 10);
    assert.equal(pages, 3);
    assert.equal(new Set(seen).size, 205);
    assert.equal(seen.length, 205);
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, MaxResults: "3" })).Instances.Instance.length, 10);
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, MaxResults: "500" })).Instances.Instance.length, 100);
    const badToken = await harness.call("Ecs", "DescribeInstances", { ...HZ, NextToken: "garbage" });
    assert.equal(badToken.code, "InvalidParameter");
    assert.match(badToken.message!, /"NextToken"/);
  });

  test("DescribeInstances: InstanceIds JSON (≤ 100, unknown and foreign dropped, [] empty), filters, bad values", async () => {
    const some = await harness.ok("Ecs", "DescribeInstances", {
      ...HZ,
      InstanceIds: JSON.stringify(["i-demo-0002", "i-nope", "i-demo-b001", "i-demo-s001"]),
    });
    assert.deepEqual(
      some.Instances.Instance.map((i: any) => i.InstanceId),
      ["i-demo-0002"],
    );
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, InstanceIds: "[]" })).TotalCount, 0);
    const tooMany = await harness.call("Ecs", "DescribeInstances", {
      ...HZ,
      InstanceIds: JSON.stringify(Array.from({ length: 101 }, (_, i) => `i-${i}`)),
    });
    assert.equal(tooMany.code, "InvalidParameter");
    assert.equal((await harness.call("Ecs", "DescribeInstances", { ...HZ, InstanceIds: "i-demo-0001" })).code, "InvalidParameter");
    assert.equal((await harness.call("Ecs", "DescribeInstances", { ...HZ, InstanceIds: "[1,2]" })).code, "InvalidParameter");
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, Status: "Stopped" })).TotalCount, 10);
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, InstanceNetworkType: "classic" })).TotalCount, 15);
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, VpcId: "vpc-demo-other" })).TotalCount, 10);
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, InstanceChargeType: "PrePaid" })).TotalCount, 10);
    assert.equal((await harness.ok("Ecs", "DescribeInstances", { ...HZ, SecurityGroupId: "sg-demo-nearfull" })).TotalCount, 9);
    const badStatus = await harness.call("Ecs", "DescribeInstances", { ...HZ, Status: "Sleeping" });
    assert.deepEqual([badStatus.code, badStatus.statusCode], ["InvalidStatus.NotFound", 404]);
    const classic = (await harness.ok("Ecs", "DescribeInstances", { ...HZ, InstanceIds: '["i-demo-c001"]' })).Instances.Instance[0];
    assert.deepEqual(classic.InnerIpAddress.IpAddress, ["172.16.0.2"]);
    assert.equal(classic.InstanceNetworkType, "classic");
  });

  test("DescribeSecurityGroups: counts and quota room; PageSize max 50", async () => {
    const body = await harness.ok("Ecs", "DescribeSecurityGroups", {
      ...HZ,
      SecurityGroupIds: '["sg-demo-nearfull","sg-demo-b","sg-nope"]',
    });
    assert.deepEqual(
      body.SecurityGroups.SecurityGroup.map((group: any) => [
        group.SecurityGroupId,
        group.SecurityGroupName,
        group.VpcId,
        group.EcsCount,
        group.AvailableInstanceAmount,
      ]),
      [["sg-demo-nearfull", "sg-demo-nearfull", "vpc-demo-main", 9, 1]],
    );
    assert.equal((await harness.call("Ecs", "DescribeSecurityGroups", { ...HZ, PageSize: "51" })).code, "InvalidParameter");
  });

  test("another account sees only its own resources; SLB/RDS of another account are not found", async () => {
    const key = DEMO_ACCESS_KEYS.secondary;
    const groups = await harness.ok("Ess", "DescribeScalingGroups", HZ, key);
    assert.deepEqual(
      groups.ScalingGroups.ScalingGroup.map((g: any) => g.ScalingGroupId),
      ["asg-demo-b-web"],
    );
    const instances = await harness.ok("Ecs", "DescribeInstances", { ...HZ, PageSize: "100" }, key);
    assert.equal(instances.TotalCount, 10);
    assert.ok(instances.Instances.Instance.every((i: any) => i.InstanceId.startsWith("i-demo-b")));
    const activities = await harness.ok("Ess", "DescribeScalingActivities", { ...HZ, ScalingGroupId: "asg-demo-web" }, key);
    assert.equal(activities.TotalCount, 0);
    const lb = await harness.call("Slb", "DescribeLoadBalancerAttribute", { ...HZ, LoadBalancerId: "lb-demo-web" }, key);
    assert.deepEqual([lb.code, lb.statusCode], ["InvalidLoadBalancerId.NotFound", 404]);
    const db = await harness.call("Rds", "DescribeDBInstanceAttribute", { DBInstanceId: "rm-demo-main" }, key);
    assert.deepEqual([db.code, db.statusCode], ["InvalidDBInstanceId.NotFound", 404]);
    const detach = await harness.call(
      "Ess",
      "DetachInstances",
      { ...HZ, ScalingGroupId: "asg-demo-web", "InstanceId.1": "i-demo-0001" },
      key,
    );
    assert.deepEqual([detach.code, detach.statusCode], ["InvalidScalingGroupId.NotFound", 404]);
  });

  test("SLB and RDS attributes", async () => {
    const lb = await harness.ok("Slb", "DescribeLoadBalancerAttribute", { ...HZ, LoadBalancerId: "lb-demo-nohealth" });
    assert.equal(lb.HealthCheck, "off");
    assert.equal(lb.LoadBalancerStatus, "active");
    const wrongRegion = await harness.call("Slb", "DescribeLoadBalancerAttribute", {
      RegionId: "cn-shanghai",
      LoadBalancerId: "lb-demo-web",
    });
    assert.equal(wrongRegion.code, "InvalidLoadBalancerId.NotFound");
    const db = await harness.ok("Rds", "DescribeDBInstanceAttribute", { DBInstanceId: "rm-demo-nearfull" });
    const attribute = db.Items.DBInstanceAttribute[0];
    assert.deepEqual(
      [attribute.DBInstanceId, attribute.DBInstanceStatus, attribute.RegionId, attribute.Engine, attribute.SecurityIPQuota],
      ["rm-demo-nearfull", "Running", "cn-hangzhou", "PostgreSQL", 10],
      "the demo world opts in to the SecurityIPQuota extension",
    );
    assert.equal((await harness.call("Rds", "DescribeDBInstanceAttribute", {})).code, "MissingParameter");
  });
});
