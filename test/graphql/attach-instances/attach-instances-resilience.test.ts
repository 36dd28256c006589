import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AttachInstancesDocument } from "../../../operations/__generated__/graphql";
import type { EssUpstream, UpstreamScalingActivity, UpstreamScalingInstance } from "../../../src/upstream/upstream.types";
import { attachTestWorld, cleanInstanceId, REGION, ROOMY_GROUP_COUNT, roomyGroupId } from "../../support/attach-test-world";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const MUTATIONS = 100;
const CONCURRENCY = 10;

async function allInstancesOf(upstream: EssUpstream, scalingGroupId: string): Promise<UpstreamScalingInstance[]> {
  const all: UpstreamScalingInstance[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await upstream.describeScalingInstances({ regionId: REGION, scalingGroupId, pageNumber, pageSize: 100 });
    all.push(...page.items);
    if (all.length >= page.totalCount || page.items.length === 0) return all;
  }
}

async function allActivitiesOf(upstream: EssUpstream, scalingGroupId: string): Promise<UpstreamScalingActivity[]> {
  const all: UpstreamScalingActivity[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await upstream.describeScalingActivities({ regionId: REGION, scalingGroupId, pageNumber, pageSize: 50 });
    all.push(...page.items);
    if (all.length >= page.totalCount || page.items.length === 0) return all;
  }
}

describe("attachInstances under upstream faults", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness({ world: attachTestWorld(), faultSeed: 20261127 });
  });
  after(async () => {
    await harness.close();
  });

  test(`${MUTATIONS} mutations with 30% Throttling and 30% ServiceUnavailable (and 10% dropped connections) each end in a typed result, and nothing is attached twice`, async () => {
    harness.control.setFault("AttachInstances", { throttlingRate: 0.3, serviceUnavailableRate: 0.3, dropConnectionRate: 0.1 });
    const typenames = new Map<string, number>();
    const successes: Array<{ instanceId: string; scalingGroupId: string; scalingActivityId: string }> = [];
    try {
      for (let start = 0; start < MUTATIONS; start += CONCURRENCY) {
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, offset) => {
            const index = start + offset;
            const instanceId = cleanInstanceId(index);
            const scalingGroupId = roomyGroupId(index % ROOMY_GROUP_COUNT);
            const response = await harness.execute(AttachInstancesDocument, {
              input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }] },
            });
            assert.equal(response.httpStatus, 200);
            assert.equal(response.errors, undefined, JSON.stringify(response.errors));
            const result = response.data?.attachInstances;
            assert.ok(result, "a typed result, never null");
            typenames.set(result.__typename, (typenames.get(result.__typename) ?? 0) + 1);
            if (result.__typename === "AttachInstancesSuccess") {
              successes.push({ instanceId, scalingGroupId, scalingActivityId: result.scalingActivityId });
            } else if (result.__typename !== "AttachOutcomeUnknownError") {
              // An open outcome (a dropped attempt that may have committed) is settled or reported as
              // unknown (test/graphql/attach-instances/attach-outcome-truth.test.ts checks those against the state).
              assert.equal(result.__typename, "UpstreamError", `only exhausted retries may fail here: ${JSON.stringify(result)}`);
              if (result.__typename === "UpstreamError") {
                assert.ok(["Throttling", "ServiceUnavailable", "ConnectionReset"].includes(result.code), result.code);
                assert.equal(result.retryable, true);
              }
            }
          }),
        );
      }
    } finally {
      harness.control.clearFaults();
    }
    assert.equal(
      [...typenames.values()].reduce((sum, count) => sum + count, 0),
      MUTATIONS,
    );
    assert.ok((typenames.get("AttachInstancesSuccess") ?? 0) >= 80, `most succeed after retries: ${JSON.stringify([...typenames])}`);

    const seen = new Map<string, string>();
    for (let group = 0; group < ROOMY_GROUP_COUNT; group++) {
      const scalingGroupId = roomyGroupId(group);
      const members = await allInstancesOf(harness.upstream, scalingGroupId);
      for (const member of members) {
        assert.ok(
          !seen.has(member.instanceId),
          `${member.instanceId} is attached twice (${seen.get(member.instanceId)}, ${scalingGroupId})`,
        );
        seen.set(member.instanceId, scalingGroupId);
      }
      // One activity per attached instance: no retry started a second activity.
      const activities = await allActivitiesOf(harness.upstream, scalingGroupId);
      assert.equal(activities.length, members.length, `${scalingGroupId}: one activity per attached instance`);
    }
    for (const success of successes) {
      assert.equal(seen.get(success.instanceId), success.scalingGroupId, `${success.instanceId} is in its group`);
    }
  });
});

describe("attachInstances when the upstream call times out", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness({
      world: attachTestWorld(),
      client: { timeoutMs: 300, connectTimeoutMs: 300, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    });
  });
  after(async () => {
    await harness.close();
  });

  test("the retry carries the same ClientToken and yields the one activity the timed-out call started", async () => {
    const scalingGroupId = roomyGroupId(5);
    const instanceId = cleanInstanceId(150);
    harness.control.resetCallCounts();
    // The first attempt runs (and commits) in the emulator, but its answer comes too late.
    harness.control.setFault("AttachInstances", { latencyMs: 2_000 });
    const pending = harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }], clientToken: "timeout-token-1" },
    });
    while ((harness.control.callCounts().AttachInstances ?? 0) < 1) await sleep(2);
    harness.control.clearFaults();
    const response = await pending;

    const result = response.data?.attachInstances;
    assert.equal(result?.__typename, "AttachInstancesSuccess", JSON.stringify(response));
    if (result?.__typename !== "AttachInstancesSuccess") return;
    assert.equal(result.clientToken, "timeout-token-1");
    assert.equal(harness.control.callCounts().AttachInstances, 2, "one timed-out attempt, one retry");
    assert.ok(
      harness.logLines.some(
        (line) =>
          line.includes('"action":"AttachInstances"') && line.includes('"code":"RequestTimeout"') && line.includes('"willRetry":true'),
      ),
      "the first attempt timed out and was retried",
    );

    const activities = await allActivitiesOf(harness.upstream, scalingGroupId);
    assert.equal(activities.length, 1, "one activity, not two");
    assert.equal(activities[0].scalingActivityId, result.scalingActivityId, "the retry returned the original activity");
    const members = await allInstancesOf(harness.upstream, scalingGroupId);
    assert.deepEqual(
      members.map((member) => member.instanceId),
      [instanceId],
    );
  });
});
