import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createClient, type Client, type ExecutionResult } from "graphql-ws";
import { print } from "graphql";
import WebSocket from "ws";
import {
  ScalingActivityUpdatesDocument,
  type ScalingActivityUpdatesSubscription,
  type ScalingActivityUpdatesSubscriptionVariables,
} from "../../../operations/__generated__/graphql";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

// The typed document codegen users get (operations/scaling-activity-updates.graphql), sent as its
// printed text: what a graphql-ws client built on the generated types sends.
const WATCH = print(ScalingActivityUpdatesDocument);

type WatchResult = ExecutionResult<ScalingActivityUpdatesSubscription>;

/** Reads a subscription's events one by one, so the test can move the emulator's clock between them. */
function watch(client: Client, variables: ScalingActivityUpdatesSubscriptionVariables) {
  const iterator = client.iterate<ScalingActivityUpdatesSubscription>({ query: WATCH, variables })[Symbol.asyncIterator]();
  return {
    next: async (): Promise<WatchResult | "complete"> => {
      const step = await iterator.next();
      return step.done ? "complete" : JSON.parse(JSON.stringify(step.value));
    },
    stop: () => iterator.return?.(),
  };
}

/** The fields these tests follow, from one event (the document selects the whole ScalingActivityFields fragment). */
function progressOf(event: WatchResult | "complete") {
  assert.notEqual(event, "complete");
  const activity = (event as WatchResult).data?.scalingActivityUpdates;
  assert.ok(activity, JSON.stringify(event));
  return { id: activity.id, status: activity.status, progress: activity.progress, attachedCapacity: activity.attachedCapacity };
}

async function attach(harness: GatewayHarness, instanceId: string, scalingGroupId = "asg-demo-batch"): Promise<string> {
  const response = await harness.post(
    JSON.stringify({
      query: `mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on AttachInstancesSuccess { scalingActivityId } } }`,
      variables: { input: { regionId: "cn-hangzhou", scalingGroupId, instances: [{ instanceId }] } },
    }),
  );
  const result = JSON.parse(response.text) as { data: { attachInstances: { __typename: string; scalingActivityId: string } } };
  assert.equal(result.data.attachInstances.__typename, "AttachInstancesSuccess", response.text);
  return result.data.attachInstances.scalingActivityId;
}

describe("scalingActivityUpdates over graphql-ws", () => {
  let harness: GatewayHarness;
  let client: Client;
  before(async () => {
    // Manual activity timing: the test moves the emulator's clock; the gateway polls every 50 ms.
    harness = await startGatewayHarness({ activity: { mode: "manual" }, http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: "50" }) });
    client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });
  after(async () => {
    await client.dispose();
    await harness.close();
  });

  test("after an attach, emits the activity at once, on each change, and completes at its terminal status", async () => {
    const activityId = await attach(harness, "i-demo-0041");
    const updates = watch(client, { regionId: "cn-hangzhou", id: activityId });

    const first = await updates.next();
    assert.deepEqual(progressOf(first), { id: activityId, status: "IN_PROGRESS", progress: 0, attachedCapacity: 1 });
    assert.equal((first as WatchResult).data?.scalingActivityUpdates?.scalingGroupId, "asg-demo-batch");

    harness.control.advanceClock(1_500); // half of the emulator's 3 s manual duration
    const halfway = await updates.next();
    assert.notEqual(halfway, "complete");
    assert.equal((halfway as WatchResult).data?.scalingActivityUpdates?.status, "IN_PROGRESS");
    assert.equal((halfway as WatchResult).data?.scalingActivityUpdates?.progress, 50);

    harness.control.advanceClock(1_500);
    const done = await updates.next();
    assert.deepEqual(progressOf(done), { id: activityId, status: "SUCCESSFUL", progress: 100, attachedCapacity: 1 });
    assert.equal(typeof (done as WatchResult).data?.scalingActivityUpdates?.endTime, "string");
    assert.equal(await updates.next(), "complete");
  });

  test("an activity that does not exist: one null, then complete", async () => {
    const updates = watch(client, { regionId: "cn-hangzhou", id: "asa-does-not-exist" });
    assert.deepEqual(await updates.next(), { data: { scalingActivityUpdates: null } });
    assert.equal(await updates.next(), "complete");
  });

  test("an upstream failure is emitted as a masked error with its code, then the subscription completes", async () => {
    harness.control.setFault("DescribeScalingActivities", { serviceUnavailableRate: 1 });
    try {
      const updates = watch(client, { regionId: "cn-hangzhou", id: "asa-demo-busy-scaleout" });
      const failed = (await updates.next()) as WatchResult;
      assert.equal(failed.data?.scalingActivityUpdates ?? null, null);
      const error = failed.errors?.[0] as { extensions?: Record<string, unknown> } | undefined;
      assert.equal(error?.extensions?.code, "UPSTREAM_ERROR");
      assert.equal(error?.extensions?.upstreamCode, "ServiceUnavailable");
      assert.equal(typeof error?.extensions?.correlationId, "string");
      assert.equal(await updates.next(), "complete");
    } finally {
      harness.control.clearFaults();
    }
  });

  test("unsubscribing stops the polling", async () => {
    const updates = watch(client, { regionId: "cn-hangzhou", id: "asa-demo-busy-scaleout" });
    const first = (await updates.next()) as WatchResult;
    assert.equal(first.data?.scalingActivityUpdates?.status, "IN_PROGRESS");
    await updates.stop();
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the complete message reach the server
    harness.control.resetCallCounts();
    await new Promise((resolve) => setTimeout(resolve, 300)); // six poll intervals
    assert.equal(harness.control.callCounts().DescribeScalingActivities ?? 0, 0);
  });

  test("invalid documents are refused with validation errors, like over HTTP", async () => {
    const result = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { scalingActivityUpdates(regionId: "cn-hangzhou") { id } }' },
        { next: () => {}, error: resolve, complete: () => resolve("complete") },
      );
    });
    assert.ok(Array.isArray(result), "an error message with GraphQL errors");
    assert.match((result as Array<{ message: string }>)[0]!.message, /argument "id" of type "ID!" is required/);
  });
});
