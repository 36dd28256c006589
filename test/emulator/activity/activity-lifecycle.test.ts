import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { after, before, beforeEach, describe, test } from "node:test";
import { createEmulatorCore } from "../../../src/emulator/core";
import { EmulatorApiError, type ActionRequest, type Product } from "../../../src/emulator/emulator-core.types";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { DomainHarness, attachParams } from "../../support/emulator-domain.harness";

describe("attach activity lifecycle (manual timing, over HTTP)", () => {
  let harness: DomainHarness;
  before(async () => {
    harness = await DomainHarness.start({ activity: { mode: "manual" } });
  });
  beforeEach(() => harness.emulator.control.reset());
  after(() => harness.close());

  test("InProgress → Successful: progress, Pending → InService, SLB weights, RDS whitelist, security group, capacity", async () => {
    const sgBefore = await harness.ok("Ecs", "DescribeSecurityGroups", { RegionId: "cn-hangzhou", SecurityGroupIds: '["sg-demo-web"]' });
    assert.equal(sgBefore.SecurityGroups.SecurityGroup[0].EcsCount, 0);

    const { ScalingActivityId: id } = await harness.ok(
      "Ess",
      "AttachInstances",
      attachParams("asg-demo-web", ["i-demo-0014", "i-demo-0015"], { "LoadBalancerWeight.1": "30", "LoadBalancerWeight.2": "70" }),
    );
    let activity = await harness.activity(id);
    assert.equal(activity.StatusCode, "InProgress");
    assert.equal(activity.Progress, 0);
    assert.equal(activity.Description, 'Add "2" ECS instance(s)');
    assert.equal(activity.Cause, 'A user requests to attach instances, changing the Total Capacity from "4" to "6".');
    assert.equal(activity.EndTime, undefined);
    assert.equal(activity.TotalCapacity, "6");
    assert.equal(activity.ScalingInstanceNumber, 2);

    let group = await harness.group("asg-demo-web");
    assert.equal(group.TotalCapacity, 6);
    assert.equal(group.PendingCapacity, 2);
    assert.equal(group.ActiveCapacity, 4);
    assert.equal(group.DesiredCapacity, 6);
    const pending = (await harness.scalingInstances("asg-demo-web")).filter((row) => row.ScalingActivityId === id);
    assert.deepEqual(
      pending.map((row) => [row.InstanceId, row.LifecycleState, row.LoadBalancerWeight, row.CreationType, row.Entrusted]),
      [
        ["i-demo-0014", "Pending", 30, "Attached", false],
        ["i-demo-0015", "Pending", 70, "Attached", false],
      ],
    );
    let lb = await harness.ok("Slb", "DescribeLoadBalancerAttribute", { RegionId: "cn-hangzhou", LoadBalancerId: "lb-demo-web" });
    assert.equal(lb.BackendServers.BackendServer.length, 4, "backends join only when the activity ends");

    harness.emulator.control.advanceClock(1500);
    activity = await harness.activity(id);
    assert.equal(activity.StatusCode, "InProgress");
    assert.equal(activity.Progress, 50);

    harness.emulator.control.advanceClock(1500);
    activity = await harness.activity(id);
    assert.equal(activity.StatusCode, "Successful");
    assert.equal(activity.Progress, 100);
    assert.match(activity.EndTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(activity.StatusMessage, '"2" ECS instances are added.');

    group = await harness.group("asg-demo-web");
    assert.equal(group.ActiveCapacity, 6);
    assert.equal(group.PendingCapacity, 0);
    lb = await harness.ok("Slb", "DescribeLoadBalancerAttribute", { RegionId: "cn-hangzhou", LoadBalancerId: "lb-demo-web" });
    const weights = Object.fromEntries(lb.BackendServers.BackendServer.map((server: any) => [server.ServerId, server.Weight]));
    assert.equal(weights["i-demo-0014"], 30);
    assert.equal(weights["i-demo-0015"], 70);
    const ips = await harness.ok("Rds", "DescribeDBInstanceIPArrayList", { DBInstanceId: "rm-demo-main" });
    const whitelist = ips.Items.DBInstanceIPArray[0].SecurityIPList.split(",");
    assert.ok(whitelist.includes("10.0.0.16") && whitelist.includes("10.0.0.17"), whitelist.join(","));
    const instances = await harness.ok("Ecs", "DescribeInstances", { RegionId: "cn-hangzhou", InstanceIds: '["i-demo-0014"]' });
    assert.deepEqual(instances.Instances.Instance[0].SecurityGroupIds.SecurityGroupId, ["sg-demo-app", "sg-demo-web"]);
    const sgAfter = await harness.ok("Ecs", "DescribeSecurityGroups", { RegionId: "cn-hangzhou", SecurityGroupIds: '["sg-demo-web"]' });
    assert.equal(sgAfter.SecurityGroups.SecurityGroup[0].EcsCount, 2);
  });

  test("LifecycleHook=true on a group without a scale-out hook: no Pending:Wait, straight to Pending then InService", async () => {
    const { ScalingActivityId: id } = await harness.ok(
      "Ess",
      "AttachInstances",
      attachParams("asg-demo-sandbox-1", ["i-demo-0022"], { LifecycleHook: "true" }),
    );
    assert.equal((await harness.group("asg-demo-sandbox-1")).PendingWaitCapacity, 0);
    assert.equal((await harness.scalingInstances("asg-demo-sandbox-1"))[0]!.LifecycleState, "Pending");
    harness.emulator.control.advanceClock(3000);
    assert.equal((await harness.scalingInstances("asg-demo-sandbox-1"))[0]!.LifecycleState, "InService");
    assert.equal((await harness.activity(id)).StatusCode, "Successful");
  });

  test("IgnoreInvalidInstance: the valid instances are attached, the activity ends in Warning listing the skipped ones", async () => {
    const { ScalingActivityId: id } = await harness.ok(
      "Ess",
      "AttachInstances",
      attachParams("asg-demo-sandbox-2", ["i-demo-0023", "i-demo-0152", "i-demo-0001"], { IgnoreInvalidInstance: "true" }),
    );
    const group = await harness.group("asg-demo-sandbox-2");
    assert.equal(group.TotalCapacity, 1);
    harness.emulator.control.advanceClock(3000);
    const activity = await harness.activity(id);
    assert.equal(activity.StatusCode, "Warning");
    assert.equal(activity.ScalingInstanceNumber, 1);
    assert.equal(
      activity.StatusMessage,
      '"1" ECS instances are added. Invalid instances skipped: i-demo-0152 (IncorrectInstanceStatus), i-demo-0001 (InvalidInstanceId.InUse).',
    );
  });

  test("ClientToken: same token and params → same ScalingActivityId; other params → IdempotentParameterMismatch; tokens are per account", async () => {
    const params = attachParams("asg-demo-batch", ["i-demo-0030"], { ClientToken: "token-1" });
    const first = await harness.ok("Ess", "AttachInstances", params);
    const replay = await harness.ok("Ess", "AttachInstances", params);
    assert.equal(replay.ScalingActivityId, first.ScalingActivityId);
    assert.notEqual(replay.RequestId, first.RequestId);
    // An explicit default weight is the same request.
    const sameMeaning = await harness.ok("Ess", "AttachInstances", { ...params, "LoadBalancerWeight.1": "50" });
    assert.equal(sameMeaning.ScalingActivityId, first.ScalingActivityId);
    harness.emulator.control.advanceClock(3000);
    assert.equal((await harness.ok("Ess", "AttachInstances", params)).ScalingActivityId, first.ScalingActivityId, "replay after the end");
    const mismatch = await harness.call(
      "Ess",
      "AttachInstances",
      attachParams("asg-demo-batch", ["i-demo-0031"], { ClientToken: "token-1" }),
    );
    assert.equal(mismatch.code, "IdempotentParameterMismatch");
    assert.equal(mismatch.statusCode, 400);
    const otherAccount = await harness.call(
      "Ess",
      "AttachInstances",
      attachParams("asg-demo-b-web", ["i-demo-b002"], { ClientToken: "token-1" }),
      DEMO_ACCESS_KEYS.secondary,
    );
    assert.equal(otherAccount.statusCode, 200);
    assert.notEqual(otherAccount.body.ScalingActivityId, first.ScalingActivityId);
    assert.equal((await harness.group("asg-demo-batch")).TotalCapacity, 1, "replays attach nothing");
  });

  test("a second attach while the first is in progress → ScalingActivityInProgress; after it ends it is accepted", async () => {
    await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0032"]));
    const busy = await harness.call("Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0033"]));
    assert.equal(busy.code, "ScalingActivityInProgress");
    harness.emulator.control.advanceClock(3000);
    await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0033"]));
  });

  test("finishExternalActivities ends the world's InProgress activity as Successful and frees the group", async () => {
    assert.equal(
      (await harness.call("Ess", "AttachInstances", attachParams("asg-demo-busy", ["i-demo-0086"]))).code,
      "ScalingActivityInProgress",
    );
    harness.emulator.control.advanceClock(60_000);
    assert.equal((await harness.activity("asa-demo-busy-scaleout")).StatusCode, "InProgress", "the clock does not end external activities");
    harness.emulator.control.finishExternalActivities("asg-demo-busy");
    const external = await harness.activity("asa-demo-busy-scaleout");
    assert.equal(external.StatusCode, "Successful");
    assert.equal(external.Progress, 100);
    await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-busy", ["i-demo-0086"]));
  });

  test("DescribeScalingActivities lists newest first and filters by StatusCode", async () => {
    const { ScalingActivityId: id } = await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-web", ["i-demo-0040"]));
    const all = await harness.ok("Ess", "DescribeScalingActivities", { RegionId: "cn-hangzhou", ScalingGroupId: "asg-demo-web" });
    assert.deepEqual(
      all.ScalingActivities.ScalingActivity.map((a: any) => a.ScalingActivityId),
      [id, "asa-demo-web-attach", "asa-demo-web-initial"],
    );
    const inProgress = await harness.ok("Ess", "DescribeScalingActivities", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-web",
      StatusCode: "InProgress",
    });
    assert.equal(inProgress.TotalCount, 1);
    const missing = await harness.call("Ess", "DescribeScalingActivities", { RegionId: "cn-hangzhou" });
    assert.equal(missing.code, "MissingParameter");
    assert.match(missing.message!, /"ScalingGroupId"/);
  });
});

