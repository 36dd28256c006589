import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AttachInstancesDocument, DetachInstancesDocument, type DetachInstancesMutation } from "../../../operations/__generated__/graphql";
import type { EssUpstream } from "../../../src/upstream/upstream.types";
import { attachTestWorld, cleanInstanceId, REGION, ROOMY_GROUP_COUNT, roomyGroupId } from "../../support/attach-test-world";
import type { RunningGateway } from "../../../src/server/gateway";
import {
  emulatorAdmin,
  killHard,
  spawnEmulator,
  startRealModeGateway,
  waitForCall,
  type EmulatorProcess,
} from "../../support/emulator-process";
import {
  assertNoSecretLeaks,
  secretsOf,
  startGatewayHarness,
  type GatewayHarness,
  type GraphQLClient,
} from "../../support/gateway-harness";

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
 * The outcome-truth promise, for detach: a detach that happened never reports a failure, and no
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
      assert.equal(
        await detachActivityCount(harness.upstream, scalingGroupId),
        detached,
        `${scalingGroupId}: one detach activity per detached instance`,
      );
    }
    assert.ok((tally.get("DetachInstancesSuccess") ?? 0) >= COUNT * 0.85, `most settle to success: ${JSON.stringify([...tally])}`);
  });

  test("a timed-out attempt that committed, then throttling on every retry: settled to success, not reported as Throttling", async () => {
    const index = COUNT;
    const instanceId = cleanInstanceId(index);
    const scalingGroupId = roomyGroupId(3);
    harness.control.clearFaults();
    const attached = await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }] },
    });
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

/**
 * The upstream dies (kill -9) after committing a detach, before answering. The gateway runs in real
 * mode against the emulator's own process, as a deployment would against Alibaba Cloud.
 */
describe("detachInstances when the upstream is killed after it committed", () => {
  const dir = mkdtempSync(join(tmpdir(), "ess-detach-outcome-"));
  const worldPath = join(dir, "world.json");
  const dbPath = join(dir, "emulator.db");
  let emulator: EmulatorProcess;
  const gateways: RunningGateway[] = [];
  const logLines: string[] = [];
  const responseBodies: string[] = [];

  const startRealMode = async (settleMs: number): Promise<GraphQLClient> => {
    const { gateway, client } = await startRealModeGateway({ emulatorPort: emulator.port, settleMs, logLines, responseBodies });
    gateways.push(gateway);
    return client;
  };

  before(async () => {
    writeFileSync(worldPath, JSON.stringify(attachTestWorld()));
    emulator = await spawnEmulator({ dbPath, worldPath, port: 0 });
  });
  after(async () => {
    for (const gateway of gateways) await gateway.close();
    await killHard(emulator.child);
    rmSync(dir, { recursive: true, force: true });
    assertNoSecretLeaks([...logLines, ...responseBodies], secretsOf(attachTestWorld()));
  });

  /** Attaches the instance, then starts a detach whose first attempt commits and hangs; kills the emulator once it has committed. */
  async function detachThenKill(client: GraphQLClient, instanceId: string, scalingGroupId: string, clientToken: string) {
    const attached = await client.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }] },
    });
    assert.equal(attached.data?.attachInstances.__typename, "AttachInstancesSuccess", JSON.stringify(attached));
    await emulatorAdmin(emulator.port, "DELETE", "calls");
    await emulatorAdmin(emulator.port, "PUT", "faults/DetachInstances", { latencyMs: 60_000 });
    const pending = client.execute(DetachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instanceIds: [instanceId], clientToken },
    });
    await waitForCall(emulator.port, "DetachInstances");
    await killHard(emulator.child);
    return pending;
  }

  test("down for longer than the settle window: AttachOutcomeUnknownError with the token; after the restart a same-token retry returns the committed activity", async () => {
    const client = await startRealMode(400);
    const instanceId = cleanInstanceId(140);
    const scalingGroupId = roomyGroupId(13);
    const response = await detachThenKill(client, instanceId, scalingGroupId, "killed-detach-1");
    const result = response.data!.detachInstances;
    assert.equal(result.__typename, "AttachOutcomeUnknownError", JSON.stringify(result));
    if (result.__typename !== "AttachOutcomeUnknownError") return;
    assert.equal(result.clientToken, "killed-detach-1");
    assert.deepEqual(result.instanceIds, [instanceId]);
    assert.ok(["ConnectionRefused", "ConnectionReset"].includes(String(result.lastUpstreamCode)), String(result.lastUpstreamCode));

    emulator = await spawnEmulator({ dbPath, worldPath, port: emulator.port });
    const retried = await client.execute(DetachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instanceIds: [instanceId], clientToken: "killed-detach-1" },
    });
    assert.equal(retried.data!.detachInstances.__typename, "DetachInstancesSuccess", JSON.stringify(retried.data));
    const check = await client.execute(DetachInstancesDocument, { input: { regionId: REGION, scalingGroupId, instanceIds: [instanceId] } });
    assert.equal(
      check.data!.detachInstances.__typename,
      "InstanceNotInScalingGroupError",
      "the killed attempt had detached it: a new token finds nothing to detach",
    );
  });

  test("back within the settle window: the gateway settles the outcome itself and answers with the committed activity", async () => {
    const client = await startRealMode(10_000);
    const instanceId = cleanInstanceId(141);
    const scalingGroupId = roomyGroupId(14);
    const port = emulator.port;
    const pending = detachThenKill(client, instanceId, scalingGroupId, "killed-detach-2");
    // Restart once the kill has happened (the pending mutation is then replaying against a closed port).
    while (emulator.child.exitCode === null && emulator.child.signalCode === null) await sleep(5);
    await sleep(300);
    emulator = await spawnEmulator({ dbPath, worldPath, port });
    const response = await pending;
    const result = response.data!.detachInstances;
    assert.equal(result.__typename, "DetachInstancesSuccess", JSON.stringify(result));
    assert.equal(result.__typename === "DetachInstancesSuccess" && result.clientToken, "killed-detach-2");
  });
});
