import { describe, test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { defaultOperationLimits } from "../../../src/server/limits/operation-limits.config";
import { startGatewayHarness, type GatewayHarness, type GatewayHarnessOptions } from "../../support/gateway-harness";
import { budgetTestWorld, freeInstanceId, REGION, TARGET_GROUP, targetActivityId, targetMemberId } from "../../support/budget-test.world";

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

/** A gateway on the budget world with `budget` upstream attempts per operation; closed when the test ends. */
async function gatewayWith(t: TestContext, budget: number, options: GatewayHarnessOptions = {}): Promise<GatewayHarness> {
  const harness = await startGatewayHarness({
    world: budgetTestWorld(),
    logLevel: "warn",
    limits: { ...defaultOperationLimits(undefined), maxUpstreamCalls: budget },
    ...options,
  });
  t.after(() => harness.close());
  return harness;
}

async function post(harness: GatewayHarness, query: string): Promise<Answer> {
  const response = await harness.post(JSON.stringify({ query }));
  return { status: response.status, body: JSON.parse(response.text) };
}

function totalCalls(harness: GatewayHarness): number {
  return Object.values(harness.control.callCounts()).reduce((sum, count) => sum + count, 0);
}

const BUDGET_CODE = "UPSTREAM_BUDGET_EXCEEDED";

describe("the upstream budget where calls are made (estimate off, so execution meets it)", () => {
  test("past the budget, the remaining fields fail with UPSTREAM_BUDGET_EXCEEDED and the rest of the data stays", async (t) => {
    const harness = await gatewayWith(t, 6, { estimateUpstreamCalls: false, client: { retry: { maxAttempts: 1 } } });
    // The group and the activity (2 calls), then 8 RDS instances at 2 calls each: 4 fit.
    const answer = await post(
      harness,
      `{ g: scalingGroup(regionId: "${REGION}", id: "${TARGET_GROUP}") { id dbInstances { id } } a: scalingActivity(regionId: "${REGION}", id: "${targetActivityId(0)}") { id } }`,
    );
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.data, { g: null, a: { id: targetActivityId(0) } });
    assert.ok(answer.body.errors!.length >= 1);
    for (const error of answer.body.errors!) {
      assert.equal(error.extensions?.code, BUDGET_CODE, JSON.stringify(error));
      assert.equal(error.extensions?.allowed, 6);
      assert.deepEqual(error.path, ["g", "dbInstances"]);
    }
    assert.equal(totalCalls(harness), 6, JSON.stringify(harness.control.callCounts()));
  });

  test("a mutation past the budget is never sent upstream; the ones before it ran", async (t) => {
    // `info`: the audit records (written to the log without access settings) are checked below.
    const harness = await gatewayWith(t, 3, { estimateUpstreamCalls: false, client: { retry: { maxAttempts: 1 } }, logLevel: "info" });
    const attaches = [0, 1, 2, 3].map(
      (index) =>
        `m${index}: attachInstances(input: { regionId: "${REGION}", scalingGroupId: "${TARGET_GROUP}", instances: [{ instanceId: "${freeInstanceId(index)}" }] }) { __typename }`,
    );
    const answer = await post(harness, `mutation { ${attaches.join(" ")} }`);
    assert.equal(answer.status, 200);
    // `attachInstances` is non-null, so the refused fourth nulls the whole data (GraphQL allows no partial
    // data here); the first three did run.
    assert.equal(answer.body.data, null);
    assert.deepEqual(
      answer.body.errors?.map((error) => [error.path, error.extensions?.code]),
      [[["m3"], BUDGET_CODE]],
    );
    assert.deepEqual(harness.control.callCounts(), { AttachInstances: 3 });
    for (const index of [0, 1, 2]) {
      const attached = await harness.upstream.describeScalingInstances({
        regionId: REGION,
        scalingGroupId: TARGET_GROUP,
        instanceIds: [freeInstanceId(index)],
      });
      assert.equal(attached.items.length, 1, `instance ${index} was attached`);
    }
    const members = await harness.upstream.describeScalingInstances({
      regionId: REGION,
      scalingGroupId: TARGET_GROUP,
      instanceIds: [freeInstanceId(3)],
    });
    assert.equal(members.items.length, 0, "the fourth instance was not attached");
    // The refused attempt is audited with the budget's code.
    const audited = harness.logLines.filter((line) => line.includes('"msg":"audit"') && line.includes(freeInstanceId(3)));
    assert.equal(audited.length, 1, audited.join("\n"));
    assert.match(audited[0]!, new RegExp(`"code":"${BUDGET_CODE}"`));
  });

  test("a mutation that may have acted and then meets the budget answers that its outcome is open, not a budget error", async (t) => {
    const harness = await gatewayWith(t, 1, { estimateUpstreamCalls: false, client: { retry: { maxAttempts: 1 } } });
    // ESS runs the attach, then the connection drops before the answer: it may have acted.
    harness.control.setFault("AttachInstances", { dropConnectionRate: 1 });
    const answer = await post(
      harness,
      `mutation { attachInstances(input: { regionId: "${REGION}", scalingGroupId: "${TARGET_GROUP}", instances: [{ instanceId: "${freeInstanceId(9)}" }], clientToken: "budget-open-1" }) { __typename ... on UserFacingError { code } } }`,
    );
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.body.data,
      { attachInstances: { __typename: "AttachOutcomeUnknownError", code: "OutcomeUnknown" } },
      JSON.stringify(answer.body),
    );
    assert.deepEqual(harness.control.callCounts(), { AttachInstances: 1 }, "no replay past the budget");
  });

  test("a preflight that cannot make its calls is a top-level error, not a made-up upstream refusal", async (t) => {
    const harness = await gatewayWith(t, 2, { estimateUpstreamCalls: false, client: { retry: { maxAttempts: 1 } } });
    const answer = await post(
      harness,
      `{ attachPreflight(regionId: "${REGION}", scalingGroupId: "${TARGET_GROUP}", instanceIds: ["${freeInstanceId(0)}"]) { canAttach blockers { __typename } } }`,
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.body.data, null);
    assert.ok(
      answer.body.errors!.every((error) => error.extensions?.code === BUDGET_CODE),
      JSON.stringify(answer.body.errors),
    );
    assert.ok(totalCalls(harness) <= 2);
  });

  test("a retry past the budget is not sent: the budget error names the failure it would have retried", async (t) => {
    const harness = await gatewayWith(t, 2, { estimateUpstreamCalls: false, client: { retry: { maxAttempts: 4 } } });
    harness.control.setFault("DescribeScalingGroups", { throttlingRate: 1 });
    const answer = await post(harness, `{ scalingGroup(regionId: "${REGION}", id: "${TARGET_GROUP}") { id } }`);
    assert.equal(answer.body.errors?.[0]?.extensions?.code, BUDGET_CODE);
    assert.equal(answer.body.errors?.[0]?.extensions?.lastUpstreamCode, "Throttling");
    assert.deepEqual(harness.control.callCounts(), { DescribeScalingGroups: 2 });
  });
});

