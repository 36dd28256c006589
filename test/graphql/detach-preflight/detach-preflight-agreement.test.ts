import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  DetachInstancesDocument,
  DetachPreflightDocument,
  ScalingGroupDetachEligibilityDocument,
} from "../../../operations/__generated__/graphql";
import { DEMO_ACCESS_KEYS, demoCleanDetachCases, demoDetachCases, type DemoAttachCall } from "../../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { worldCallingAs } from "../../support/read-model.harness";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { detachInputOf, expressible } from "../../support/detach-test.support";

/** A ClientToken replayed with other parameters is decided by the call itself, not by the cloud's state. */
const notACloudState = (call: { code: string }) => call.code === "IdempotentParameterMismatch";

function preflightVariables(call: DemoAttachCall) {
  const input = detachInputOf(call);
  return {
    regionId: input.regionId,
    scalingGroupId: input.scalingGroupId,
    instanceIds: call.instanceIds,
    detachFromLoadBalancersAndDatabases: input.detachFromLoadBalancersAndDatabases ?? false,
    ignoreInvalidInstance: input.ignoreInvalidInstance ?? false,
  };
}

describe("detachPreflight agrees with DetachInstances on every demo detach case", () => {
  const harnesses = new Map<string, GatewayHarness>();

  before(async () => {
    const world = loadDemoWorld();
    harnesses.set(DEMO_ACCESS_KEYS.primary.accessKeyId, await startGatewayHarness({ world, activity: { mode: "manual" } }));
    harnesses.set(
      DEMO_ACCESS_KEYS.unauthorized.accessKeyId,
      await startGatewayHarness({ world: worldCallingAs(world, DEMO_ACCESS_KEYS.unauthorized.accessKeyId), activity: { mode: "manual" } }),
    );
  });
  after(async () => {
    for (const harness of harnesses.values()) await harness.close();
  });

  const harnessFor = (call: DemoAttachCall): GatewayHarness => {
    const harness = harnesses.get(call.accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId)!;
    harness.control.reset();
    return harness;
  };

  test("only the token replay and a DetachOption the input cannot say are left out", () => {
    const skipped = demoDetachCases.filter((call) => notACloudState(call) || !expressible(call)).map((call) => call.code);
    assert.deepEqual(skipped.sort(), ["IdempotentParameterMismatch", "InvalidParameter"]);
  });

  for (const call of demoDetachCases.filter((candidate) => expressible(candidate) && !notACloudState(candidate))) {
    test(`${call.code}: the first blocker is the member the mutation returns (${call.reason})`, async () => {
      const harness = harnessFor(call);
      const preflight = await harness.execute(DetachPreflightDocument, preflightVariables(call));
      assert.deepEqual(preflight.errors ?? [], []);
      const verdict = preflight.data!.detachPreflight;
      assert.equal(verdict.canDetach, false);
      const first = JSON.parse(JSON.stringify(verdict.blockers[0])) as Record<string, unknown>;
      harness.control.resetCallCounts();

      const detach = await harness.execute(DetachInstancesDocument, { input: detachInputOf(call) });
      assert.equal(detach.errors, undefined, JSON.stringify(detach.errors));
      const result = JSON.parse(JSON.stringify(detach.data!.detachInstances)) as Record<string, unknown>;
      assert.equal(first.__typename, result.__typename);
      assert.equal(first.code, result.code);
      if (result.__typename !== "InputValidationError") assert.equal(first.code, call.code);
      assert.equal(first.message, result.message);
      // The fields both know agree; the preflight also names which load balancer.
      for (const field of [
        "instanceId",
        "scalingGroupId",
        "currentScalingGroupId",
        "instanceLifecycleState",
        "minSize",
        "totalCapacity",
        "requested",
        "dbInstanceId",
      ]) {
        if (field in first && field in result) assert.deepEqual(first[field], result[field], field);
      }
      if (first.__typename === "LoadBalancerNotActiveError") assert.equal(first.loadBalancerId, "lb-demo-inactive");
    });
  }

  for (const call of demoCleanDetachCases) {
    test(`clean ${call.scalingGroupId}: canDetach, and the detach succeeds (${call.reason})`, async () => {
      const harness = harnessFor(call);
      const preflight = await harness.execute(DetachPreflightDocument, preflightVariables(call));
      assert.equal(preflight.errors, undefined, JSON.stringify(preflight.errors));
      const verdict = preflight.data!.detachPreflight;
      assert.deepEqual(JSON.parse(JSON.stringify(verdict.blockers)), []);
      assert.equal(verdict.canDetach, true);
      const skipping = call.params?.IgnoreInvalidInstance === "true";
      assert.deepEqual(verdict.detachedInstanceIds, skipping ? call.instanceIds.slice(0, 1) : call.instanceIds);

      const detach = await harness.execute(DetachInstancesDocument, { input: detachInputOf(call) });
      assert.equal(detach.errors, undefined, JSON.stringify(detach.errors));
      assert.equal(detach.data!.detachInstances.__typename, "DetachInstancesSuccess");
    });
  }

  test("ScalingInstance.detachEligibility agrees with a one-instance detach for every member of the detach demo groups", async () => {
    const harness = harnesses.get(DEMO_ACCESS_KEYS.primary.accessKeyId)!;
    for (const [scalingGroupId, both] of [
      ["asg-demo-detach-guard", false],
      ["asg-demo-web", true],
      ["asg-demo-busy", false],
    ] as const) {
      harness.control.reset();
      const response = await harness.execute(ScalingGroupDetachEligibilityDocument, {
        regionId: "cn-hangzhou",
        id: scalingGroupId,
        detachFromLoadBalancersAndDatabases: both,
      });
      assert.equal(response.errors, undefined, JSON.stringify(response.errors));
      const members = response.data!.scalingGroup!.instances.nodes;
      assert.ok(members.length > 0);
      for (const member of members) {
        harness.control.reset();
        const detach = await harness.execute(DetachInstancesDocument, {
          input: { regionId: "cn-hangzhou", scalingGroupId, instanceIds: [member.instanceId], detachFromLoadBalancersAndDatabases: both },
        });
        const result = detach.data!.detachInstances;
        const eligibility = member.detachEligibility;
        if (eligibility.eligible) {
          assert.equal(result.__typename, "DetachInstancesSuccess", `${member.instanceId}: eligible, yet ${JSON.stringify(result)}`);
        } else {
          assert.equal(eligibility.blockers[0]!.__typename, result.__typename, member.instanceId);
        }
      }
    }
  });
});

