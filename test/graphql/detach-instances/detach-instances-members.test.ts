import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DetachInstancesDocument, type DetachInstancesMutation } from "../../../operations/__generated__/graphql";
import { DEMO_ACCESS_KEYS, demoCleanDetachCases, demoDetachCases } from "../../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { worldCallingAs } from "../../support/read-model.harness";
import { detachInputOf, expressible } from "../../support/detach-test.support";

type DetachResult = DetachInstancesMutation["detachInstances"];

/** What a frontend receives for each demo case: the oracle, written independently of the gateway's table. */
const EXPECTED_MEMBER: Readonly<Record<string, string>> = {
  MissingParameter: "InputValidationError",
  "Forbidden.Unauthorized": "EssNotAuthorizedError",
  IdempotentParameterMismatch: "IdempotentParameterMismatchError",
  "InvalidScalingGroupId.NotFound": "ScalingGroupNotFoundError",
  IncorrectScalingGroupStatus: "ScalingGroupNotActiveError",
  ScalingActivityInProgress: "ScalingActivityInProgressError",
  IncorrectLoadBalancerStatus: "LoadBalancerNotActiveError",
  IncorrectDBInstanceStatus: "DbInstanceNotRunningError",
  "InvalidInstanceId.NotFound:i-demo-b002": "InstanceNotFoundError",
  "InvalidInstanceId.NotFound:i-demo-0005": "InstanceNotInScalingGroupError",
  IncorrectInstanceStatus: "InstanceNotInServiceError",
  "IncorrectCapacity.MinSize": "MinSizeBreachedError",
};

const expectedFor = (code: string, instanceIds: readonly string[]): string =>
  EXPECTED_MEMBER[code] ?? EXPECTED_MEMBER[`${code}:${instanceIds[0]}`] ?? `no oracle for ${code}`;

