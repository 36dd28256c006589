import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import { DomainHarness, attachParams } from "../../support/emulator-domain.harness";

/**
 * Lifecycle hooks through @alicloud/openapi-client over HTTP, on the demo world's hooked groups
 * (docs/demo-world.md), with the manual activity clock: asg-demo-hooked has a SCALE_OUT hook
 * (300 s, CONTINUE), asg-demo-hooked-abandon one with 60 s and DefaultResult ABANDON.
 */
describe("lifecycle hooks (manual clock, over HTTP)", () => {
  let harness: DomainHarness;
  before(async () => {
    harness = await DomainHarness.start({ activity: { mode: "manual" } });
  });
  beforeEach(() => harness.emulator.control.reset());
  after(() => harness.close());

  const HZ = { RegionId: "cn-hangzhou" };

  async function attachWaiting(groupId: string, instanceIds: string[]) {
    const { ScalingActivityId: id } = await harness.ok(
      "Ess",
      "AttachInstances",
      attachParams(groupId, instanceIds, { LifecycleHook: "true" }),
    );
    const states = (await harness.scalingInstances(groupId)).map((row) => row.LifecycleState);
    assert.deepEqual(
      states,
      instanceIds.map(() => "Pending:Wait"),
    );
    assert.equal((await harness.group(groupId)).PendingWaitCapacity, instanceIds.length);
    const actions = await harness.ok("Ess", "DescribeLifecycleActions", { ...HZ, ScalingActivityId: id });
    assert.equal(actions.TotalCount, 1);
    const action = actions.LifecycleActions.LifecycleAction[0];
    assert.equal(action.LifecycleActionStatus, "Pending");
    assert.deepEqual(action.InstanceIds.InstanceId, instanceIds);
    return { id, token: action.LifecycleActionToken as string, hookId: action.LifecycleHookId as string };
  }

  test("DescribeLifecycleHooks lists a group's hooks with their timeout and default result", async () => {
    const body = await harness.ok("Ess", "DescribeLifecycleHooks", { ...HZ, ScalingGroupId: "asg-demo-hooked" });
    assert.deepEqual(
      body.LifecycleHooks.LifecycleHook.map((hook: any) => [
        hook.LifecycleHookId,
        hook.LifecycleTransition,
        hook.HeartbeatTimeout,
        hook.DefaultResult,
        hook.LifecycleHookStatus,
      ]),
      [
        ["ash-demo-hooked-out", "SCALE_OUT", 300, "CONTINUE", "Active"],
        ["ash-demo-hooked-in", "SCALE_IN", 120, "CONTINUE", "Active"],
      ],
    );
    const none = await harness.ok("Ess", "DescribeLifecycleHooks", { ...HZ, ScalingGroupId: "asg-demo-batch" });
    assert.equal(none.TotalCount, 0);
  });

  test("without LifecycleHook=true a hooked group does not wait", async () => {
    await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-hooked", ["i-demo-0040"]));
    assert.equal((await harness.scalingInstances("asg-demo-hooked"))[0]!.LifecycleState, "Pending");
  });

  test("hook → Pending:Wait until CONTINUE, then the activity runs its duration to InService", async () => {
    const { id, token, hookId } = await attachWaiting("asg-demo-hooked", ["i-demo-0041", "i-demo-0042"]);
    const elsewhere = await harness.ok("Ess", "DescribeLifecycleActions", { RegionId: "cn-shanghai", ScalingActivityId: id });
    assert.equal(elsewhere.TotalCount, 0, "another region sees no actions");
    const otherAccount = await harness.ok("Ess", "DescribeLifecycleActions", { ...HZ, ScalingActivityId: id }, DEMO_ACCESS_KEYS.secondary);
    assert.equal(otherAccount.TotalCount, 0, "another account sees no actions");
    harness.emulator.control.advanceClock(100_000);
    assert.equal(
      (await harness.scalingInstances("asg-demo-hooked"))[0]!.LifecycleState,
      "Pending:Wait",
      "still waiting before the timeout",
    );
    assert.equal((await harness.activity(id)).StatusCode, "InProgress");
    const completion = {
      ...HZ,
      LifecycleHookId: hookId,
      LifecycleActionToken: token,
      LifecycleActionResult: "CONTINUE",
      ClientToken: "complete-1",
    };
    await harness.ok("Ess", "CompleteLifecycleAction", completion);
    assert.deepEqual(
      (await harness.scalingInstances("asg-demo-hooked")).map((row) => row.LifecycleState),
      ["Pending", "Pending"],
    );
    await harness.ok("Ess", "CompleteLifecycleAction", completion); // the same call again is a replay
    const otherToken = await harness.call("Ess", "CompleteLifecycleAction", { ...completion, ClientToken: "complete-2" });
    assert.deepEqual([otherToken.statusCode, otherToken.code], [400, "IncorrectLifecycleActionStatus"]);
    const again = await harness.call("Ess", "CompleteLifecycleAction", { ...HZ, LifecycleHookId: hookId, LifecycleActionToken: token });
    assert.deepEqual([again.statusCode, again.code], [400, "IncorrectLifecycleActionStatus"]);
    harness.emulator.control.advanceClock(3000);
    assert.deepEqual(
      (await harness.scalingInstances("asg-demo-hooked")).map((row) => row.LifecycleState),
      ["InService", "InService"],
    );
    const activity = await harness.activity(id);
    assert.equal(activity.StatusCode, "Successful");
    const actions = await harness.ok("Ess", "DescribeLifecycleActions", { ...HZ, ScalingActivityId: id });
    assert.deepEqual(
      [
        actions.LifecycleActions.LifecycleAction[0].LifecycleActionStatus,
        actions.LifecycleActions.LifecycleAction[0].LifecycleActionResult,
      ],
      ["Completed", "CONTINUE"],
    );
  });

  test("ABANDON: the instances leave the group and the activity reports them", async () => {
    const before = await harness.group("asg-demo-hooked");
    const { id, token, hookId } = await attachWaiting("asg-demo-hooked", ["i-demo-0043"]);
    await harness.ok("Ess", "CompleteLifecycleAction", {
      ...HZ,
      LifecycleHookId: hookId,
      LifecycleActionToken: token,
      LifecycleActionResult: "ABANDON",
    });
    assert.deepEqual(await harness.scalingInstances("asg-demo-hooked"), []);
    const activity = await harness.activity(id);
    assert.equal(activity.StatusCode, "Failed");
    assert.match(activity.StatusMessage, /i-demo-0043 \(LifecycleActionAbandoned\)/);
    assert.equal((await harness.group("asg-demo-hooked")).TotalCapacity, before.TotalCapacity);
    // The instance is free again: it can be attached elsewhere.
    await harness.ok("Ess", "AttachInstances", attachParams("asg-demo-batch", ["i-demo-0043"]));
  });

  test("timeout → the hook's DefaultResult: CONTINUE goes on to InService", async () => {
    const { id } = await attachWaiting("asg-demo-hooked", ["i-demo-0044"]);
    harness.emulator.control.advanceClock(300_000);
    assert.equal((await harness.scalingInstances("asg-demo-hooked"))[0]!.LifecycleState, "Pending");
    const actions = await harness.ok("Ess", "DescribeLifecycleActions", { ...HZ, ScalingActivityId: id });
    assert.deepEqual(
      [
        actions.LifecycleActions.LifecycleAction[0].LifecycleActionStatus,
        actions.LifecycleActions.LifecycleAction[0].LifecycleActionResult,
      ],
      ["Timeout", "CONTINUE"],
    );
    harness.emulator.control.advanceClock(3000);
    assert.equal((await harness.activity(id)).StatusCode, "Successful");
    assert.equal((await harness.scalingInstances("asg-demo-hooked"))[0]!.LifecycleState, "InService");
  });

  test("timeout → the hook's DefaultResult: ABANDON removes the instance", async () => {
    const { id, token, hookId } = await attachWaiting("asg-demo-hooked-abandon", ["i-demo-0045"]);
    harness.emulator.control.advanceClock(59_000);
    assert.equal((await harness.scalingInstances("asg-demo-hooked-abandon"))[0]!.LifecycleState, "Pending:Wait");
    harness.emulator.control.advanceClock(1000);
    assert.deepEqual(await harness.scalingInstances("asg-demo-hooked-abandon"), []);
    const activity = await harness.activity(id);
    assert.equal(activity.StatusCode, "Failed");
    assert.match(activity.StatusMessage, /i-demo-0045 \(LifecycleActionAbandoned\)/);
    const late = await harness.call("Ess", "CompleteLifecycleAction", { ...HZ, LifecycleHookId: hookId, LifecycleActionToken: token });
    assert.deepEqual([late.statusCode, late.code], [400, "IncorrectLifecycleActionStatus"]);
  });

  test("CompleteLifecycleAction errors: unknown hook, a token of another hook, bad result, missing token; nothing changes", async () => {
    const { token } = await attachWaiting("asg-demo-hooked", ["i-demo-0046"]);
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ LifecycleHookId: "ash-nope", LifecycleActionToken: token }, 404, "InvalidLifecycleHookId.NotExist"],
      [{ LifecycleHookId: "ash-demo-hooked-in", LifecycleActionToken: token }, 404, "InvalidLifecycleActionToken.NotExist"],
      [{ LifecycleHookId: "ash-demo-hooked-out", LifecycleActionToken: token, LifecycleActionResult: "MAYBE" }, 400, "InvalidParameter"],
      [{ LifecycleHookId: "ash-demo-hooked-out" }, 400, "MissingParameter"],
    ];
    for (const [params, status, code] of cases) {
      const result = await harness.call("Ess", "CompleteLifecycleAction", { ...HZ, ...params });
      assert.deepEqual([result.statusCode, result.code], [status, code], JSON.stringify(params));
    }
    assert.equal((await harness.scalingInstances("asg-demo-hooked"))[0]!.LifecycleState, "Pending:Wait");
  });
});
