import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AttachInstancesDocument, DetachInstancesDocument, type DetachInstancesMutation } from "../../operations/__generated__/graphql";
import type { EssUpstream } from "../../src/upstream/upstream.types";
import { attachTestWorld, cleanInstanceId, REGION, ROOMY_GROUP_COUNT, roomyGroupId } from "../support/attach-test-world";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";

type DetachResult = DetachInstancesMutation["detachInstances"];

async function groupOf(upstream: EssUpstream, instanceId: string): Promise<string | null> {
  const page = await upstream.describeScalingInstances({ regionId: REGION, instanceIds: [instanceId] });
  return page.items[0]?.scalingGroupId ?? null;
}

async function detachActivityCount(upstream: EssUpstream, scalingGroupId: string): Promise<number> {
  const page = await upstream.describeScalingActivities({ regionId: REGION, scalingGroupId, pageSize: 50 });
  return page.items.filter((activity) => (activity.description ?? "").startsWith("Remove")).length;
}

/**
 * The promise of issue 8, for detach: a detach that happened never reports a failure, and no
 * instance is detached twice. Every answer is checked against the emulator's state through the
 * real API.
 */
describe("detachInstances outcomes are true under faults that strike after ESS committed", () => {
  const COUNT = 60;
  let harness: GatewayHarness;
  const home = (index: number) => roomyGroupId(index % ROOMY_GROUP_COUNT);

  before(async () => {
    harness = await startGatewayHarness({ world: attachTestWorld(), faultSeed: 20261215 });
    for (let index = 0; index < COUNT; index++) {
      const attached = await harness.execute(AttachInstancesDocument, {
        input: { regionId: REGION, scalingGroupId: home(index), instances: [{ instanceId: cleanInstanceId(index) }] },
      });
      assert.equal(attached.data?.attachInstances.__typename, "AttachInstancesSuccess");
    }
  });
  after(async () => {
    await harness.close();
  });

  test(`${COUNT} detaches with 25% faults (dropped after commit, throttled, unavailable): 0 failures for detached instances, every unknown settles with its token, none detached twice`, async () => {
    harness.control.setFault("DetachInstances", { dropConnectionRate: 0.15, throttlingRate: 0.05, serviceUnavailableRate: 0.05 });
    const answers: Array<{ index: number; result: DetachResult }> = [];
    try {
      // Ten at a time, each on its own group (index % 20), so no answer is ScalingActivityInProgress.
      for (let start = 0; start < COUNT; start += 10) {
        await Promise.all(
          Array.from({ length: 10 }, async (_, offset) => {
            const index = start + offset;
            const response = await harness.execute(DetachInstancesDocument, {
              input: { regionId: REGION, scalingGroupId: home(index), instanceIds: [cleanInstanceId(index)] },
            });
            assert.equal(response.errors, undefined, JSON.stringify(response.errors));
            answers.push({ index, result: response.data!.detachInstances });
          }),
        );
      }
    } finally {
      harness.control.clearFaults();
    }

    const tally = new Map<string, number>();
    for (const { index, result } of answers) {
      const instanceId = cleanInstanceId(index);
      tally.set(result.__typename, (tally.get(result.__typename) ?? 0) + 1);
      const now = await groupOf(harness.upstream, instanceId);
      if (result.__typename === "DetachInstancesSuccess") {
        assert.equal(now, null, `${instanceId}: a success is detached`);
      } else if (result.__typename === "AttachOutcomeUnknownError") {
        assert.ok(result.clientToken, "an unknown outcome names its token");
        const settled = await harness.execute(DetachInstancesDocument, {
          input: { regionId: REGION, scalingGroupId: home(index), instanceIds: [instanceId], clientToken: result.clientToken },
        });
        assert.equal(settled.data!.detachInstances.__typename, "DetachInstancesSuccess", `the same-token retry settles ${instanceId}`);
        assert.equal(await groupOf(harness.upstream, instanceId), null);
      } else {
        assert.equal(now, home(index), `${instanceId} is detached although the mutation answered ${JSON.stringify(result)}`);
        assert.ok("clientToken" in result && result.clientToken, `${result.__typename} carries its token`);
      }
    }
    // No retry or replay detached twice: one detach activity per detached instance, per group.
    for (let group = 0; group < ROOMY_GROUP_COUNT; group++) {
      const scalingGroupId = roomyGroupId(group);
      const left = answers.filter(({ index }) => home(index) === scalingGroupId);
      let detached = 0;
      for (const { index } of left) if ((await groupOf(harness.upstream, cleanInstanceId(index))) === null) detached++;
      assert.equal(await detachActivityCount(harness.upstream, scalingGroupId), detached, `${scalingGroupId}: one detach activity per detached instance`);
    }
    assert.ok((tally.get("DetachInstancesSuccess") ?? 0) >= COUNT * 0.85, `most settle to success: ${JSON.stringify([...tally])}`);
  });

  test("a timed-out attempt that committed, then throttling on every retry: settled to success, not reported as Throttling", async () => {
    const index = COUNT;
    const instanceId = cleanInstanceId(index);
    const scalingGroupId = roomyGroupId(3);
    harness.control.clearFaults();
    const attached = await harness.execute(AttachInstancesDocument, { input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }] } });
    assert.equal(attached.data?.attachInstances.__typename, "AttachInstancesSuccess");
    const before = await detachActivityCount(harness.upstream, scalingGroupId);
    harness.control.resetCallCounts();
    harness.control.setFault("DetachInstances", { latencyMs: 8_000 });
    const pending = harness.execute(DetachInstancesDocument, { input: { regionId: REGION, scalingGroupId, instanceIds: [instanceId] } });
    while ((harness.control.callCounts().DetachInstances ?? 0) < 1) await sleep(2);
    // The first attempt has committed; its answer will come too late. Every later attempt is throttled for a while.
    harness.control.setFault("DetachInstances", { throttlingRate: 1 });
    await sleep(150);
    harness.control.clearFaults();
    const result = (await pending).data!.detachInstances;
    assert.equal(result.__typename, "DetachInstancesSuccess", JSON.stringify(result));
    assert.equal(await groupOf(harness.upstream, instanceId), null);
    assert.equal(await detachActivityCount(harness.upstream, scalingGroupId), before + 1, "one activity, not one per attempt");
  });
});