/** Every member of DetachInstancesResult, over HTTP, gateway → emulator with real signatures, on the demo world. */
describe("detachInstances returns every union member for the world state that causes it", () => {
  const harnesses = new Map<string, GatewayHarness>();
  let primary: GatewayHarness;

  before(async () => {
    const world = loadDemoWorld();
    primary = await startGatewayHarness({ world, activity: { mode: "manual" } });
    harnesses.set(DEMO_ACCESS_KEYS.primary.accessKeyId, primary);
    harnesses.set(
      DEMO_ACCESS_KEYS.unauthorized.accessKeyId,
      await startGatewayHarness({ world: worldCallingAs(world, DEMO_ACCESS_KEYS.unauthorized.accessKeyId), activity: { mode: "manual" } }),
    );
  });
  after(async () => {
    for (const harness of harnesses.values()) await harness.close();
  });

  async function detach(
    harness: GatewayHarness,
    input: Parameters<typeof detachInputOf>[0] | ReturnType<typeof detachInputOf>,
    raw = false,
  ): Promise<DetachResult> {
    const variables = {
      input: raw ? (input as ReturnType<typeof detachInputOf>) : detachInputOf(input as Parameters<typeof detachInputOf>[0]),
    };
    const response = await harness.execute(DetachInstancesDocument, variables);
    assert.equal(response.httpStatus, 200);
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.ok(response.data?.detachInstances, "detachInstances is null");
    return response.data.detachInstances;
  }

  test("every demo case has an oracle, and only a DetachOption the input cannot say is left out", () => {
    assert.deepEqual(
      demoDetachCases.filter((call) => !expressible(call)).map((call) => call.code),
      ["InvalidParameter"],
    );
    for (const call of demoDetachCases.filter(expressible))
      assert.ok(!expectedFor(call.code, call.instanceIds).startsWith("no oracle"), call.code);
  });

  for (const call of demoDetachCases.filter(expressible)) {
    const expected = expectedFor(call.code, call.instanceIds);
    test(`${call.code} (${call.reason}) → ${expected}`, async () => {
      const harness = harnesses.get(call.accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId)!;
      harness.control.reset();
      if (call.precedingCall) assert.equal((await detach(harness, call.precedingCall)).__typename, "DetachInstancesSuccess");
      const result = await detach(harness, call);
      assert.equal(result.__typename, expected, JSON.stringify(result));
      const plain = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
      // Invalid input is refused before a token is chosen or anything is sent (as for attachInstances).
      if (expected === "InputValidationError") return assert.equal(plain.clientToken, null);
      assert.ok(
        typeof plain.clientToken === "string" && plain.clientToken.length > 0,
        "every upstream failure carries the token to retry with",
      );
      assert.equal(plain.code, call.code);
      assert.match(String(plain.requestId), /^[0-9A-F-]{36}$/, "carries the upstream RequestId");
      switch (result.__typename) {
        case "MinSizeBreachedError":
          assert.deepEqual([result.minSize, result.totalCapacity, result.requested], [2, 3, 2]);
          break;
        case "InstanceNotInScalingGroupError":
          assert.deepEqual(
            [result.instanceId, result.scalingGroupId, result.currentScalingGroupId],
            ["i-demo-0005", "asg-demo-web", "asg-demo-worker"],
          );
          break;
        case "InstanceNotInServiceError":
          assert.deepEqual([result.instanceId, result.instanceLifecycleState], ["i-demo-0078", "STANDBY"]);
          break;
        case "InstanceNotFoundError":
          assert.equal(result.instanceId, "i-demo-b002");
          break;
        case "ScalingGroupNotActiveError":
          assert.equal(result.lifecycleState, "INACTIVE");
          break;
        case "LoadBalancerNotActiveError":
          assert.deepEqual(result.loadBalancerIds, ["lb-demo-inactive"]);
          break;
        case "DbInstanceNotRunningError":
          assert.equal(result.dbInstanceId, "rm-demo-stopped");
          break;
        case "IdempotentParameterMismatchError":
          assert.equal(result.clientToken, "demo-detach-token-mismatch");
          break;
        default:
          break;
      }
    });
  }

  for (const clean of demoCleanDetachCases) {
    test(`clean: ${clean.scalingGroupId} (${clean.reason}) → DetachInstancesSuccess`, async () => {
      primary.control.reset();
      const result = await detach(primary, clean);
      assert.equal(result.__typename, "DetachInstancesSuccess", JSON.stringify(result));
      if (result.__typename !== "DetachInstancesSuccess") return;
      assert.match(result.scalingActivityId, /^asa-/);
      assert.match(String(result.clientToken), /^[0-9a-f-]{36}$/, "a generated UUID token");
      assert.equal(result.scalingActivity?.status, "IN_PROGRESS", "manual timing: the activity waits for the clock");
      assert.equal(result.scalingGroup?.id, clean.scalingGroupId);
      primary.control.advanceClock(3_000);
      const members = await primary.upstream.describeScalingInstances({
        regionId: clean.regionId,
        scalingGroupId: clean.scalingGroupId,
        pageSize: 100,
      });
      for (const instanceId of clean.instanceIds)
        assert.ok(!members.items.some((member) => member.instanceId === instanceId), `${instanceId} left the group`);
      const activity = await primary.upstream.describeScalingActivities({
        regionId: clean.regionId,
        scalingActivityIds: [result.scalingActivityId],
      });
      assert.equal(activity.items[0]?.statusCode, clean.finalStatus);
    });
  }

  test("decreaseDesiredCapacity: true by default (4 → 3), false keeps it", async () => {
    primary.control.reset();
    await detach(primary, { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-web", instanceIds: ["i-demo-0003"] });
    const [lowered] = (await primary.upstream.describeScalingGroups({ regionId: "cn-hangzhou", scalingGroupIds: ["asg-demo-web"] })).items;
    assert.equal(lowered?.desiredCapacity, 3);
    primary.control.reset();
    await detach(primary, {
      regionId: "cn-hangzhou",
      scalingGroupId: "asg-demo-web",
      instanceIds: ["i-demo-0003"],
      params: { DecreaseDesiredCapacity: "false" },
    });
    const [kept] = (await primary.upstream.describeScalingGroups({ regionId: "cn-hangzhou", scalingGroupIds: ["asg-demo-web"] })).items;
    assert.equal(kept?.desiredCapacity, 4);
  });

  test("lifecycleHook: the instance waits in REMOVING_WAIT first", async () => {
    primary.control.reset();
    await detach(primary, {
      regionId: "cn-hangzhou",
      scalingGroupId: "asg-demo-worker",
      instanceIds: ["i-demo-0006"],
      params: { LifecycleHook: "true" },
    });
    const members = await primary.upstream.describeScalingInstances({ regionId: "cn-hangzhou", instanceIds: ["i-demo-0006"] });
    assert.equal(members.items[0]?.lifecycleState, "Removing:Wait");
  });

  test("a caller's ClientToken replays the original activity; the same token with other instances is IdempotentParameterMismatchError", async () => {
    primary.control.reset();
    const call = {
      regionId: "cn-hangzhou",
      scalingGroupId: "asg-demo-full",
      instanceIds: ["i-demo-0009"],
      params: { ClientToken: "caller-detach-1" },
    };
    const first = await detach(primary, call);
    assert.equal(first.__typename, "DetachInstancesSuccess");
    primary.control.advanceClock(3_000);
    const again = await detach(primary, call);
    assert.equal(again.__typename, "DetachInstancesSuccess", "replayed even after the activity ended and the instance left");
    if (first.__typename !== "DetachInstancesSuccess" || again.__typename !== "DetachInstancesSuccess") return;
    assert.equal(again.scalingActivityId, first.scalingActivityId);
    assert.equal(again.clientToken, "caller-detach-1");
    const other = await detach(primary, { ...call, instanceIds: ["i-demo-0010"] });
    assert.equal(other.__typename, "IdempotentParameterMismatchError");
  });

  test("InputValidationError for every documented limit; nothing reaches upstream", async () => {
    const base = { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-web", instanceIds: ["i-demo-0001"] };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["no instances", { instanceIds: [] }, "arrayMinSize"],
      ["21 instances", { instanceIds: Array.from({ length: 21 }, (_, i) => `i-demo-${String(i + 1).padStart(4, "0")}`) }, "arrayMaxSize"],
      ["a repeated instance", { instanceIds: ["i-demo-0001", "i-demo-0001"] }, "arrayUnique"],
      ["an empty instance ID", { instanceIds: [""] }, "isNotEmpty"],
      ["a 65-character token", { clientToken: "t".repeat(65) }, "isLength"],
      ["a non-ASCII token", { clientToken: "tökén" }, "isAscii"],
      ["a region that is not a region ID", { regionId: "CN Hangzhou" }, "matches"],
      ["an empty group", { scalingGroupId: "" }, "isNotEmpty"],
    ];
    primary.control.reset();
    primary.control.resetCallCounts();
    for (const [label, change, constraint] of cases) {
      const result = await detach(primary, { ...base, ...change } as ReturnType<typeof detachInputOf>, true);
      assert.equal(result.__typename, "InputValidationError", label);
      if (result.__typename !== "InputValidationError") continue;
      assert.ok(
        result.issues.some((issue) => issue.constraint === constraint),
        `${label}: ${JSON.stringify(result.issues)}`,
      );
      assert.equal(result.clientToken, null, `${label}: nothing was sent, and an invalid token is not echoed`);
    }
    assert.equal(primary.control.callCounts().DetachInstances ?? 0, 0, "no DetachInstances call was made");
  });

  test("UpstreamError: a code the schema does not model (Throttling on every attempt), retryable, with the token", async () => {
    primary.control.reset();
    primary.control.setFault("DetachInstances", { throttlingRate: 1 });
    try {
      const result = await detach(primary, {
        regionId: "cn-hangzhou",
        scalingGroupId: "asg-demo-web",
        instanceIds: ["i-demo-0001"],
        params: { ClientToken: "throttled-detach" },
      });
      assert.equal(result.__typename, "UpstreamError", JSON.stringify(result));
      if (result.__typename !== "UpstreamError") return;
      assert.equal(result.code, "Throttling");
      assert.equal(result.retryable, true);
      assert.equal(result.clientToken, "throttled-detach");
    } finally {
      primary.control.clearFaults();
    }
  });

  test("AttachOutcomeUnknownError: the connection dropped after ESS committed every time; a same-token retry settles it", async () => {
    primary.control.reset();
    primary.control.setFault("DetachInstances", { dropConnectionRate: 1 });
    let result: DetachResult;
    const call = { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-web", instanceIds: ["i-demo-0004"] };
    try {
      result = await detach(primary, call);
    } finally {
      primary.control.clearFaults();
    }
    assert.equal(result.__typename, "AttachOutcomeUnknownError", JSON.stringify(result));
    if (result.__typename !== "AttachOutcomeUnknownError") return;
    assert.equal(result.code, "OutcomeUnknown");
    assert.equal(result.lastUpstreamCode, "ConnectionReset");
    assert.deepEqual(result.instanceIds, ["i-demo-0004"]);
    assert.equal(result.scalingGroupId, "asg-demo-web");
    const retried = await detach(primary, { ...call, params: { ClientToken: result.clientToken! } });
    assert.equal(retried.__typename, "DetachInstancesSuccess", "the dropped attempt had committed: the token returns its activity");
    const activities = await primary.upstream.describeScalingActivities({
      regionId: "cn-hangzhou",
      scalingGroupId: "asg-demo-web",
      pageSize: 50,
    });
    assert.equal(activities.items.filter((activity) => (activity.description ?? "").startsWith("Remove")).length, 1, "detached once");
  });
});
