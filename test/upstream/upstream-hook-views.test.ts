import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createEssUpstream } from "../../src/upstream/ess-upstream.client";
import { UpstreamError } from "../../src/upstream/upstream.error";
import type { UpstreamCallEvent } from "../../src/upstream/upstream.hooks";
import { emulatorConfig, startTestEmulator } from "../support/upstream-test.harness";
import { TEST_REGION } from "../support/upstream-test.world";

/**
 * `withHooks` views: how the gateway reports each request's upstream attempts to that request
 * (its correlation id) on one shared client, without async context tracking.
 */
describe("views of the upstream client with their own hooks", () => {
  test("each view's attempts, retries included, reach only its own hooks; the client's hooks see only its own calls", async (t) => {
    const emulator = await startTestEmulator(t);
    const clientEvents: UpstreamCallEvent[] = [];
    const upstream = createEssUpstream(
      emulatorConfig(emulator),
      { onCall: (event) => clientEvents.push(event) },
      { random: () => 0.5, sleep: async () => undefined },
    );
    t.after(() => upstream.close());
    const firstEvents: UpstreamCallEvent[] = [];
    const secondEvents: UpstreamCallEvent[] = [];
    const first = upstream.withHooks({ onCall: (event) => firstEvents.push(event) });
    const second = upstream.withHooks({ onCall: (event) => secondEvents.push(event) });

    emulator.control.setFault("DescribeScalingGroups", { serviceUnavailableRate: 1 });
    const [failed, read] = await Promise.allSettled([
      first.describeScalingGroups({ regionId: TEST_REGION }),
      second.describeInstances({ regionId: TEST_REGION, instanceIds: ["i-test-none"] }),
    ]);
    emulator.control.clearFaults();
    assert.equal(failed.status, "rejected");
    assert.ok(failed.status === "rejected" && failed.reason instanceof UpstreamError && failed.reason.code === "ServiceUnavailable");
    assert.equal(read.status, "fulfilled");
    await upstream.describeScalingGroups({ regionId: TEST_REGION });

    assert.deepEqual(
      firstEvents.map((event) => [event.action, event.attempt, event.outcome, event.willRetry]),
      [
        ["DescribeScalingGroups", 1, "error", true],
        ["DescribeScalingGroups", 2, "error", true],
        ["DescribeScalingGroups", 3, "error", true],
        ["DescribeScalingGroups", 4, "error", false],
      ],
    );
    assert.deepEqual(
      secondEvents.map((event) => [event.action, event.attempt, event.outcome]),
      [["DescribeInstances", 1, "ok"]],
    );
    assert.deepEqual(
      clientEvents.map((event) => [event.action, event.attempt, event.outcome]),
      [["DescribeScalingGroups", 1, "ok"]],
    );
  });

  test("a view shares the client's lifetime: closing the client refuses the view's calls, and the other way round", async (t) => {
    const emulator = await startTestEmulator(t);
    const upstream = createEssUpstream(emulatorConfig(emulator));
    const view = upstream.withHooks({});
    await view.describeScalingGroups({ regionId: TEST_REGION });
    await upstream.close();
    await assert.rejects(
      view.describeScalingGroups({ regionId: TEST_REGION }),
      (error: unknown) => error instanceof UpstreamError && error.code === "ClientClosed",
    );

    const other = createEssUpstream(emulatorConfig(emulator));
    await other.withHooks({}).close();
    await assert.rejects(
      other.describeScalingGroups({ regionId: TEST_REGION }),
      (error: unknown) => error instanceof UpstreamError && error.code === "ClientClosed",
    );
  });
});