describe("DetachInstances (manual timing, over HTTP)", () => {
  let harness: DomainHarness;
  before(async () => {
    harness = await DomainHarness.start({ activity: { mode: "manual" } });
  });
  beforeEach(() => harness.emulator.control.reset());
  after(() => harness.close());

  test("DetachOption=both: Removing at once, then gone from the group, the load balancer and the whitelist", async () => {
    const { ScalingActivityId: id } = await harness.ok("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-web",
      "InstanceId.1": "i-demo-0003",
      DetachOption: "both",
    });
    let group = await harness.group("asg-demo-web");
    assert.equal(group.RemovingCapacity, 1);
    assert.equal(group.DesiredCapacity, 3);
    const activity = await harness.activity(id);
    assert.equal(activity.Description, 'Remove "1" ECS instance(s)');
    assert.equal(activity.Cause, 'A user requests to detach instances, changing the Total Capacity from "4" to "3".');
    harness.emulator.control.advanceClock(3000);
    assert.equal((await harness.activity(id)).StatusCode, "Successful");
    group = await harness.group("asg-demo-web");
    assert.equal(group.TotalCapacity, 3);
    const lb = await harness.ok("Slb", "DescribeLoadBalancerAttribute", { RegionId: "cn-hangzhou", LoadBalancerId: "lb-demo-web" });
    assert.ok(!lb.BackendServers.BackendServer.some((server: any) => server.ServerId === "i-demo-0003"));
    const ips = await harness.ok("Rds", "DescribeDBInstanceIPArrayList", { DBInstanceId: "rm-demo-main" });
    assert.ok(!ips.Items.DBInstanceIPArray[0].SecurityIPList.split(",").includes("10.0.0.5"));
    const ecs = await harness.ok("Ecs", "DescribeInstances", { RegionId: "cn-hangzhou", InstanceIds: '["i-demo-0003"]' });
    assert.equal(ecs.Instances.Instance[0].Status, "Running", "detached instances are never stopped");
  });

  test("without DetachOption the load balancer keeps the instance; DecreaseDesiredCapacity=false keeps DesiredCapacity", async () => {
    await harness.ok("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-web",
      "InstanceId.1": "i-demo-0004",
      DecreaseDesiredCapacity: "false",
    });
    harness.emulator.control.advanceClock(3000);
    assert.equal((await harness.group("asg-demo-web")).DesiredCapacity, 4);
    const lb = await harness.ok("Slb", "DescribeLoadBalancerAttribute", { RegionId: "cn-hangzhou", LoadBalancerId: "lb-demo-web" });
    assert.ok(lb.BackendServers.BackendServer.some((server: any) => server.ServerId === "i-demo-0004"));
  });

  test("MinSize, membership and state checks", async () => {
    const all = {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-web",
      "InstanceId.1": "i-demo-0001",
      "InstanceId.2": "i-demo-0002",
      "InstanceId.3": "i-demo-0003",
      "InstanceId.4": "i-demo-0004",
    };
    const minSize = await harness.call("Ess", "DetachInstances", all);
    assert.equal(minSize.code, "IncorrectCapacity.MinSize");
    assert.equal(minSize.statusCode, 400);
    const notMember = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-web",
      "InstanceId.1": "i-demo-0005",
    });
    assert.equal(notMember.code, "InvalidInstanceId.NotFound");
    assert.equal(notMember.statusCode, 404);
    await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0050"]));
    const busy = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-batch",
      "InstanceId.1": "i-demo-0050",
    });
    assert.equal(busy.code, "ScalingActivityInProgress");
    const inactive = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-inactive",
      "InstanceId.1": "i-demo-0050",
    });
    assert.equal(inactive.code, "IncorrectScalingGroupStatus");
  });
});

