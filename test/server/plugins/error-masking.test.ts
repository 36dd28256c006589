import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { print } from "graphql";
import { AttachInstancesDocument, ScalingGroupDocument } from "../../../operations/__generated__/graphql";
import { buildGatewaySchema } from "../../../src/graphql/schema";
import { createGatewayApollo } from "../../../src/server/apollo-server";
import { createContext } from "../../../src/graphql/gateway.context";
import { createLogger } from "../../../src/server/logging/logger";
import { createMemoryLogSink } from "../../../src/server/logging/memory-log.sink";
import { UNEXPECTED_ERROR_MESSAGE } from "../../../src/server/plugins/error-masking";
import type { EssUpstream } from "../../../src/upstream/upstream.types";
import { attachTestWorld, cleanInstanceId, GROUPS, REGION } from "../../support/attach-test-world";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/**
 * An upstream whose DescribeScalingGroups fails with a plain Error (not an `UpstreamError`): the
 * narrowest way to drive a resolver down a genuinely unexpected path, i.e. a bug of ours. (An enum
 * value the gateway does not know is no longer one: it is answered as `UNKNOWN`, see
 * test/graphql/common/unknown-provider-values.test.ts.) Every other method is outside this test and rejects.
 */
function upstreamWithABug(): EssUpstream {
  const outsideThisTest = async (): Promise<never> => {
    throw new Error("not called by this test");
  };
  return {
    describeScalingGroups: async () => {
      throw new TypeError("Exploding: a bug while reading the group");
    },
    attachInstances: outsideThisTest,
    detachInstances: outsideThisTest,
    describeScalingInstances: outsideThisTest,
    describeScalingActivities: outsideThisTest,
    describeScalingConfigurations: outsideThisTest,
    describeInstances: outsideThisTest,
    describeSecurityGroups: outsideThisTest,
    describeLoadBalancerAttribute: outsideThisTest,
    describeDbInstance: outsideThisTest,
    describeLifecycleHooks: outsideThisTest,
    describeLifecycleActions: outsideThisTest,
    completeLifecycleAction: outsideThisTest,
    close: async () => undefined,
  };
}

describe("unexpected errors are masked", () => {
  test("a bug while resolving: generic message, INTERNAL_SERVER_ERROR and a correlation id; the details only in the log", async () => {
    const log = createMemoryLogSink();
    const apollo = createGatewayApollo({ schema: await buildGatewaySchema() });
    await apollo.start();
    try {
      const contextValue = createContext(
        { upstream: upstreamWithABug(), logger: createLogger({ sink: log.sink, level: "debug" }) },
        "correlation-test-0001",
      );
      const response = await apollo.executeOperation(
        { query: print(ScalingGroupDocument), variables: { regionId: REGION, id: "asg-malformed" } },
        { contextValue },
      );
      assert.equal(response.body.kind, "single");
      if (response.body.kind !== "single") return;
      const result = JSON.parse(JSON.stringify(response.body.singleResult)) as {
        data: unknown;
        errors: Array<{ message: string; path: string[]; extensions: Record<string, unknown> }>;
      };
      assert.deepEqual(result.data, { scalingGroup: null });
      assert.deepEqual(result.errors, [
        {
          message: UNEXPECTED_ERROR_MESSAGE,
          locations: [{ line: 2, column: 3 }],
          path: ["scalingGroup"],
          extensions: { code: "INTERNAL_SERVER_ERROR", correlationId: "correlation-test-0001" },
        },
      ]);
      assert.ok(!JSON.stringify(result).includes("Exploding"), "the cause stays out of the response");

      const logged = log.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const report = logged.find((line) => line.msg === "unexpected error (masked in the response)");
      assert.ok(report, "the unexpected error is logged");
      assert.equal(report.correlationId, "correlation-test-0001");
      assert.equal(report.level, "error");
      assert.match(JSON.stringify(report.error), /Exploding/, "the log has the details");
    } finally {
      await apollo.stop();
    }
  });
});

describe("failures outside the mutation's union, over HTTP", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness({ world: attachTestWorld() });
  });
  after(async () => {
    await harness.close();
  });

  test("an upstream failure while reading a field is a top-level UPSTREAM_ERROR with the upstream code, never INTERNAL_SERVER_ERROR", async () => {
    harness.control.setFault("DescribeScalingGroups", { serviceUnavailableRate: 1 });
    try {
      const response = await harness.execute(ScalingGroupDocument, { regionId: REGION, id: GROUPS.main });
      assert.deepEqual(response.data, { scalingGroup: null });
      const [error] = response.errors ?? [];
      assert.equal(error.extensions?.code, "UPSTREAM_ERROR");
      assert.equal(error.extensions?.upstreamCode, "ServiceUnavailable");
      assert.equal(error.extensions?.httpStatus, 503);
      assert.equal(error.extensions?.retryable, true);
      assert.equal(error.extensions?.correlationId, response.correlationId);
      assert.ok(!("stacktrace" in (error.extensions ?? {})));
    } finally {
      harness.control.clearFaults();
    }
  });

  test("an attach whose activity cannot be read still returns the success (the activity field is null, with an error)", async () => {
    harness.control.setFault("DescribeScalingActivities", { throttlingRate: 1 });
    try {
      const response = await harness.execute(AttachInstancesDocument, {
        input: { regionId: REGION, scalingGroupId: GROUPS.main, instances: [{ instanceId: cleanInstanceId(0) }] },
      });
      const result = response.data?.attachInstances;
      assert.equal(result?.__typename, "AttachInstancesSuccess");
      if (result?.__typename !== "AttachInstancesSuccess") return;
      assert.match(result.scalingActivityId, /^asa-/);
      assert.equal(result.scalingActivity, null);
      assert.equal(result.scalingGroup?.id, GROUPS.main);
      assert.deepEqual(
        response.errors?.map((error) => [error.path, error.extensions?.upstreamCode]),
        [[["attachInstances", "scalingActivity"], "Throttling"]],
      );
    } finally {
      harness.control.clearFaults();
    }
  });

  test("a malformed JSON body is a JSON 400 with a correlation id, not an HTML stack trace", async () => {
    const response = await harness.post('{"query": "{ __typename ', { "x-correlation-id": "caller-chosen-id-42" });
    assert.equal(response.status, 400);
    assert.match(response.headers.get("content-type") ?? "", /application\/json/);
    assert.equal(response.headers.get("x-correlation-id"), "caller-chosen-id-42");
    const body = JSON.parse(response.text) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    assert.equal(body.errors[0].extensions.code, "BAD_REQUEST");
    assert.equal(body.errors[0].extensions.correlationId, "caller-chosen-id-42");
    assert.ok(!/at .*\.js:\d+/.test(response.text), "no stack trace");
  });
});
