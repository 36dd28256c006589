import { describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import type { RunningEmulator } from "../../src/emulator/emulator-core.types";
import { UpstreamError } from "../../src/upstream/upstream.error";
import type { UpstreamCallEvent } from "../../src/upstream/upstream.hooks";
import type { EssUpstream } from "../../src/upstream/upstream.types";
import { emulatorConfig, startTestEmulator, testClient } from "../support/upstream-test.harness";
import { TEST_REGION } from "../support/upstream-test.world";

const describeGroups = (upstream: EssUpstream) => upstream.describeScalingGroups({ regionId: TEST_REGION, scalingGroupIds: ["asg-test1"] });

/** Activities of asg-test1 other than the world's past one. */
async function newActivityIds(upstream: EssUpstream): Promise<string[]> {
  const page = await upstream.describeScalingActivities({ regionId: TEST_REGION, scalingGroupId: "asg-test1", pageSize: 50 });
  return page.items.map((activity) => activity.scalingActivityId).filter((id) => id !== "asa-past1");
}

for (const { faultName, fault, partialFault, code, httpStatus } of [
  { faultName: "throttling", fault: { throttlingRate: 1 }, partialFault: { throttlingRate: 0.3 }, code: "Throttling", httpStatus: 400 },
  {
    faultName: "ServiceUnavailable",
    fault: { serviceUnavailableRate: 1 },
    partialFault: { serviceUnavailableRate: 0.3 },
    code: "ServiceUnavailable",
    httpStatus: 503,
  },
]) {
  describe(`retries on ${faultName}`, () => {
    test("100%: exactly maxAttempts calls, then the typed error", async (t) => {
      const emulator = await startTestEmulator(t);
      const { upstream, events, sleeps } = testClient(
        t,
        emulatorConfig(emulator, { retry: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 6 } }),
      );
      emulator.control.setFault("DescribeScalingGroups", fault);
      await assert.rejects(describeGroups(upstream), (error: unknown) => {
        assert.ok(error instanceof UpstreamError);
        assert.equal(error.code, code);
        assert.equal(error.httpStatus, httpStatus);
        assert.equal(error.retryable, true);
        assert.match(error.requestId ?? "", /\S/);
        return true;
      });
      assert.deepEqual(emulator.control.callCounts(), { DescribeScalingGroups: 4 });
      assert.deepEqual(
        events.map((e) => [e.attempt, e.code, e.willRetry]),
        [
          [1, code, true],
          [2, code, true],
          [3, code, true],
          [4, code, false],
        ],
      );
      // Full jitter with random() = 0.5: half of min(6, 2 * 2^k).
      assert.deepEqual(sleeps, [1, 2, 3]);
    });

    test("30% with a fixed seed: every call succeeds, some after retries", async (t) => {
      const emulator = await startTestEmulator(t, { faultSeed: 12345 });
      const { upstream, events } = testClient(t, emulatorConfig(emulator, { retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 2 } }));
      emulator.control.setFault("*", partialFault);
      for (let i = 0; i < 20; i++) {
        const page = await describeGroups(upstream);
        assert.equal(page.items[0].scalingGroupId, "asg-test1");
      }
      const retried = events.filter((e) => e.outcome === "error");
      assert.ok(retried.length > 0, "the seed produces some failures");
      assert.ok(retried.every((e) => e.code === code && e.willRetry === true));
      assert.equal(emulator.control.callCounts().DescribeScalingGroups, 20 + retried.length);
    });
  });
}

