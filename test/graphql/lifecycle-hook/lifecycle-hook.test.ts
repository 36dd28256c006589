import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AttachInstancesDocument,
  CompleteLifecycleActionDocument,
  ScalingGroupLifecycleWaitsDocument,
  type CompleteLifecycleActionMutation,
  type CompleteLifecycleActionMutationVariables,
} from "../../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

type CompleteResult = NonNullable<CompleteLifecycleActionMutation["completeLifecycleAction"]>;

const REGION = "cn-hangzhou";
/** The demo world's group with a SCALE_OUT hook (300 s, CONTINUE): docs/demo-world.md. */
const HOOKED = "asg-demo-hooked";

/**
 * ScalingInstance.lifecycleHook and completeLifecycleAction over HTTP: GraphQL → gateway →
 * emulator (real signatures), on the demo world with the emulator's manual activity clock.
 */
describe("lifecycle hooks through the gateway", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ activity: { mode: "manual" } });
  });
  after(async () => {
    await harness.close();
  });

  async function attachWaiting(instanceId: string): Promise<void> {
    const response = await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: HOOKED, instances: [{ instanceId }], lifecycleHook: true },
    });
    assert.equal(response.data?.attachInstances?.__typename, "AttachInstancesSuccess", JSON.stringify(response));
  }

  async function members() {
    const response = await harness.execute(ScalingGroupLifecycleWaitsDocument, { regionId: REGION, id: HOOKED, first: 50 });
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    return (response.data?.scalingGroup?.instances.edges ?? []).map((edge) => edge.node);
  }

  async function complete(input: CompleteLifecycleActionMutationVariables["input"]): Promise<CompleteResult> {
    const response = await harness.execute(CompleteLifecycleActionDocument, { input });
    assert.equal(response.httpStatus, 200);
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.ok(response.data?.completeLifecycleAction);
    return response.data.completeLifecycleAction;
  }

  test("a waiting instance shows its hook and token; CONTINUE ends the wait; a second completion is LifecycleActionNotPendingError", async () => {
    await attachWaiting("i-demo-0060");
    const [waiting] = await members();
    assert.equal(waiting?.lifecycleState, "PENDING_WAIT");
    const hook = waiting?.lifecycleHook;
    assert.ok(hook, "lifecycleHook is set while PENDING_WAIT");
    assert.deepEqual(
      [
        hook.lifecycleHookId,
        hook.lifecycleHookName,
        hook.transition,
        hook.heartbeatTimeoutSeconds,
        hook.defaultResult,
        hook.scalingActivityId,
      ],
      ["ash-demo-hooked-out", "demo-hooked-scale-out", "SCALE_OUT", 300, "CONTINUE", waiting.scalingActivityId],
    );
    assert.match(hook.lifecycleActionToken, /^[0-9a-f-]{36}$/);

    const done = await complete({
      regionId: REGION,
      lifecycleHookId: hook.lifecycleHookId,
      lifecycleActionToken: hook.lifecycleActionToken,
      result: "CONTINUE",
    });
    assert.equal(done.__typename, "CompleteLifecycleActionSuccess", JSON.stringify(done));
    if (done.__typename === "CompleteLifecycleActionSuccess") {
      assert.equal(done.result, "CONTINUE");
      assert.match(String(done.requestId), /^[0-9A-F-]{36}$/);
      assert.ok(done.clientToken);
    }
    const [after] = await members();
    assert.equal(after?.lifecycleState, "PENDING");
    assert.equal(after?.lifecycleHook, null, "no hook once the wait ended");

    const again = await complete({
      regionId: REGION,
      lifecycleHookId: hook.lifecycleHookId,
      lifecycleActionToken: hook.lifecycleActionToken,
    });
    assert.equal(again.__typename, "LifecycleActionNotPendingError");
    if (again.__typename === "LifecycleActionNotPendingError") {
      assert.equal(again.code, "IncorrectLifecycleActionStatus");
      assert.equal(again.lifecycleHookId, hook.lifecycleHookId);
      assert.ok(again.clientToken);
    }
    harness.control.advanceClock(3000);
    const [served] = await members();
    assert.deepEqual([served?.lifecycleState, served?.lifecycleHook], ["IN_SERVICE", null]);
  });

  test("ABANDON removes the waiting instance from the group", async () => {
    harness.control.reset();
    await attachWaiting("i-demo-0061");
    const hook = (await members())[0]?.lifecycleHook;
    assert.ok(hook);
    const done = await complete({
      regionId: REGION,
      lifecycleHookId: hook.lifecycleHookId,
      lifecycleActionToken: hook.lifecycleActionToken,
      result: "ABANDON",
    });
    assert.equal(done.__typename, "CompleteLifecycleActionSuccess");
    assert.deepEqual(await members(), []);
  });

  test("typed errors: unknown hook, a token of another hook, bad input; nothing changes", async () => {
    harness.control.reset();
    await attachWaiting("i-demo-0062");
    const hook = (await members())[0]?.lifecycleHook;
    assert.ok(hook);
    const unknown = await complete({ regionId: REGION, lifecycleHookId: "ash-nope", lifecycleActionToken: hook.lifecycleActionToken });
    assert.deepEqual(
      [unknown.__typename, "code" in unknown ? unknown.code : null],
      ["LifecycleHookNotFoundError", "InvalidLifecycleHookId.NotExist"],
    );
    const otherHook = await complete({
      regionId: REGION,
      lifecycleHookId: "ash-demo-hooked-in",
      lifecycleActionToken: hook.lifecycleActionToken,
    });
    assert.deepEqual(
      [otherHook.__typename, "code" in otherHook ? otherHook.code : null],
      ["LifecycleActionNotFoundError", "InvalidLifecycleActionToken.NotExist"],
    );
    const invalid = await complete({ regionId: REGION, lifecycleHookId: hook.lifecycleHookId, lifecycleActionToken: "x".repeat(65) });
    assert.equal(invalid.__typename, "InputValidationError");
    if (invalid.__typename === "InputValidationError")
      assert.ok(
        invalid.issues.some((issue) => issue.path.includes("lifecycleActionToken")),
        JSON.stringify(invalid.issues),
      );
    assert.equal((await members())[0]?.lifecycleState, "PENDING_WAIT");
  });

  test("an instance that does not wait has no lifecycleHook", async () => {
    harness.control.reset();
    const response = await harness.execute(ScalingGroupLifecycleWaitsDocument, { regionId: REGION, id: "asg-demo-web", first: 10 });
    assert.equal(response.errors, undefined);
    const nodes = (response.data?.scalingGroup?.instances.edges ?? []).map((edge) => edge.node);
    assert.ok(nodes.length > 0);
    assert.ok(nodes.every((node) => node.lifecycleHook === null));
  });
});
