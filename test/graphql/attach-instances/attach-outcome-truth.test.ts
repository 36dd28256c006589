import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AttachInstancesDocument, type AttachInstancesMutation } from "../../../operations/__generated__/graphql";
import type { RunningGateway } from "../../../src/server/gateway";
import type { EssUpstream } from "../../../src/upstream/upstream.types";
import { attachTestWorld, cleanInstanceId, REGION, ROOMY_GROUP_COUNT, roomyGroupId } from "../../support/attach-test-world";
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

type AttachResult = AttachInstancesMutation["attachInstances"];

/** The group an instance is in now, read through the real API; null when it is in none. */
async function groupOf(upstream: EssUpstream, instanceId: string): Promise<string | null> {
  const page = await upstream.describeScalingInstances({ regionId: REGION, instanceIds: [instanceId] });
  return page.items[0]?.scalingGroupId ?? null;
}

async function activityCount(upstream: EssUpstream, scalingGroupId: string): Promise<number> {
  return (await upstream.describeScalingActivities({ regionId: REGION, scalingGroupId, pageSize: 50 })).totalCount;
}

/**
 * The outcome-truth promise: an attach that happened never reports a failure. Every answer is checked
 * against the emulator's state through the real API: a failure member means the instance is in no
 * group; `AttachOutcomeUnknownError` means "retry with this token", and that retry settles it.
 */
describe("attachInstances outcomes are true under faults that strike after ESS committed", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness({ world: attachTestWorld(), faultSeed: 20261202 });
  });
  after(async () => {
    await harness.close();
  });

  test("100 mutations with 25% faults (dropped after commit, throttled, unavailable): 0 failures for attached instances, every unknown settles with its token", async () => {
    harness.control.setFault("AttachInstances", { dropConnectionRate: 0.15, throttlingRate: 0.05, serviceUnavailableRate: 0.05 });
    const answers: Array<{ instanceId: string; scalingGroupId: string; result: AttachResult }> = [];
    try {
      for (let start = 0; start < 100; start += 10) {
        await Promise.all(
          Array.from({ length: 10 }, async (_, offset) => {
            const index = start + offset;
            const instanceId = cleanInstanceId(index);
            const scalingGroupId = roomyGroupId(index % ROOMY_GROUP_COUNT);
            const response = await harness.execute(AttachInstancesDocument, {
              input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }] },
            });
            assert.equal(response.errors, undefined, JSON.stringify(response.errors));
            answers.push({ instanceId, scalingGroupId, result: response.data!.attachInstances });
          }),
        );
      }
    } finally {
      harness.control.clearFaults();
    }

    const tally = new Map<string, number>();
    for (const { instanceId, scalingGroupId, result } of answers) {
      tally.set(result.__typename, (tally.get(result.__typename) ?? 0) + 1);
      const attachedTo = await groupOf(harness.upstream, instanceId);
      if (result.__typename === "AttachInstancesSuccess") {
        assert.equal(attachedTo, scalingGroupId, `${instanceId}: a success is attached`);
      } else if (result.__typename === "AttachOutcomeUnknownError") {
        assert.ok(result.clientToken, "an unknown outcome names its token");
        const settled = await harness.execute(AttachInstancesDocument, {
          input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }], clientToken: result.clientToken },
        });
        const answer = settled.data!.attachInstances;
        assert.equal(answer.__typename, "AttachInstancesSuccess", `the same-token retry settles ${instanceId}: ${JSON.stringify(answer)}`);
        assert.equal(await groupOf(harness.upstream, instanceId), scalingGroupId);
      } else {
        assert.equal(attachedTo, null, `${instanceId} is attached although the mutation answered ${JSON.stringify(result)}`);
        assert.ok("clientToken" in result && result.clientToken, `${result.__typename} carries its token`);
      }
    }
    // No retry or replay attached twice: one activity per attached instance.
    for (let group = 0; group < ROOMY_GROUP_COUNT; group++) {
      const members = (
        await harness.upstream.describeScalingInstances({ regionId: REGION, scalingGroupId: roomyGroupId(group), pageSize: 100 })
      ).totalCount;
      assert.equal(
        await activityCount(harness.upstream, roomyGroupId(group)),
        members,
        `${roomyGroupId(group)}: one activity per instance`,
      );
    }
    assert.ok((tally.get("AttachInstancesSuccess") ?? 0) >= 90, `most settle to success: ${JSON.stringify([...tally])}`);
  });

  test("a timed-out attempt that committed, then throttling on every retry: settled to success, not reported as Throttling", async () => {
    const instanceId = cleanInstanceId(120);
    const scalingGroupId = roomyGroupId(7);
    const activitiesBefore = await activityCount(harness.upstream, scalingGroupId);
    harness.control.resetCallCounts();
    harness.control.setFault("AttachInstances", { latencyMs: 8_000 });
    const pending = harness.execute(AttachInstancesDocument, { input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }] } });
    while ((harness.control.callCounts().AttachInstances ?? 0) < 1) await sleep(2);
    // The first attempt has committed; its answer will come too late. Every later attempt is throttled for a while.
    harness.control.setFault("AttachInstances", { throttlingRate: 1 });
    await sleep(150);
    harness.control.clearFaults();
    const response = await pending;
    const result = response.data!.attachInstances;
    assert.equal(result.__typename, "AttachInstancesSuccess", JSON.stringify(result));
    assert.equal(await groupOf(harness.upstream, instanceId), scalingGroupId);
    assert.equal(await activityCount(harness.upstream, scalingGroupId), activitiesBefore + 1, "one activity, not one per attempt");
  });
});

