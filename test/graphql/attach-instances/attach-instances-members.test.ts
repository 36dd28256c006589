import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AttachInstancesDocument,
  type AttachInstancesMutation,
  type AttachInstancesMutationVariables,
} from "../../../operations/__generated__/graphql";
import {
  attachTestWorld,
  cleanInstanceId,
  DB_INSTANCES,
  FULL_GROUP_MAX_SIZE,
  FULL_SECURITY_GROUP,
  GROUPS,
  INSTANCES,
  LOAD_BALANCERS,
  MAIN_VPC,
  REGION,
  roomyGroupId,
} from "../../support/attach-test-world";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

type AttachResult = NonNullable<AttachInstancesMutation["attachInstances"]>;

/** Every member of AttachInstancesResult, over HTTP, gateway → emulator with real signatures. */
describe("attachInstances returns every union member for the world state that causes it", () => {
  let harness: GatewayHarness;
  let nextClean = 0;
  const clean = () => cleanInstanceId(nextClean++);

  before(async () => {
    harness = await startGatewayHarness({ world: attachTestWorld() });
  });
  after(async () => {
    await harness.close();
  });

  async function attach(input: Partial<AttachInstancesMutationVariables["input"]> & { scalingGroupId: string }): Promise<AttachResult> {
    const response = await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, instances: [{ instanceId: clean() }], ...input },
    });
    assert.equal(response.httpStatus, 200);
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.ok(response.data?.attachInstances, "attachInstances is null");
    return response.data.attachInstances;
  }

  /** Asserts the member's typename, upstream code, a RequestId, and its typed fields. */
  function assertMember(result: AttachResult, typename: string, code: string, fields: Record<string, unknown>): void {
    assert.equal(result.__typename, typename, JSON.stringify(result));
    const plain = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    assert.equal(plain.code, code);
    assert.equal(typeof plain.message, "string");
    assert.ok((plain.message as string).length > 0);
    assert.match(String(plain.requestId), /^[0-9A-F-]{36}$/, "carries the upstream RequestId");
    assert.ok(typeof plain.clientToken === "string" && plain.clientToken.length > 0, "carries the ClientToken to retry with");
    for (const [field, value] of Object.entries(fields)) assert.deepEqual(plain[field], value, `${typename}.${field}`);
  }

  test("AttachInstancesSuccess: the activity, the group, the RequestId and a generated ClientToken", async () => {
    const instanceId = clean();
    const result = await attach({ scalingGroupId: GROUPS.main, instances: [{ instanceId, loadBalancerWeight: 70 }] });
    assert.equal(result.__typename, "AttachInstancesSuccess");
    if (result.__typename !== "AttachInstancesSuccess") return;
    assert.match(result.scalingActivityId, /^asa-/);
    assert.match(String(result.requestId), /^[0-9A-F-]{36}$/);
    assert.match(String(result.clientToken), /^[0-9a-f-]{36}$/, "a generated UUID token");
    assert.equal(result.scalingActivity?.id, result.scalingActivityId);
    assert.equal(result.scalingActivity?.scalingGroupId, GROUPS.main);
    assert.equal(result.scalingActivity?.status, "SUCCESSFUL");
    assert.equal(result.scalingActivity?.progress, 100);
    assert.equal(result.scalingActivity?.attachedCapacity, 1);
    assert.ok(result.scalingActivity?.startTime && !Number.isNaN(Date.parse(result.scalingActivity.startTime)));
    assert.equal(result.scalingGroup?.id, GROUPS.main);
    assert.equal(result.scalingGroup?.lifecycleState, "ACTIVE");
    assert.equal(result.scalingGroup?.totalCapacity, 1);

    const members = await harness.upstream.describeScalingInstances({ regionId: REGION, scalingGroupId: GROUPS.main });
    const attached = members.items.find((member) => member.instanceId === instanceId);
    assert.equal(attached?.loadBalancerWeight, 70, "the weight beside the instance reached ESS");
  });

  test("a caller's ClientToken is sent, returned, and replays the original activity", async () => {
    const input = { scalingGroupId: roomyGroupId(0), instances: [{ instanceId: clean() }], clientToken: "caller-token-0001" };
    const first = await attach(input);
    const replay = await attach(input);
    assert.equal(first.__typename, "AttachInstancesSuccess");
    assert.equal(replay.__typename, "AttachInstancesSuccess");
    if (first.__typename !== "AttachInstancesSuccess" || replay.__typename !== "AttachInstancesSuccess") return;
    assert.equal(first.clientToken, "caller-token-0001");
    assert.equal(replay.scalingActivityId, first.scalingActivityId);
    assert.notEqual(replay.requestId, first.requestId);
  });

  test("IdempotentParameterMismatchError: the same ClientToken with other instances", async () => {
    const clientToken = "caller-token-0002";
    assert.equal((await attach({ scalingGroupId: roomyGroupId(1), clientToken })).__typename, "AttachInstancesSuccess");
    const result = await attach({ scalingGroupId: roomyGroupId(1), clientToken });
    assertMember(result, "IdempotentParameterMismatchError", "IdempotentParameterMismatch", { clientToken });
  });

  test("ScalingGroupNotFoundError", async () => {
    assertMember(await attach({ scalingGroupId: GROUPS.missing }), "ScalingGroupNotFoundError", "InvalidScalingGroupId.NotFound", {
      scalingGroupId: GROUPS.missing,
      regionId: REGION,
    });
  });

  test("EssNotAuthorizedError: the account has not authorized ESS", async () => {
    harness.control.loadWorld(attachTestWorld({ essAuthorized: false }));
    try {
      assertMember(await attach({ scalingGroupId: GROUPS.main }), "EssNotAuthorizedError", "Forbidden.Unauthorized", {});
    } finally {
      harness.control.loadWorld(attachTestWorld());
    }
  });

  test("ScalingGroupNotActiveError, with the group's lifecycle state", async () => {
    assertMember(await attach({ scalingGroupId: GROUPS.inactive }), "ScalingGroupNotActiveError", "IncorrectScalingGroupStatus", {
      scalingGroupId: GROUPS.inactive,
      lifecycleState: "INACTIVE",
    });
  });

  test("ScalingActivityInProgressError, after the gateway's retries", async () => {
    harness.control.resetCallCounts();
    assertMember(await attach({ scalingGroupId: GROUPS.busy }), "ScalingActivityInProgressError", "ScalingActivityInProgress", {
      scalingGroupId: GROUPS.busy,
    });
    assert.equal(harness.control.callCounts().AttachInstances, 4, "retried up to maxAttempts with the same ClientToken");
  });

  test("MaxSizeExceededError, with maxSize, totalCapacity and requested", async () => {
    assertMember(await attach({ scalingGroupId: GROUPS.full }), "MaxSizeExceededError", "IncorrectCapacity.MaxSize", {
      scalingGroupId: GROUPS.full,
      maxSize: FULL_GROUP_MAX_SIZE,
      totalCapacity: FULL_GROUP_MAX_SIZE,
      requested: 1,
    });
  });

  const loadBalancerCases = [
    ["LoadBalancerNotActiveError", "IncorrectLoadBalancerStatus", GROUPS.lbInactive, LOAD_BALANCERS.inactive],
    ["LoadBalancerHealthCheckOffError", "IncorrectLoadBalancerHealthCheck", GROUPS.lbHealthCheckOff, LOAD_BALANCERS.healthCheckOff],
    [
      "LoadBalancerNetworkTypeMismatchError",
      "InvalidLoadBalancerId.IncorrectInstanceNetworkType",
      GROUPS.lbClassic,
      LOAD_BALANCERS.classic,
    ],
    ["LoadBalancerVpcMismatchError", "InvalidLoadBalancerId.VPCMismatch", GROUPS.lbOtherVpc, LOAD_BALANCERS.otherVpc],
  ] as const;
  for (const [typename, code, scalingGroupId, loadBalancerId] of loadBalancerCases) {
    test(`${typename}, with the group's load balancers`, async () => {
      assertMember(await attach({ scalingGroupId }), typename, code, { scalingGroupId, loadBalancerIds: [loadBalancerId] });
    });
  }

  test("DbInstanceNotRunningError, with the DB instance from the message", async () => {
    assertMember(await attach({ scalingGroupId: GROUPS.dbStopped }), "DbInstanceNotRunningError", "IncorrectDBInstanceStatus", {
      scalingGroupId: GROUPS.dbStopped,
      dbInstanceId: DB_INSTANCES.stopped,
    });
  });

  test("DbInstanceSecurityIpQuotaExceededError, with the DB instance from the message", async () => {
    assertMember(
      await attach({ scalingGroupId: GROUPS.dbWhitelistFull }),
      "DbInstanceSecurityIpQuotaExceededError",
      "QuotaExceeded.DBInstanceSecurityIP",
      { scalingGroupId: GROUPS.dbWhitelistFull, dbInstanceId: DB_INSTANCES.whitelistFull },
    );
  });

  test("SecurityGroupInstanceQuotaExceededError, with the active configuration's security group", async () => {
    assertMember(
      await attach({ scalingGroupId: GROUPS.securityGroupFull }),
      "SecurityGroupInstanceQuotaExceededError",
      "QuotaExceeded.SecurityGroupInstance",
      { scalingGroupId: GROUPS.securityGroupFull, securityGroupId: FULL_SECURITY_GROUP },
    );
  });

  const instanceCases = [
    ["InstanceNotFoundError", "InvalidInstanceId.NotFound", INSTANCES.missing, {}],
    ["InstanceRegionMismatchError", "InvalidInstanceId.RegionMismatch", INSTANCES.otherRegion, { scalingGroupRegionId: REGION }],
    ["InstanceNotRunningError", "IncorrectInstanceStatus", INSTANCES.stopped, {}],
    ["InstanceNetworkTypeMismatchError", "InvalidInstanceId.NetworkTypeMismatch", INSTANCES.classic, {}],
    ["InstanceVpcMismatchError", "InvalidInstanceId.VPCMismatch", INSTANCES.otherVpc, { scalingGroupVpcId: MAIN_VPC }],
    ["InstanceInUseError", "InvalidInstanceId.InUse", INSTANCES.inUse, { currentScalingGroupId: "asg-holder" }],
    ["InstanceTypeMismatchError", "InvalidInstanceId.InstanceTypeMismatch", INSTANCES.wrongType, {}],
  ] as const;
  for (const [typename, code, instanceId, extra] of instanceCases) {
    test(`${typename}, with the instance parsed from the message`, async () => {
      // A clean instance first, so the instance ID can only come from Alibaba's message.
      const result = await attach({ scalingGroupId: GROUPS.main, instances: [{ instanceId: clean() }, { instanceId }] });
      assertMember(result, typename, code, { instanceId, ...extra });
    });
  }

  test("EntrustedNotAllowedError: entrusted on a subscription (PrePaid) instance", async () => {
    const result = await attach({
      scalingGroupId: GROUPS.main,
      entrusted: true,
      instances: [{ instanceId: clean() }, { instanceId: INSTANCES.prePaid }],
    });
    assertMember(result, "EntrustedNotAllowedError", "InvalidParameter", { instanceId: INSTANCES.prePaid });
  });

  test("UpstreamError: a code the schema does not model (Throttling on every attempt)", async () => {
    harness.control.setFault("AttachInstances", { throttlingRate: 1 });
    try {
      const result = await attach({ scalingGroupId: roomyGroupId(2) });
      assertMember(result, "UpstreamError", "Throttling", { httpStatus: 400, retryable: true });
    } finally {
      harness.control.clearFaults();
    }
  });

  test("AttachOutcomeUnknownError: the connection dropped after ESS committed, on every attempt and replay; a same-token retry settles it", async () => {
    const instanceId = clean();
    harness.control.setFault("AttachInstances", { dropConnectionRate: 1 });
    let result: AttachResult;
    try {
      result = await attach({ scalingGroupId: roomyGroupId(3), instances: [{ instanceId }] });
    } finally {
      harness.control.clearFaults();
    }
    assert.equal(result.__typename, "AttachOutcomeUnknownError", JSON.stringify(result));
    if (result.__typename !== "AttachOutcomeUnknownError") return;
    assert.equal(result.code, "OutcomeUnknown");
    assert.equal(result.lastUpstreamCode, "ConnectionReset");
    assert.equal(result.retryable, true);
    assert.deepEqual(result.instanceIds, [instanceId]);
    assert.match(result.message, /same ClientToken/);
    assert.match(String(result.clientToken), /^[0-9a-f-]{36}$/);

    const retried = await attach({ scalingGroupId: roomyGroupId(3), instances: [{ instanceId }], clientToken: result.clientToken });
    assert.equal(retried.__typename, "AttachInstancesSuccess", "the dropped attempt had committed: the token returns its activity");
  });

  test("UpstreamError: nothing reached ESS (throttled on every attempt) is a plain, retryable failure carrying the token", async () => {
    harness.control.setFault("AttachInstances", { throttlingRate: 1 });
    try {
      const result = await attach({ scalingGroupId: roomyGroupId(3), clientToken: "throttled-token-1" });
      assert.equal(result.__typename, "UpstreamError", JSON.stringify(result));
      if (result.__typename !== "UpstreamError") return;
      assert.equal(result.clientToken, "throttled-token-1");
      assert.equal(result.retryable, true);
    } finally {
      harness.control.clearFaults();
    }
  });

  test("InputValidationError is a union member too (nothing reaches upstream)", async () => {
    harness.control.resetCallCounts();
    const result = await attach({ scalingGroupId: GROUPS.main, instances: [] });
    assert.equal(result.__typename, "InputValidationError");
    if (result.__typename !== "InputValidationError") return;
    assert.equal(result.code, "INVALID_INPUT");
    assert.equal(result.requestId, null);
    assert.deepEqual(JSON.parse(JSON.stringify(result.issues)), [
      { path: ["instances"], constraint: "arrayMinSize", message: "instances must list at least 1 instance" },
    ]);
    assert.equal(harness.control.callCounts().AttachInstances ?? 0, 0);
  });
});