describe("failed loads and the end of an operation", () => {
  test("a failed load is cached for the rest of the request: a later field asking again makes no call", async (t) => {
    const harness = await gatewayWith(t, 600, { client: { retry: { maxAttempts: 2 } } });
    harness.control.setFault("DescribeScalingGroups", { throttlingRate: 1 });
    // `g` fails after its two attempts; `i.scalingGroup` needs the same group later (after the
    // instance and its membership are read), and gets the cached failure.
    const answer = await post(
      harness,
      `{ g: scalingGroup(regionId: "${REGION}", id: "${TARGET_GROUP}") { id } i: instance(regionId: "${REGION}", id: "${targetMemberId(0)}") { id scalingGroup { id } } }`,
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.body.errors?.length, 2, JSON.stringify(answer.body.errors));
    assert.equal(harness.control.callCounts().DescribeScalingGroups, 2, JSON.stringify(harness.control.callCounts()));
  });

  test("when the client goes away, the operation's retries stop: no further call reaches the upstream", async (t) => {
    const harness = await gatewayWith(t, 600, { client: { retry: { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 200 } } });
    // Every attempt is throttled: eight attempts take seven backoffs of up to 200 ms each.
    harness.control.setFault("DescribeScalingActivities", { throttlingRate: 1 });
    const leaving = new AbortController();
    const request = fetch(harness.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ scalingGroup(regionId: "${REGION}", id: "${TARGET_GROUP}") { hasActivityInProgress } }` }),
      signal: leaving.signal,
    }).catch((error: unknown) => error);
    await delay(150);
    leaving.abort();
    await request;
    await delay(100);
    const atLeave = harness.control.callCounts().DescribeScalingActivities ?? 0;
    // Long enough for every remaining attempt of the eight, had they been made.
    await delay(1_500);
    const later = harness.control.callCounts().DescribeScalingActivities ?? 0;
    assert.equal(later, atLeave, "no attempt after the client left (beyond the one on the wire)");
    assert.ok(later >= 1 && later < 8, `attempts: ${later}`);
  });
});

describe("the estimate over the subscription socket", () => {
  test("an operation over the budget is refused on the socket before any call", async (t) => {
    const harness = await gatewayWith(t, 20);
    const client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    t.after(() => client.dispose());
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `{ scalingGroup(regionId: "${REGION}", id: "${TARGET_GROUP}") { dbInstances { id } loadBalancers { id } } }` },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      );
    });
    assert.ok(Array.isArray(errors), JSON.stringify(errors));
    const [error] = errors as Array<{ extensions?: Record<string, unknown> }>;
    assert.equal(error?.extensions?.code, BUDGET_CODE);
    assert.equal(error?.extensions?.allowed, 20);
    assert.ok((error?.extensions?.estimated as number) > 20);
    assert.equal(totalCalls(harness), 0);
  });
});

describe("subscriptions and the budget", () => {
  test("a subscription's polls are not cut by the budget of one answer, and stop when it ends", async (t) => {
    const harness = await startGatewayHarness({
      logLevel: "warn",
      activity: { mode: "manual" },
      http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: "50" }),
      limits: { ...defaultOperationLimits(undefined), maxUpstreamCalls: 4 },
    });
    t.after(() => harness.close());
    const client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    t.after(() => client.dispose());
    const events: unknown[] = [];
    let ended = false;
    const stop = client.subscribe(
      { query: `subscription { scalingActivityUpdates(regionId: "cn-hangzhou", id: "asa-demo-busy-scaleout") { id status } }` },
      { next: (event) => void events.push(event), error: (error) => void events.push({ error }), complete: () => void (ended = true) },
    );
    // Nine polls (the budget is 4); bounded, so that a watch cut short fails instead of hanging.
    for (let waited = 0; (harness.control.callCounts().DescribeScalingActivities ?? 0) <= 8 && !ended && waited < 250; waited++)
      await delay(20);
    assert.equal(ended, false, JSON.stringify(events));
    assert.ok((harness.control.callCounts().DescribeScalingActivities ?? 0) > 8);
    assert.ok(
      events.every((event) => (event as { errors?: unknown }).errors === undefined && !("error" in (event as object))),
      JSON.stringify(events),
    );
    stop();
    await delay(100);
    const atStop = harness.control.callCounts().DescribeScalingActivities ?? 0;
    await delay(200);
    assert.equal(harness.control.callCounts().DescribeScalingActivities ?? 0, atStop, "no poll after the subscription ended");
  });
});

describe("a filter the gateway applies reads a bounded number of pages", () => {
  test("filter.lifecycleState over more than 1,000 groups is refused after the first page", async (t) => {
    const world = budgetTestWorld();
    const groups = world.accounts[0]!.resources.scalingGroups!;
    const template = groups[groups.length - 1]!;
    for (let index = groups.length; index <= 1_000; index++) {
      groups.push({ ...template, scalingGroupId: `asg-many-${index}`, scalingGroupName: `many-${index}`, instances: [] });
    }
    const harness = await startGatewayHarness({ world, logLevel: "warn" });
    t.after(() => harness.close());
    const answer = await post(
      harness,
      `{ scalingGroups(regionId: "${REGION}", first: 5, filter: { lifecycleState: INACTIVE }) { totalCount } }`,
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.body.errors?.[0]?.extensions?.code, BUDGET_CODE, JSON.stringify(answer.body));
    assert.equal(answer.body.errors?.[0]?.extensions?.allowedPages, 20);
    assert.deepEqual(harness.control.callCounts(), { DescribeScalingGroups: 1 });
    // Without the state filter ESS pages itself: the same region lists fine.
    const unfiltered = await post(harness, `{ scalingGroups(regionId: "${REGION}", first: 5) { totalCount } }`);
    assert.equal((unfiltered.body.data as { scalingGroups: { totalCount: number } }).scalingGroups.totalCount, groups.length);
  });
});
