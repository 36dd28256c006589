import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createEssUpstream } from "../../src/upstream/ess-upstream.client";
import { OperationEndedError, UpstreamBudgetExceededError, UpstreamCallScope } from "../../src/upstream/upstream-call.scope";
import { UpstreamError } from "../../src/upstream/upstream.error";
import { emulatorConfig, startTestEmulator } from "../support/upstream-test.harness";
import { TEST_REGION } from "../support/upstream-test.world";

describe("an operation's view of the upstream client (UpstreamCallScope)", () => {
  test("counts every call against the budget, and sends none past it", async (t) => {
    const emulator = await startTestEmulator(t);
    const client = createEssUpstream(emulatorConfig(emulator));
    t.after(() => client.close());
    const scope = new UpstreamCallScope(2);
    const view = client.forOperation({}, scope);
    await view.describeScalingGroups({ regionId: TEST_REGION, pageSize: 10 });
    await view.describeScalingActivities({ regionId: TEST_REGION, scalingGroupId: "asg-test1", pageSize: 10 });
    const refused = await view.describeScalingGroups({ regionId: TEST_REGION, pageSize: 10 }).catch((error: unknown) => error);
    assert.ok(refused instanceof UpstreamBudgetExceededError);
    assert.ok(!(refused instanceof UpstreamError), "not an upstream answer");
    assert.equal(refused.allowed, 2);
    assert.equal(refused.lastUpstreamCode, null);
    assert.equal(scope.attemptsMade, 2);
    assert.deepEqual(emulator.control.callCounts(), { DescribeScalingGroups: 1, DescribeScalingActivities: 1 });
    // Other views of the same client are not affected.
    await client.describeScalingGroups({ regionId: TEST_REGION, pageSize: 10 });
  });

  test("ending the operation during a retry backoff stops the call at once: no further attempt", async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.control.setFault("DescribeScalingGroups", { throttlingRate: 1 });
    // The real sleep, with a 30 s backoff before the first retry.
    const client = createEssUpstream(
      emulatorConfig(emulator, { retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } }),
      {},
      { random: () => 0.5 },
    );
    t.after(() => client.close());
    const scope = new UpstreamCallScope();
    let attempts = 0;
    const view = client.forOperation({ onCall: () => void attempts++ }, scope);
    const call = view.describeScalingGroups({ regionId: TEST_REGION, pageSize: 10 }).catch((error: unknown) => error);
    while (attempts === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    scope.end();
    const outcome = await call;
    assert.ok(outcome instanceof OperationEndedError, String(outcome));
    assert.deepEqual(emulator.control.callCounts(), { DescribeScalingGroups: 1 });
    const after = await view
      .describeScalingActivities({ regionId: TEST_REGION, scalingGroupId: "asg-test1", pageSize: 10 })
      .catch((error: unknown) => error);
    assert.ok(after instanceof OperationEndedError, "an ended view sends nothing");
    assert.deepEqual(emulator.control.callCounts(), { DescribeScalingGroups: 1 });
  });

  test("settle() ends the operation and resolves once the attempt on the wire has been answered", async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.control.setFault("DescribeScalingActivities", { latencyMs: 150 });
    const client = createEssUpstream(emulatorConfig(emulator));
    t.after(() => client.close());
    const scope = new UpstreamCallScope();
    const view = client.forOperation({}, scope);
    let settledCall = false;
    const call = view
      .describeScalingActivities({ regionId: TEST_REGION, scalingGroupId: "asg-test1", pageSize: 10 })
      .finally(() => void (settledCall = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(settledCall, false);
    await scope.settle();
    // The caller's own continuation runs a few microtasks after the attempt's answer.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settledCall, true, "the attempt in flight (150 ms) was waited for");
    assert.equal(scope.signal.aborted, true);
    await call;
  });
});
