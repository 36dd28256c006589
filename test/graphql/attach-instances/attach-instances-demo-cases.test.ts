import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AttachInstancesDocument, type AttachInstancesMutationVariables } from "../../../operations/__generated__/graphql";
import { DEMO_ACCESS_KEYS, demoAttachCases, demoCleanAttachCases, type DemoAttachCall } from "../../../src/emulator/world/demo-cases";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** What a frontend receives for each upstream outcome: the oracle, written independently of the gateway's table. */
const EXPECTED_MEMBER: Readonly<Record<string, string>> = {
  MissingParameter: "InputValidationError",
  "InvalidParameter.weight": "InputValidationError",
  "InvalidParameter.Entrusted": "EntrustedNotAllowedError",
  IdempotentParameterMismatch: "IdempotentParameterMismatchError",
  "InvalidScalingGroupId.NotFound": "ScalingGroupNotFoundError",
  IncorrectScalingGroupStatus: "ScalingGroupNotActiveError",
  ScalingActivityInProgress: "ScalingActivityInProgressError",
  IncorrectLoadBalancerStatus: "LoadBalancerNotActiveError",
  IncorrectLoadBalancerHealthCheck: "LoadBalancerHealthCheckOffError",
  "InvalidLoadBalancerId.IncorrectInstanceNetworkType": "LoadBalancerNetworkTypeMismatchError",
  "InvalidLoadBalancerId.VPCMismatch": "LoadBalancerVpcMismatchError",
  IncorrectDBInstanceStatus: "DbInstanceNotRunningError",
  "InvalidInstanceId.NotFound": "InstanceNotFoundError",
  "InvalidInstanceId.RegionMismatch": "InstanceRegionMismatchError",
  IncorrectInstanceStatus: "InstanceNotRunningError",
  "InvalidInstanceId.NetworkTypeMismatch": "InstanceNetworkTypeMismatchError",
  "InvalidInstanceId.VPCMismatch": "InstanceVpcMismatchError",
  "InvalidInstanceId.InUse": "InstanceInUseError",
  "InvalidInstanceId.InstanceTypeMismatch": "InstanceTypeMismatchError",
  "IncorrectCapacity.MaxSize": "MaxSizeExceededError",
  "QuotaExceeded.SecurityGroupInstance": "SecurityGroupInstanceQuotaExceededError",
  "QuotaExceeded.DBInstanceSecurityIP": "DbInstanceSecurityIpQuotaExceededError",
};

/** The GraphQL input for a demo call (its RPC extras turned into input fields). */
function inputOf(call: DemoAttachCall): AttachInstancesMutationVariables["input"] {
  const params = call.params ?? {};
  const bool = (name: string) => (params[name] === undefined ? undefined : params[name] === "true");
  return {
    regionId: call.regionId,
    scalingGroupId: call.scalingGroupId,
    instances: call.instanceIds.map((instanceId, index) => {
      const weight = params[`LoadBalancerWeight.${index + 1}`];
      return weight === undefined ? { instanceId } : { instanceId, loadBalancerWeight: Number(weight) };
    }),
    entrusted: bool("Entrusted"),
    lifecycleHook: bool("LifecycleHook"),
    ignoreInvalidInstance: bool("IgnoreInvalidInstance"),
    clientToken: params.ClientToken,
  };
}

/** The shared demo cases (docs/demo-world.md), through the gateway running on the demo world. */
describe("the demo world's AttachInstances cases through the gateway", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness({ activity: { mode: "manual" } });
  });
  after(async () => {
    await harness.close();
  });

  for (const demoCase of demoAttachCases) {
    // The gateway signs with the primary key only; Forbidden.Unauthorized is covered with a crafted world.
    if ((demoCase.accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId) !== DEMO_ACCESS_KEYS.primary.accessKeyId) continue;
    const key =
      demoCase.code === "InvalidParameter"
        ? demoCase.params?.Entrusted
          ? "InvalidParameter.Entrusted"
          : "InvalidParameter.weight"
        : demoCase.code;
    test(`${demoCase.code} (${demoCase.reason}) → ${EXPECTED_MEMBER[key]}`, async () => {
      if (demoCase.precedingCall) {
        const first = await harness.execute(AttachInstancesDocument, { input: inputOf(demoCase.precedingCall) });
        assert.equal(first.data?.attachInstances?.__typename, "AttachInstancesSuccess");
      }
      const response = await harness.execute(AttachInstancesDocument, { input: inputOf(demoCase) });
      assert.equal(response.errors, undefined);
      const result = response.data?.attachInstances;
      assert.equal(result?.__typename, EXPECTED_MEMBER[key], JSON.stringify(result));
      if (result && "code" in result && result.__typename !== "InputValidationError") assert.equal(result.code, demoCase.code);
    });
  }

  for (const clean of demoCleanAttachCases) {
    test(`clean: ${clean.scalingGroupId} (${clean.reason}) → AttachInstancesSuccess`, async () => {
      const response = await harness.execute(AttachInstancesDocument, { input: inputOf(clean) });
      const result = response.data?.attachInstances;
      assert.equal(result?.__typename, "AttachInstancesSuccess", JSON.stringify(result));
      if (result?.__typename !== "AttachInstancesSuccess") return;
      assert.equal(result.scalingActivity?.status, "IN_PROGRESS", "manual timing: the activity waits for the clock");
      assert.equal(result.scalingGroup?.id, clean.scalingGroupId);
    });
  }
});
