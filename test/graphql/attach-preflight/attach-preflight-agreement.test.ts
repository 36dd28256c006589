import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AttachInstancesDocument, AttachPreflightDocument } from "../../../operations/__generated__/graphql";
import { demoAttachCases, demoCleanAttachCases, DEMO_ACCESS_KEYS, type DemoAttachCall } from "../../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { worldCallingAs } from "../../support/read-model.harness";

/**
 * Cases the preflight cannot judge because they are not a state of the cloud: a load balancer
 * weight out of range (the preflight takes no weights) and a ClientToken replayed with other
 * parameters (idempotency is decided by the call itself).
 */
const NOT_A_CLOUD_STATE: ReadonlyMap<string, string> = new Map([
  ["InvalidParameter:LoadBalancerWeight.1", "the preflight takes no load balancer weights"],
  ["IdempotentParameterMismatch:", "ClientToken replay is decided by the call, not by the cloud's state"],
]);

function caseKey(call: DemoAttachCall & { code: string }): string {
  return `${call.code}:${Object.keys(call.params ?? {}).find((name) => name.startsWith("LoadBalancerWeight")) ?? ""}`;
}

const flag = (call: DemoAttachCall, name: string): boolean => call.params?.[name] === "true";

function preflightVariables(call: DemoAttachCall) {
  return {
    regionId: call.regionId,
    scalingGroupId: call.scalingGroupId,
    instanceIds: call.instanceIds,
    entrusted: flag(call, "Entrusted"),
    ignoreInvalidInstance: flag(call, "IgnoreInvalidInstance"),
  };
}

function attachVariables(call: DemoAttachCall) {
  return {
    input: {
      regionId: call.regionId,
      scalingGroupId: call.scalingGroupId,
      instances: call.instanceIds.map((instanceId, index) => {
        const weight = call.params?.[`LoadBalancerWeight.${index + 1}`];
        return weight === undefined ? { instanceId } : { instanceId, loadBalancerWeight: Number(weight) };
      }),
      entrusted: flag(call, "Entrusted"),
      lifecycleHook: flag(call, "LifecycleHook"),
      ignoreInvalidInstance: flag(call, "IgnoreInvalidInstance"),
    },
  };
}

describe("attachPreflight agrees with AttachInstances on every ready-made demo case", () => {
  const harnesses = new Map<string, GatewayHarness>();

  before(async () => {
    const world = loadDemoWorld();
    harnesses.set(DEMO_ACCESS_KEYS.primary.accessKeyId, await startGatewayHarness({ world }));
    harnesses.set(
      DEMO_ACCESS_KEYS.unauthorized.accessKeyId,
      await startGatewayHarness({ world: worldCallingAs(world, DEMO_ACCESS_KEYS.unauthorized.accessKeyId) }),
    );
  });
  after(async () => {
    for (const harness of harnesses.values()) await harness.close();
  });

  const harnessFor = (call: DemoAttachCall): GatewayHarness => {
    const harness = harnesses.get(call.accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId);
    assert.ok(harness, `no gateway runs as ${call.accessKeyId}`);
    harness.control.reset();
    return harness;
  };

  test("only cases that are not a state of the cloud are left out", () => {
    const skipped = demoAttachCases.filter((call) => NOT_A_CLOUD_STATE.has(caseKey(call))).map((call) => call.code);
    assert.deepEqual(skipped.sort(), ["IdempotentParameterMismatch", "InvalidParameter"]);
  });

  for (const call of demoAttachCases.filter((candidate) => !NOT_A_CLOUD_STATE.has(caseKey(candidate)))) {
    test(`${call.code}: the first blocker is the member the mutation returns (${call.reason})`, async () => {
      const harness = harnessFor(call);
      const preflight = await harness.execute(AttachPreflightDocument, preflightVariables(call));
      // ESS refuses every call of an unauthorized account, so where an instance's group membership
      // would be shown there is only that refusal; the verdict itself is data.
      const unexpectedErrors = (preflight.errors ?? []).filter(
        (error) => !(error.extensions?.upstreamCode === "Forbidden.Unauthorized" && error.path?.at(-1) === "currentScalingGroup"),
      );
      assert.deepEqual(unexpectedErrors, []);
      const verdict = preflight.data!.attachPreflight;
      assert.equal(verdict.canAttach, false);
      const first = verdict.blockers[0]!;

      const attach = await harness.execute(AttachInstancesDocument, attachVariables(call));
      assert.equal(attach.errors, undefined, JSON.stringify(attach.errors));
      const result = attach.data!.attachInstances!;
      assert.equal(first.__typename, result.__typename);
      assert.ok("code" in first && "code" in result);
      assert.equal(first.code, result.code);
      // Upstream failures carry the cloud's code; the preflight names it without calling.
      if (result.__typename !== "InputValidationError") assert.equal(first.code, call.code);
      assert.equal(first.message, result.message);
      // What the preflight knows beyond the call's answer: which load balancer, which group holds the instance.
      if ("loadBalancerId" in first) assert.ok(first.loadBalancerId && first.loadBalancerIds.includes(first.loadBalancerId));
      if (first.__typename === "InstanceInUseError") assert.equal(first.currentScalingGroupId, "asg-demo-web");
    });
  }

  for (const call of demoCleanAttachCases) {
    test(`clean ${call.scalingGroupId}: canAttach, and the attach succeeds (${call.reason})`, async () => {
      const harness = harnessFor(call);
      const preflight = await harness.execute(AttachPreflightDocument, preflightVariables(call));
      assert.equal(preflight.errors, undefined, JSON.stringify(preflight.errors));
      const verdict = preflight.data!.attachPreflight;
      assert.deepEqual(JSON.parse(JSON.stringify(verdict.blockers)), []);
      assert.equal(verdict.canAttach, true);

      const attach = await harness.execute(AttachInstancesDocument, attachVariables(call));
      assert.equal(attach.errors, undefined, JSON.stringify(attach.errors));
      assert.equal(attach.data!.attachInstances!.__typename, "AttachInstancesSuccess");
    });
  }
});