describe("detachEligibility of every member in one query is batched", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ activity: { mode: "manual" } });
  });
  after(() => harness.close());

  const countsFor = async (id: string, both: boolean): Promise<Record<string, number>> => {
    harness.control.resetCallCounts();
    const response = await harness.execute(ScalingGroupDetachEligibilityDocument, {
      regionId: "cn-hangzhou",
      id,
      detachFromLoadBalancersAndDatabases: both,
    });
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.ok(response.data!.scalingGroup!.instances.nodes.length >= 4);
    return Object.fromEntries(
      Object.entries(harness.control.callCounts())
        .filter(([, count]) => count > 0)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  };

  const BASE = { DescribeInstances: 1, DescribeScalingActivities: 1, DescribeScalingGroups: 1, DescribeScalingInstances: 1 };

  test("5 members of asg-demo-full: one call per action, and nothing the detach cannot be blocked by", async () => {
    assert.deepEqual(await countsFor("asg-demo-full", false), BASE);
  });

  test("asg-demo-web with detachFromLoadBalancersAndDatabases: its load balancer and DB instance once more, no configuration or security group", async () => {
    assert.deepEqual(await countsFor("asg-demo-web", true), {
      ...BASE,
      DescribeDBInstanceAttribute: 1,
      DescribeDBInstanceIPArrayList: 1,
      DescribeLoadBalancerAttribute: 1,
    });
    assert.deepEqual(await countsFor("asg-demo-web", false), BASE);
  });
});

describe("detachPreflight answers malformed IDs as the mutation does, without looking anything up", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ activity: { mode: "manual" } });
  });
  after(() => harness.close());

  for (const [label, variables] of [
    ["a region that is not a region ID", { regionId: "CN Hangzhou", scalingGroupId: "asg-demo-web", instanceIds: ["i-demo-0001"] }],
    ["an empty group ID", { regionId: "cn-hangzhou", scalingGroupId: "", instanceIds: ["i-demo-0001"] }],
    ["an empty instance ID", { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-web", instanceIds: [""] }],
  ] as const) {
    test(`${label}: the same InputValidationError issues, no upstream call`, async () => {
      harness.control.resetCallCounts();
      const preflight = await harness.execute(DetachPreflightDocument, { ...variables, instanceIds: [...variables.instanceIds] });
      assert.equal(preflight.errors, undefined, JSON.stringify(preflight.errors));
      const first = JSON.parse(JSON.stringify(preflight.data!.detachPreflight.blockers[0])) as { __typename: string; issues: unknown[] };
      const detach = await harness.execute(DetachInstancesDocument, { input: { ...variables, instanceIds: [...variables.instanceIds] } });
      const result = JSON.parse(JSON.stringify(detach.data!.detachInstances)) as { __typename: string; issues: unknown[] };
      assert.equal(first.__typename, "InputValidationError");
      assert.equal(result.__typename, "InputValidationError");
      assert.deepEqual(first.issues, result.issues);
      assert.deepEqual(harness.control.callCounts(), {}, "nothing was looked up or sent");
    });
  }
});
