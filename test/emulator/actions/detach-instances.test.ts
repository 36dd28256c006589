import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { DEMO_ACCESS_KEYS, demoAttachParams, demoCleanDetachCases, demoDetachCases } from "../../../src/emulator/world/demo-cases";
import { DomainHarness } from "../../support/emulator-domain.harness";

const keyOf = (accessKeyId: string | undefined) =>
  Object.values(DEMO_ACCESS_KEYS).find((key) => key.accessKeyId === (accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId))!;

/** The emulator's DetachInstances over signed HTTP, against the reference (docs/attach-rules.md, "DetachInstances"). */
describe("the emulator's DetachInstances", () => {
  let harness: DomainHarness;
  before(async () => {
    harness = await DomainHarness.start({ activity: { mode: "manual" } });
  });
  beforeEach(() => harness.emulator.control.reset());
  after(() => harness.close());

  for (const call of demoDetachCases) {
    test(`${call.code} ${call.httpStatus}: ${call.reason}; nothing changes`, async () => {
      if (call.precedingCall) await harness.ok("Ess", "DetachInstances", demoAttachParams(call.precedingCall));
      const before = await harness.scalingInstances(call.scalingGroupId).catch(() => []);
      const result = await harness.call("Ess", "DetachInstances", demoAttachParams(call), keyOf(call.accessKeyId));
      assert.deepEqual([result.code, result.statusCode], [call.code, call.httpStatus], result.message);
      assert.deepEqual(await harness.scalingInstances(call.scalingGroupId).catch(() => []), before, "a refused call changes nothing");
    });
  }

  for (const clean of demoCleanDetachCases) {
    test(`clean ${clean.scalingGroupId}: ${clean.reason}`, async () => {
      const { ScalingActivityId: id } = await harness.ok("Ess", "DetachInstances", demoAttachParams(clean));
      harness.emulator.control.advanceClock(3_000);
      const activity = await harness.activity(id);
      assert.equal(activity.StatusCode, clean.finalStatus);
      const left = (await harness.scalingInstances(clean.scalingGroupId)).map((row) => row.InstanceId);
      for (const instanceId of clean.instanceIds) assert.ok(!left.includes(instanceId));
      const ecs = await harness.ok("Ecs", "DescribeInstances", {
        RegionId: clean.regionId,
        InstanceIds: JSON.stringify(clean.instanceIds),
      });
      for (const instance of ecs.Instances.Instance)
        assert.equal(instance.Status, "Running", `${instance.InstanceId} is never stopped or released`);
    });
  }

  test("ClientToken: the same token and parameters return the original activity (even after it ended); other parameters are IdempotentParameterMismatch", async () => {
    const params = { RegionId: "cn-hangzhou", ScalingGroupId: "asg-demo-web", "InstanceId.1": "i-demo-0004", ClientToken: "emu-detach-1" };
    const first = await harness.ok("Ess", "DetachInstances", params);
    harness.emulator.control.advanceClock(3_000);
    const again = await harness.ok("Ess", "DetachInstances", params);
    assert.equal(again.ScalingActivityId, first.ScalingActivityId);
    assert.notEqual(again.RequestId, first.RequestId);
    // An explicit default is the same request; another option is not.
    const explicit = await harness.ok("Ess", "DetachInstances", { ...params, DecreaseDesiredCapacity: "true" });
    assert.equal(explicit.ScalingActivityId, first.ScalingActivityId);
    const other = await harness.call("Ess", "DetachInstances", { ...params, DetachOption: "both" });
    assert.deepEqual([other.code, other.statusCode], ["IdempotentParameterMismatch", 400]);
    // A failed call records no token: after a MinSize refusal the same token can be used for a valid request.
    const refused = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-detach-guard",
      "InstanceId.1": "i-demo-0076",
      "InstanceId.2": "i-demo-0077",
      ClientToken: "emu-detach-2",
    });
    assert.equal(refused.code, "IncorrectCapacity.MinSize");
    const accepted = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-detach-guard",
      "InstanceId.1": "i-demo-0076",
      ClientToken: "emu-detach-2",
    });
    assert.equal(accepted.statusCode, 200);
  });

  test("IgnoreInvalidInstance: when no instance remains, the first instance error is returned", async () => {
    const result = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-detach-guard",
      "InstanceId.1": "i-demo-0078",
      "InstanceId.2": "i-demo-0005",
      IgnoreInvalidInstance: "true",
    });
    assert.deepEqual([result.code, result.statusCode], ["IncorrectInstanceStatus", 400]);
  });

  test("MinSize is checked against the members left after an earlier detach ended", async () => {
    await harness.ok("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-detach-guard",
      "InstanceId.1": "i-demo-0076",
    });
    // The activity is in progress (manual clock): the next call is refused for that first.
    const busy = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-detach-guard",
      "InstanceId.1": "i-demo-0077",
    });
    assert.equal(busy.code, "ScalingActivityInProgress");
    harness.emulator.control.advanceClock(3_000);
    const atMin = await harness.call("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-detach-guard",
      "InstanceId.1": "i-demo-0077",
    });
    assert.equal(atMin.code, "IncorrectCapacity.MinSize", "2 − 1 < MinSize 2");
  });

  test("LifecycleHook: Removing:Wait for the first third, then Removing, then gone", async () => {
    await harness.ok("Ess", "DetachInstances", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: "asg-demo-worker",
      "InstanceId.1": "i-demo-0006",
      LifecycleHook: "true",
    });
    const state = async () =>
      (await harness.scalingInstances("asg-demo-worker")).find((row) => row.InstanceId === "i-demo-0006")?.LifecycleState;
    assert.equal(await state(), "Removing:Wait");
    harness.emulator.control.advanceClock(1_100);
    assert.equal(await state(), "Removing");
    harness.emulator.control.advanceClock(2_000);
    assert.equal(await state(), undefined);
  });
});