describe("AttachInstances retries keep the ClientToken, so nothing is attached twice", () => {
  async function attachWithFaultOnFirstAttempt(
    t: TestContext,
    setUp: (emulator: RunningEmulator) => void,
    timeoutMs: number,
  ): Promise<{
    emulator: RunningEmulator;
    upstream: EssUpstream;
    events: UpstreamCallEvent[];
    outcome: Awaited<ReturnType<EssUpstream["attachInstances"]>>;
  }> {
    const emulator = await startTestEmulator(t);
    const { upstream, events } = testClient(t, emulatorConfig(emulator, { timeoutMs }), (event) => {
      // The first attempt failed in transit; let the retry through.
      if (event.outcome === "error") emulator.control.clearFaults();
    });
    setUp(emulator);
    const outcome = await upstream.attachInstances({
      regionId: TEST_REGION,
      scalingGroupId: "asg-test1",
      instances: [{ instanceId: "i-free4", loadBalancerWeight: 40 }],
      clientToken: "retry-token-0001",
    });
    return { emulator, upstream, events, outcome };
  }

  test("a response slower than timeoutMs: RequestTimeout, retried, one activity", async (t) => {
    const { emulator, upstream, events, outcome } = await attachWithFaultOnFirstAttempt(
      t,
      (emulator) => emulator.control.setFault("AttachInstances", { latencyMs: 1500 }),
      300,
    );
    assert.deepEqual(
      events.map((e) => [e.action, e.attempt, e.outcome, e.code ?? null, e.httpStatus ?? null]),
      [
        ["AttachInstances", 1, "error", "RequestTimeout", null],
        ["AttachInstances", 2, "ok", null, null],
      ],
    );
    assert.equal(emulator.control.callCounts().AttachInstances, 2, "the first attempt reached the emulator and ran");
    assert.equal(outcome.clientToken, "retry-token-0001");
    assert.deepEqual(await newActivityIds(upstream), [outcome.scalingActivityId], "exactly one activity, the outcome's");
  });

  test("a dropped connection: ConnectionReset, retried, one activity", async (t) => {
    const { emulator, upstream, events, outcome } = await attachWithFaultOnFirstAttempt(
      t,
      (emulator) => emulator.control.setFault("AttachInstances", { dropConnectionRate: 1 }),
      5_000,
    );
    assert.deepEqual(
      events.map((e) => [e.attempt, e.outcome, e.code ?? null]),
      [
        [1, "error", "ConnectionReset"],
        [2, "ok", null],
      ],
    );
    assert.equal(emulator.control.callCounts().AttachInstances, 2);
    assert.deepEqual(await newActivityIds(upstream), [outcome.scalingActivityId]);
  });

  test("ScalingActivityInProgress is waited out for AttachInstances", async (t) => {
    const emulator = await startTestEmulator(t);
    const { upstream, events } = testClient(t, emulatorConfig(emulator), (event) => {
      if (event.code === "ScalingActivityInProgress") emulator.control.finishExternalActivities("asg-busy1");
    });
    const outcome = await upstream.attachInstances({
      regionId: TEST_REGION,
      scalingGroupId: "asg-busy1",
      instances: [{ instanceId: "i-free4" }],
      clientToken: "busy-token-0001",
    });
    assert.match(outcome.scalingActivityId, /^asa-/);
    assert.deepEqual(
      events.map((e) => [e.attempt, e.code ?? "ok", e.willRetry ?? null]),
      [
        [1, "ScalingActivityInProgress", true],
        [2, "ok", null],
      ],
    );
  });

  test("a call right after another on the same keep-alive socket still times out", async (t) => {
    // Regression: httpx's read timer is cancelled by the previous call's stale timer on a reused
    // socket (tea-util reads bodies without clearing it); the client's own deadline must hold.
    const emulator = await startTestEmulator(t);
    const { upstream, events } = testClient(
      t,
      emulatorConfig(emulator, { timeoutMs: 200, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
    );
    await describeGroups(upstream);
    emulator.control.setFault("DescribeScalingGroups", { latencyMs: 1_000 });
    // Without the client's deadline the response (1 s) would arrive before the SDK's idle backstop (2 s).
    await assert.rejects(describeGroups(upstream), { code: "RequestTimeout" });
    assert.deepEqual(
      events.map((e) => e.code ?? "ok"),
      ["ok", "RequestTimeout"],
    );
  });

  test("timeouts on every attempt are bounded by maxAttempts", async (t) => {
    const emulator = await startTestEmulator(t);
    const { upstream } = testClient(
      t,
      emulatorConfig(emulator, { timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }),
    );
    emulator.control.setFault("DescribeScalingGroups", { latencyMs: 600 });
    await assert.rejects(describeGroups(upstream), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, "RequestTimeout");
      assert.equal(error.httpStatus, null);
      assert.equal(error.requestId, null);
      assert.equal(error.retryable, true);
      assert.match(error.message, /150 ms/);
      return true;
    });
    assert.equal(emulator.control.callCounts().DescribeScalingGroups, 2);
  });
});