/**
 * The upstream dies (kill -9) after committing an attach, before answering. The gateway runs in
 * real mode against the emulator's own process, as a deployment would against Alibaba Cloud.
 */
describe("attachInstances when the upstream is killed after it committed", () => {
  const dir = mkdtempSync(join(tmpdir(), "ess-outcome-"));
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

  /** Starts an attach whose first attempt commits and then hangs; kills the emulator once it has committed. */
  async function attachThenKill(client: GraphQLClient, instanceId: string, scalingGroupId: string, clientToken: string) {
    await emulatorAdmin(emulator.port, "DELETE", "calls");
    await emulatorAdmin(emulator.port, "PUT", "faults/AttachInstances", { latencyMs: 60_000 });
    const pending = client.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }], clientToken },
    });
    await waitForCall(emulator.port, "AttachInstances");
    await killHard(emulator.child);
    return pending;
  }

  test("down for longer than the settle window: AttachOutcomeUnknownError with the token; after the restart a same-token retry returns the committed activity", async () => {
    const client = await startRealMode(400);
    const instanceId = cleanInstanceId(130);
    const scalingGroupId = roomyGroupId(11);
    const response = await attachThenKill(client, instanceId, scalingGroupId, "killed-token-1");
    const result = response.data!.attachInstances;
    assert.equal(result.__typename, "AttachOutcomeUnknownError", JSON.stringify(result));
    if (result.__typename !== "AttachOutcomeUnknownError") return;
    assert.equal(result.clientToken, "killed-token-1");
    assert.equal(result.retryable, true);
    assert.ok(["ConnectionRefused", "ConnectionReset"].includes(String(result.lastUpstreamCode)), String(result.lastUpstreamCode));

    emulator = await spawnEmulator({ dbPath, worldPath, port: emulator.port });
    const retried = await client.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }], clientToken: "killed-token-1" },
    });
    const answer = retried.data!.attachInstances;
    assert.equal(answer.__typename, "AttachInstancesSuccess", JSON.stringify(answer));
    const check = await client.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId, instances: [{ instanceId }] },
    });
    assert.equal(
      check.data!.attachInstances.__typename,
      "InstanceInUseError",
      "the killed attempt had attached it: a new token is refused",
    );
    if (check.data!.attachInstances.__typename === "InstanceInUseError") {
      assert.equal(check.data!.attachInstances.currentScalingGroupId, scalingGroupId);
      assert.match(check.data!.attachInstances.message, /already in this scaling group/);
    }
  });

  test("back within the settle window: the gateway settles the outcome itself and answers with the committed activity", async () => {
    const client = await startRealMode(10_000);
    const instanceId = cleanInstanceId(131);
    const scalingGroupId = roomyGroupId(12);
    const port = emulator.port;
    const pending = attachThenKill(client, instanceId, scalingGroupId, "killed-token-2");
    // Restart once the kill has happened (the pending mutation is then replaying against a closed port).
    while (emulator.child.exitCode === null && emulator.child.signalCode === null) await sleep(5);
    await sleep(300);
    emulator = await spawnEmulator({ dbPath, worldPath, port });
    const response = await pending;
    const result = response.data!.attachInstances;
    assert.equal(result.__typename, "AttachInstancesSuccess", JSON.stringify(result));
    assert.equal(result.__typename === "AttachInstancesSuccess" && result.clientToken, "killed-token-2");
  });
});
