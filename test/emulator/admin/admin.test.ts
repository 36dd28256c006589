import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { startProtocolEmulator } from "../../support/emulator-fixture.helper";
import { ESS_VERSION, GROUP_IDS, INSTANCE_IDS, REGION, TEST_KEY, protocolTestWorld } from "../../support/protocol-world.fixture";
import { jsonOf, rawRequest, sendV1 } from "../../support/signed-request.helper";

function admin(url: string, method: string, path: string, body?: unknown) {
  return rawRequest(url, {
    method,
    path,
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}

async function capacity(url: string, groupId: string): Promise<number> {
  const response = await sendV1(url, {
    key: TEST_KEY,
    action: "DescribeScalingGroups",
    version: ESS_VERSION,
    params: { RegionId: REGION, "ScalingGroupId.1": groupId },
  });
  return jsonOf(response).ScalingGroups.ScalingGroup[0].TotalCapacity as number;
}

function attach(url: string, groupId: string, instanceId: string) {
  return sendV1(url, {
    method: "POST",
    key: TEST_KEY,
    action: "AttachInstances",
    version: ESS_VERSION,
    params: { RegionId: REGION, ScalingGroupId: groupId, "InstanceId.1": instanceId },
  });
}

describe("admin surface", () => {
  test("is off by default: /_emulator/ paths are 404", async (t) => {
    const emulator = await startProtocolEmulator((close) => t.after(close));
    for (const [method, path] of [
      ["POST", "/_emulator/reset"],
      ["GET", "/_emulator/calls"],
      ["PUT", "/_emulator/faults/AttachInstances"],
    ]) {
      const response = await admin(emulator.url, method, path, {});
      assert.equal(response.status, 404, `${method} ${path}`);
    }
  });

  describe("when enabled", () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startProtocolEmulator(undefined, { admin: true, activity: { mode: "manual" } });
    });
    after(() => emulator.close());

    test("calls: GET counts per action, DELETE resets", async () => {
      await capacity(emulator.url, GROUP_IDS[0]);
      await capacity(emulator.url, GROUP_IDS[0]);
      const calls = jsonOf(await admin(emulator.url, "GET", "/_emulator/calls"));
      assert.equal(calls.calls.DescribeScalingGroups, 2);
      assert.equal((await admin(emulator.url, "DELETE", "/_emulator/calls")).status, 200);
      assert.deepEqual(jsonOf(await admin(emulator.url, "GET", "/_emulator/calls")).calls, {});
    });

    test("faults: PUT per action (validated), GET lists, DELETE clears", async () => {
      const put = await admin(emulator.url, "PUT", "/_emulator/faults/DescribeScalingGroups", { throttlingRate: 1 });
      assert.equal(put.status, 200, put.text);
      assert.deepEqual(jsonOf(put).fault, { throttlingRate: 1 });
      const throttled = await sendV1(emulator.url, {
        key: TEST_KEY,
        action: "DescribeScalingGroups",
        version: ESS_VERSION,
        params: { RegionId: REGION },
      });
      assert.equal(jsonOf(throttled).Code, "Throttling");
      assert.equal((await admin(emulator.url, "PUT", "/_emulator/faults/*", { latencyMs: 1 })).status, 200);
      assert.deepEqual(Object.keys(jsonOf(await admin(emulator.url, "GET", "/_emulator/faults")).faults).sort(), [
        "*",
        "DescribeScalingGroups",
      ]);
      const bad = await admin(emulator.url, "PUT", "/_emulator/faults/X", { throttlingRate: 7 });
      assert.equal(bad.status, 400);
      assert.match(jsonOf(bad).Message, /throttlingRate/);
      assert.equal((await admin(emulator.url, "DELETE", "/_emulator/faults")).status, 200);
      assert.deepEqual(jsonOf(await admin(emulator.url, "GET", "/_emulator/faults")).faults, {});
    });

    test("clock/advance finishes a manual activity; reset restores the world", async () => {
      const attached = await attach(emulator.url, GROUP_IDS[1], INSTANCE_IDS[0]);
      assert.equal(attached.status, 200, attached.text);
      const busy = await attach(emulator.url, GROUP_IDS[1], INSTANCE_IDS[1]);
      assert.equal(jsonOf(busy).Code, "ScalingActivityInProgress");
      const advance = await admin(emulator.url, "POST", "/_emulator/clock/advance", { ms: 60_000 });
      assert.equal(advance.status, 200, advance.text);
      assert.equal((await attach(emulator.url, GROUP_IDS[1], INSTANCE_IDS[1])).status, 200);
      assert.equal((await admin(emulator.url, "POST", "/_emulator/clock/advance", { ms: -1 })).status, 400);

      assert.equal((await admin(emulator.url, "POST", "/_emulator/reset")).status, 200);
      assert.equal(await capacity(emulator.url, GROUP_IDS[1]), 0);
    });

    test("world: PUT replaces the world; a bad world is 400 naming the field and changes nothing", async () => {
      const world = protocolTestWorld();
      world.accounts[0].resources.scalingGroups![0].maxSize = 3;
      assert.equal((await admin(emulator.url, "PUT", "/_emulator/world", world)).status, 200);
      const groups = await sendV1(emulator.url, {
        key: TEST_KEY,
        action: "DescribeScalingGroups",
        version: ESS_VERSION,
        params: { RegionId: REGION, "ScalingGroupId.1": GROUP_IDS[0] },
      });
      assert.equal(jsonOf(groups).ScalingGroups.ScalingGroup[0].MaxSize, 3);

      const broken = protocolTestWorld() as any;
      broken.accounts[0].resources.instances[4].status = "running";
      const rejected = await admin(emulator.url, "PUT", "/_emulator/world", broken);
      assert.equal(rejected.status, 400);
      assert.equal(jsonOf(rejected).Code, "InvalidWorld");
      assert.match(jsonOf(rejected).Message, /accounts\[0\]\.resources\.instances\[4\]\.status/);
      assert.equal((await admin(emulator.url, "PUT", "/_emulator/world", "{not json")).status, 400);
    });

    test("activities/finish finishes a world-defined external activity", async () => {
      const world = protocolTestWorld();
      world.accounts[0].resources.scalingGroups![2].activities = [
        {
          scalingActivityId: "asa-external1",
          statusCode: "InProgress",
          startTime: "2026-11-27T19:00:00Z",
          progress: 50,
        },
      ];
      assert.equal((await admin(emulator.url, "PUT", "/_emulator/world", world)).status, 200);
      assert.equal(jsonOf(await attach(emulator.url, GROUP_IDS[2], INSTANCE_IDS[5])).Code, "ScalingActivityInProgress");
      const finished = await admin(emulator.url, "POST", "/_emulator/activities/finish", {
        scalingGroupId: GROUP_IDS[2],
      });
      assert.equal(finished.status, 200, finished.text);
      assert.equal((await attach(emulator.url, GROUP_IDS[2], INSTANCE_IDS[5])).status, 200);
      assert.equal((await admin(emulator.url, "POST", "/_emulator/activities/finish", {})).status, 400);
    });

    test("unknown endpoints are 404 and wrong methods 405", async () => {
      assert.equal((await admin(emulator.url, "GET", "/_emulator/nothing")).status, 404);
      const wrongMethod = await admin(emulator.url, "GET", "/_emulator/reset");
      assert.equal(wrongMethod.status, 405);
      assert.equal(wrongMethod.headers.allow, "POST");
    });
  });
});
