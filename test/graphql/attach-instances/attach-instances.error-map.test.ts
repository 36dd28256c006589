import "reflect-metadata";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  attachInstancesFailureFrom,
  dbInstanceIdNamedBy,
  instanceIdNamedBy,
  MODELED_ATTACH_INSTANCES_CODES,
} from "../../../src/graphql/attach-instances/attach-instances.error-map";
import { createContext } from "../../../src/graphql/gateway.context";
import { createLogger } from "../../../src/server/logging/logger";
import { createMemoryLogSink } from "../../../src/server/logging/memory-log.sink";
import { UpstreamError } from "../../../src/upstream/upstream.error";
import type { EssUpstream } from "../../../src/upstream/upstream.types";

/**
 * The mapping's own guarantees, which the end-to-end tests cannot reach: the documentation's
 * spellings (stray spaces in codes, curly quotes in messages), and a mapping that degrades to null
 * fields, never to an exception, when the group cannot be read.
 */
function upstreamThatIsDown(): EssUpstream {
  const down = async (): Promise<never> => {
    throw new UpstreamError({
      code: "ServiceUnavailable",
      message: "The request has failed due to a temporary failure of the server.",
      httpStatus: 503,
      requestId: "R-DOWN",
      retryable: true,
      product: "Ess",
      action: "Describe",
    });
  };
  return {
    attachInstances: down,
    detachInstances: down,
    describeScalingGroups: down,
    describeScalingInstances: down,
    describeScalingActivities: down,
    describeScalingConfigurations: down,
    describeInstances: down,
    describeSecurityGroups: down,
    describeLoadBalancerAttribute: down,
    describeDbInstance: down,
    describeLifecycleHooks: down,
    describeLifecycleActions: down,
    completeLifecycleAction: down,
    close: async () => undefined,
  };
}

function failure(code: string, message: string): UpstreamError {
  return new UpstreamError({
    code,
    message,
    httpStatus: 400,
    requestId: "R-1",
    retryable: false,
    product: "Ess",
    action: "AttachInstances",
  });
}

const request = { regionId: "cn-hangzhou", scalingGroupId: "asg-1", instanceIds: ["i-a", "i-b"], clientToken: "token-1" };

describe("the AttachInstances code → member table", () => {
  test("every modeled code maps to its own member, even when the group cannot be read", async () => {
    const log = createMemoryLogSink();
    const context = createContext(
      { upstream: upstreamThatIsDown(), logger: createLogger({ sink: log.sink, level: "debug" }) },
      "corr-map-1",
    );
    const typenames = new Set<string>();
    for (const code of MODELED_ATTACH_INSTANCES_CODES) {
      const message =
        code === "InvalidParameter" ? 'Entrusted cannot be true for subscription (PrePaid) instance "i-b".' : "Something failed.";
      const member = await attachInstancesFailureFrom(failure(code, message), request, context);
      assert.equal(member.code, code);
      assert.equal(member.requestId, "R-1");
      assert.notEqual(member.constructor.name, "UnmodeledUpstreamError", code);
      typenames.add(member.constructor.name);
    }
    assert.equal(typenames.size, MODELED_ATTACH_INSTANCES_CODES.length, "one member per code");
    assert.ok(
      log.lines.some((line) => line.includes("could not read the scaling group")),
      "the failed read is logged",
    );
  });

  test("fields that need the group are null when it cannot be read", async () => {
    const context = createContext(
      { upstream: upstreamThatIsDown(), logger: createLogger({ sink: () => undefined, level: "error" }) },
      "corr-map-2",
    );
    const member = JSON.parse(
      JSON.stringify(await attachInstancesFailureFrom(failure("IncorrectCapacity.MaxSize", "Too many."), request, context)),
    );
    assert.deepEqual(member, {
      clientToken: "token-1",
      code: "IncorrectCapacity.MaxSize",
      message: "Too many.",
      requestId: "R-1",
      scalingGroupId: "asg-1",
      maxSize: null,
      totalCapacity: null,
      requested: 2,
    });
  });

  test("codes spelled with the documentation's stray space are recognized", async () => {
    const context = createContext(
      { upstream: upstreamThatIsDown(), logger: createLogger({ sink: () => undefined, level: "error" }) },
      "corr-map-3",
    );
    const member = await attachInstancesFailureFrom(
      failure("InvalidInstanceId. RegionMismatch", "Instance “i-b” and the specified scaling group are not in the same Region."),
      request,
      context,
    );
    assert.equal(member.constructor.name, "InstanceRegionMismatchError");
    assert.equal(member.code, "InvalidInstanceId.RegionMismatch");
    assert.equal((member as { instanceId: string | null }).instanceId, "i-b");
  });

  test("an unmodeled code, and InvalidParameter about anything but Entrusted, become UpstreamError", async () => {
    const context = createContext(
      { upstream: upstreamThatIsDown(), logger: createLogger({ sink: () => undefined, level: "error" }) },
      "corr-map-4",
    );
    for (const [code, message] of [
      ["Throttling.User", "Request was denied due to user flow control."],
      ["InvalidParameter", 'The specified parameter "LoadBalancerWeight.1" is not valid.'],
      ["SomeCodeFrom2030", "New."],
    ]) {
      const member = await attachInstancesFailureFrom(failure(code, message), request, context);
      assert.equal(member.constructor.name, "UnmodeledUpstreamError");
      assert.equal(member.code, code);
    }
  });

  test("instance and DB instance IDs are read from Alibaba's messages, straight or curly quotes", () => {
    assert.equal(instanceIdNamedBy('Instance "i-bp1abc" does not exist.'), "i-bp1abc");
    assert.equal(instanceIdNamedBy("Instance “i-28wt4” does not exist."), "i-28wt4");
    assert.equal(instanceIdNamedBy('The current status of instance "i-x9" does not support this action.'), "i-x9");
    assert.equal(instanceIdNamedBy('The current status of DB instance "rm-1" does not support this action.'), null);
    assert.equal(instanceIdNamedBy("Instance quota exceeded in the specified security group."), null);
    assert.equal(dbInstanceIdNamedBy('Security IP quota exceeded in DB instance "rm-bp1xyz".'), "rm-bp1xyz");
    assert.equal(dbInstanceIdNamedBy('Instance "i-1" does not exist.'), null);
  });
});