describe("activity timing modes and instance failures (core directly)", () => {
  const caller = { accountId: DEMO_ACCESS_KEYS.primary.accountId, accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId };
  const call = (core: ReturnType<typeof createEmulatorCore>, product: Product, action: string, params: Record<string, string>) => {
    const request: ActionRequest = { product, action, params, caller, requestId: "test" };
    return core.handler(product, action)!(request) as Record<string, any>;
  };

  test("immediate: the activity is finished when AttachInstances returns", (t) => {
    const core = createEmulatorCore({ world: loadDemoWorld(), dbPath: ":memory:", activity: { mode: "immediate" } });
    t.after(() => core.close());
    const { ScalingActivityId: id } = call(core, "Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0060"]));
    const activity = call(core, "Ess", "DescribeScalingActivities", { RegionId: "cn-hangzhou", "ScalingActivityId.1": id })
      .ScalingActivities.ScalingActivity[0];
    assert.equal(activity.StatusCode, "Successful");
  });

  test("realtime: progress follows the wall clock and a timer finishes the activity without any request", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "ess-realtime-"));
    const dbPath = join(dir, "state.db");
    const core = createEmulatorCore({ world: loadDemoWorld(), dbPath, activity: { mode: "realtime", durationMs: 1000 } });
    const reader = new Database(dbPath, { readonly: true });
    t.after(() => {
      reader.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const { ScalingActivityId: id } = call(core, "Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0061"]));
    const describe = () =>
      call(core, "Ess", "DescribeScalingActivities", { RegionId: "cn-hangzhou", "ScalingActivityId.1": id }).ScalingActivities
        .ScalingActivity[0];
    assert.equal(describe().StatusCode, "InProgress");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const midway = describe();
    assert.ok(midway.Progress > 0 && midway.Progress < 100, `progress ${midway.Progress}`);
    // Read through a second connection: no handler runs from here on, so only the runner's timer
    // can finish the activity.
    const read = () => ({
      ...(reader
        .prepare("SELECT status_code AS statusCode, progress FROM scaling_activities WHERE scaling_activity_id = ?")
        .get(id) as object),
    });
    const deadline = Date.now() + 3000;
    let row = read() as { statusCode: string; progress: number };
    while (row.statusCode === "InProgress" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      row = read() as { statusCode: string; progress: number };
    }
    assert.deepEqual({ ...row }, { statusCode: "Successful", progress: 100 });
  });

  test("an instance that stops during the activity leaves the group: Warning when others were added, Failed when none", (t) => {
    const core = createEmulatorCore({ world: loadDemoWorld(), dbPath: ":memory:", activity: { mode: "manual" } });
    t.after(() => core.close());
    const { ScalingActivityId: partial } = call(
      core,
      "Ess",
      "AttachInstances",
      attachParams("asg-demo-worker", ["i-demo-0062", "i-demo-0063"]),
    );
    assert.equal(
      call(core, "Ess", "DescribeScalingGroups", { RegionId: "cn-hangzhou", "ScalingGroupId.1": "asg-demo-worker" }).ScalingGroups
        .ScalingGroup[0].DesiredCapacity,
      4,
    );
    core.setInstanceStatus("i-demo-0063", "Stopped");
    core.advanceClock(3000);
    let activity = call(core, "Ess", "DescribeScalingActivities", { RegionId: "cn-hangzhou", "ScalingActivityId.1": partial })
      .ScalingActivities.ScalingActivity[0];
    assert.equal(activity.StatusCode, "Warning");
    assert.match(activity.StatusMessage, /i-demo-0063 \(IncorrectInstanceStatus\)/);
    const group = call(core, "Ess", "DescribeScalingGroups", { RegionId: "cn-hangzhou", "ScalingGroupId.1": "asg-demo-worker" })
      .ScalingGroups.ScalingGroup[0];
    assert.equal(group.TotalCapacity, 3);
    assert.equal(group.DesiredCapacity, 3);

    const { ScalingActivityId: failed } = call(core, "Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0064"]));
    core.setInstanceStatus("i-demo-0064", "Stopped");
    core.advanceClock(3000);
    activity = call(core, "Ess", "DescribeScalingActivities", { RegionId: "cn-hangzhou", "ScalingActivityId.1": failed }).ScalingActivities
      .ScalingActivity[0];
    assert.equal(activity.StatusCode, "Failed");
    assert.equal(
      call(core, "Ess", "DescribeScalingGroups", { RegionId: "cn-hangzhou", "ScalingGroupId.1": "asg-demo-batch" }).ScalingGroups
        .ScalingGroup[0].TotalCapacity,
      0,
    );
  });

  test("unknown actions are undefined and API errors are EmulatorApiError values", (t) => {
    const core = createEmulatorCore({ world: loadDemoWorld(), dbPath: ":memory:", activity: { mode: "manual" } });
    t.after(() => core.close());
    assert.equal(core.handler("Ess", "CreateScalingGroup"), undefined);
    assert.throws(
      () => call(core, "Ess", "AttachInstances", { RegionId: "cn-hangzhou" }),
      (error: unknown) => error instanceof EmulatorApiError && error.code === "MissingParameter",
    );
    assert.throws(
      () => core.finishExternalActivities("asg-nope"),
      (error: unknown) => error instanceof EmulatorApiError && error.httpStatus === 404,
    );
  });
});
