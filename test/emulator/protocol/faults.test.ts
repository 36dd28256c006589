import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { performance } from "node:perf_hooks";
import { startProtocolEmulator } from "../../support/emulator-fixture.helper";
import { ESS_VERSION, GROUP_IDS, INSTANCE_IDS, REGION, TEST_KEY } from "../../support/protocol-world.fixture";
import { jsonOf, rawRequest, sendV1 } from "../../support/signed-request.helper";

const describeGroups = {
  key: TEST_KEY,
  action: "DescribeScalingGroups",
  version: ESS_VERSION,
  params: { RegionId: REGION },
};

function attach(url: string, groupId: string, instanceId: string) {
  return sendV1(url, {
    method: "POST",
    key: TEST_KEY,
    action: "AttachInstances",
    version: ESS_VERSION,
    params: { RegionId: REGION, ScalingGroupId: groupId, "InstanceId.1": instanceId },
  });
}

async function groupCapacity(url: string, groupId: string): Promise<number> {
  const response = await sendV1(url, { ...describeGroups, params: { RegionId: REGION, "ScalingGroupId.1": groupId } });
  return jsonOf(response).ScalingGroups.ScalingGroup[0].TotalCapacity as number;
}

describe("fault injection", () => {
  test("throttling rate 1: every call is 400 Throttling and the action never runs", async (t) => {
    const emulator = await startProtocolEmulator((close) => t.after(close), { admin: true });
    emulator.control.setFault("AttachInstances", { throttlingRate: 1 });
    for (const instanceId of INSTANCE_IDS.slice(0, 3)) {
      const response = await attach(emulator.url, GROUP_IDS[0], instanceId);
      assert.equal(response.status, 400);
      assert.equal(jsonOf(response).Code, "Throttling");
      assert.equal(jsonOf(response).Message, "Request was denied due to request throttling.");
    }
    assert.equal(await groupCapacity(emulator.url, GROUP_IDS[0]), 0, "no instance was attached");
    // Faulted calls are counted: the counter records what clients sent.
    assert.equal(emulator.control.callCounts().AttachInstances, 3);
    // Faults never apply to the admin surface, nor before authentication.
    emulator.control.setFault("*", { throttlingRate: 1 });
    assert.equal((await rawRequest(emulator.url, { method: "GET", path: "/_emulator/calls" })).status, 200);
    const unsigned = await sendV1(emulator.url, { ...describeGroups, signatureOverride: "bm9wZQ==" });
    assert.equal(jsonOf(unsigned).Code, "SignatureDoesNotMatch");
  });

  test("serviceUnavailable rate 1 is 503 ServiceUnavailable", async (t) => {
    const emulator = await startProtocolEmulator((close) => t.after(close));
    emulator.control.setFault("*", { serviceUnavailableRate: 1 });
    const response = await sendV1(emulator.url, describeGroups);
    assert.equal(response.status, 503);
    assert.equal(jsonOf(response).Code, "ServiceUnavailable");
    emulator.control.clearFaults();
    assert.equal((await sendV1(emulator.url, describeGroups)).status, 200);
  });

  test("rate 0.3 with a seed is reproducible across emulators", async (t) => {
    const outcomes = async (seed: number) => {
      const emulator = await startProtocolEmulator((close) => t.after(close), { faultSeed: seed });
      emulator.control.setFault("DescribeScalingGroups", { throttlingRate: 0.3 });
      const statuses: number[] = [];
      for (let call = 0; call < 30; call++) statuses.push((await sendV1(emulator.url, describeGroups)).status);
      await emulator.close();
      return statuses;
    };
    const first = await outcomes(2026);
    assert.deepEqual(await outcomes(2026), first);
    const throttled = first.filter((status) => status === 400).length;
    assert.ok(throttled > 0 && throttled < 30, `some calls throttled, not all (${throttled}/30)`);
  });

  test("latency delays the response after the action ran", async (t) => {
    const emulator = await startProtocolEmulator((close) => t.after(close));
    emulator.control.setFault("AttachInstances", { latencyMs: 200 });
    const started = performance.now();
    const response = await attach(emulator.url, GROUP_IDS[1], INSTANCE_IDS[3]);
    assert.equal(response.status, 200, response.text);
    assert.ok(performance.now() - started >= 190, "the response waited for the injected latency");
  });

  test("a dropped connection: the client sees a socket error while the attach happened", async (t) => {
    const emulator = await startProtocolEmulator((close) => t.after(close));
    emulator.control.setFault("AttachInstances", { dropConnectionRate: 1 });
    await assert.rejects(attach(emulator.url, GROUP_IDS[2], INSTANCE_IDS[4]), (error: NodeJS.ErrnoException) => {
      assert.ok(["ECONNRESET", "EPIPE"].includes(error.code ?? "") || /socket hang up/.test(error.message), String(error));
      return true;
    });
    emulator.control.clearFaults();
    assert.equal(await groupCapacity(emulator.url, GROUP_IDS[2]), 1, "the action's effect happened");
  });

  test("close() during an injected latency still closes promptly", async (t) => {
    const emulator = await startProtocolEmulator((close) => t.after(close));
    emulator.control.setFault("*", { latencyMs: 60_000 });
    const pending = sendV1(emulator.url, describeGroups).then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await emulator.close();
    assert.equal(await pending, "dropped");
  });
});
