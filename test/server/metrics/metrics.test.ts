import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { AttachInstancesDocument } from "../../../operations/__generated__/graphql";
import { DEMO_ACCESS_KEYS, demoAttachCases } from "../../../src/emulator/world/demo-cases";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { defaultOperationLimits } from "../../../src/server/limits/operation-limits.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { parsePrometheusText, sampleValue, samplesNamed, type MetricFamily } from "../../support/prometheus-text.parser";

const TOKEN = "scrape-token-for-the-test-0001";
const REGION = "cn-hangzhou";
const GROUP_QUERY = "query Group($r: String!, $id: ID!) { scalingGroup(regionId: $r, id: $id) { id name } }";
const WATCH = "subscription Watch($r: String!, $id: ID!) { scalingActivityUpdates(regionId: $r, id: $id) { id status } }";

/** The demo world's attach failures that need no extra parameters, signed with the gateway's key: one per typed error kind. */
const TYPED_ERROR_CASES = demoAttachCases.filter(
  (demoCase) =>
    demoCase.params === undefined &&
    demoCase.precedingCall === undefined &&
    (demoCase.accessKeyId ?? DEMO_ACCESS_KEYS.primary.accessKeyId) === DEMO_ACCESS_KEYS.primary.accessKeyId,
);

/** What the script did, tallied from the responses the client received (the oracle for the counters). */
class Tally {
  readonly operations = new Map<string, number>();
  readonly typedErrors = new Map<string, number>();
  readonly statuses = new Map<string, number>();
  response(status: number): void {
    const key = JSON.stringify({ status: String(status) });
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }
  operation(name: string, type: string, outcome: string): void {
    const key = JSON.stringify({ operation_name: name, operation_type: type, outcome });
    this.operations.set(key, (this.operations.get(key) ?? 0) + 1);
  }
  typedError(name: string, errorType: string): void {
    const key = JSON.stringify({ operation_name: name, error_type: errorType });
    this.typedErrors.set(key, (this.typedErrors.get(key) ?? 0) + 1);
  }
}

/** Every series of `sampleName` as `{labels JSON → value}`, labels in a fixed key order. */
function seriesOf(families: Map<string, MetricFamily>, sampleName: string, labelOrder: readonly string[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const sample of samplesNamed(families, sampleName)) {
    const labels = Object.fromEntries(labelOrder.map((label) => [label, sample.labels[label]]));
    result.set(JSON.stringify(labels), sample.value);
  }
  return result;
}

function sumBy(families: Map<string, MetricFamily>, sampleName: string, label: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const sample of samplesNamed(families, sampleName))
    result.set(sample.labels[label]!, (result.get(sample.labels[label]!) ?? 0) + sample.value);
  return result;
}

describe("/metrics after a scripted mix of operations", () => {
  let harness: GatewayHarness;
  let client: Client;
  let onRetrySleep: (() => void) | null = null;

  const scrape = async (): Promise<Map<string, MetricFamily>> => {
    const response = await fetch(harness.gateway.metricsUrl!, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };

  before(async () => {
    harness = await startGatewayHarness({
      activity: { mode: "manual" },
      http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: "50" }),
      telemetry: {
        metrics: { exposure: "separate", host: "127.0.0.1", port: 0, token: TOKEN, maxOperationNames: 100 },
        tracing: { enabled: false },
      },
      // Retries wait for nothing; the throttle-then-succeed step lifts the fault from here.
      upstreamOverrides: { sleep: async () => onRetrySleep?.() },
    });
    client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });
  after(async () => {
    await client.dispose();
    await harness.close();
  });

  test("is served on its own port only, with the bearer token", async () => {
    const metricsUrl = harness.gateway.metricsUrl!;
    assert.notEqual(new URL(metricsUrl).port, new URL(harness.url).port);
    assert.equal((await fetch(metricsUrl)).status, 401);
    assert.equal((await fetch(metricsUrl, { headers: { authorization: "Bearer wrong-token-of-some-length" } })).status, 401);
    assert.equal((await fetch(metricsUrl, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).status, 405);
    assert.equal((await fetch(new URL("/metrics", harness.url))).status, 404);
  });

  test("every operation, typed error, upstream attempt, retry, throttle, subscription and activity outcome is counted", async () => {
    const tally = new Tally();
    // The previous test's requests (a 404 on the main port) are already counted.
    for (const [key, count] of seriesOf(await scrape(), "ess_gateway_http_responses_total", ["status"])) tally.statuses.set(key, count);
    harness.control.resetCallCounts();
    const query = async (body: string) => {
      const response = await harness.post(body);
      tally.response(response.status);
      return {
        status: response.status,
        body: JSON.parse(response.text) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> },
      };
    };
    const groupQuery = () => query(JSON.stringify({ query: GROUP_QUERY, variables: { r: REGION, id: "asg-demo-web" } }));

    // Successes.
    for (let index = 0; index < 2; index++) {
      const response = await groupQuery();
      assert.equal((response.body.data?.scalingGroup as { id: string }).id, "asg-demo-web");
      tally.operation("Group", "query", "success");
    }

    // Each kind of typed error the demo world can produce (attach failures as union members).
    assert.ok(TYPED_ERROR_CASES.length >= 15, `only ${TYPED_ERROR_CASES.length} cases`);
    for (const demoCase of TYPED_ERROR_CASES) {
      const response = await harness.execute(AttachInstancesDocument, {
        input: {
          regionId: demoCase.regionId,
          scalingGroupId: demoCase.scalingGroupId,
          instances: demoCase.instanceIds.map((instanceId) => ({ instanceId })),
        },
      });
      tally.response(response.httpStatus);
      const typeName = response.data?.attachInstances?.__typename;
      assert.ok(typeName !== undefined && typeName.endsWith("Error"), `${demoCase.code}: ${JSON.stringify(response)}`);
      tally.operation("AttachInstances", "mutation", "typed_error");
      tally.typedError("AttachInstances", typeName);
    }

    // Two throttled attempts, retried, then a success.
    let retrySleeps = 0;
    harness.control.setFault("DescribeScalingGroups", { throttlingRate: 1 });
    onRetrySleep = () => {
      if (++retrySleeps === 2) harness.control.clearFaults();
    };
    assert.equal(((await groupQuery()).body.data?.scalingGroup as { id: string }).id, "asg-demo-web");
    tally.operation("Group", "query", "success");
    assert.equal(retrySleeps, 2);
    // Throttled on every attempt: the call fails after its 4 attempts (3 retries).
    onRetrySleep = null;
    harness.control.setFault("DescribeScalingGroups", { throttlingRate: 1 });
    const throttled = await groupQuery();
    harness.control.clearFaults();
    assert.equal(throttled.body.errors?.[0]?.extensions?.code, "UPSTREAM_ERROR");
    tally.operation("Group", "query", "upstream_error");

    // Refused requests: a document that does not parse, one that does not validate.
    assert.equal((await query(JSON.stringify({ query: "query Broken {" }))).status, 400);
    assert.equal((await query(JSON.stringify({ query: "query Invalid { noSuchField }" }))).status, 400);
    tally.operation("unknown", "unknown", "request_error");
    tally.operation("unknown", "unknown", "request_error");
    // Refused before GraphQL: a body that is not JSON (no operation, one 400 response).
    assert.equal((await harness.post("{not json")).status, 400);
    tally.response(400);

    // A subscription: active while it watches an activity, counted once it ends Successful.
    const attach = await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0041" }] },
    });
    tally.response(attach.httpStatus);
    const success = attach.data?.attachInstances as { __typename: string; scalingActivityId: string };
    assert.equal(success.__typename, "AttachInstancesSuccess");
    tally.operation("AttachInstances", "mutation", "success");
    const updates = client
      .iterate<{ scalingActivityUpdates: { status: string } }>({ query: WATCH, variables: { r: REGION, id: success.scalingActivityId } })
      [Symbol.asyncIterator]();
    assert.equal((await updates.next()).value?.data?.scalingActivityUpdates.status, "IN_PROGRESS");
    const during = await scrape();
    assert.equal(sampleValue(during, "ess_gateway_subscriptions_active"), 1);
    assert.equal(sampleValue(during, "ess_gateway_activity_pollers_active"), 1);
    harness.control.advanceClock(3_000);
    let last: string | undefined;
    for (let step = await updates.next(); step.done !== true; step = await updates.next())
      last = step.value.data?.scalingActivityUpdates.status;
    assert.equal(last, "SUCCESSFUL");

    const metrics = await scrape();
    // Operations: exactly the tallied series, and one duration observation each.
    assert.deepEqual(
      seriesOf(metrics, "ess_gateway_graphql_operations_total", ["operation_name", "operation_type", "outcome"]),
      tally.operations,
    );
    assert.deepEqual(
      seriesOf(metrics, "ess_gateway_graphql_operation_duration_seconds_count", ["operation_name", "operation_type", "outcome"]),
      tally.operations,
    );
    assert.deepEqual(seriesOf(metrics, "ess_gateway_graphql_typed_errors_total", ["operation_name", "error_type"]), tally.typedErrors);
    assert.deepEqual(seriesOf(metrics, "ess_gateway_http_responses_total", ["status"]), tally.statuses);

    // The document cache: one miss per distinct document (two valid ones, two refused that are never stored), hits for the rest.
    const operationCount = [...tally.operations.values()].reduce((sum, count) => sum + count, 0);
    assert.equal(sampleValue(metrics, "ess_gateway_document_cache_lookups", { result: "miss" }), 4);
    assert.equal(sampleValue(metrics, "ess_gateway_document_cache_lookups", { result: "hit" }), operationCount - 4);
    assert.equal(sampleValue(metrics, "ess_gateway_document_cache_entries"), 2);

    // Upstream attempts per action: exactly what the emulator received.
    const received = new Map(Object.entries(harness.control.callCounts()).filter(([, count]) => count > 0));
    assert.deepEqual(sumBy(metrics, "ess_gateway_upstream_attempts_total", "action"), received);
    assert.deepEqual(sumBy(metrics, "ess_gateway_upstream_attempt_duration_seconds_count", "action"), received);
    // Every attempt either ended its call or was retried.
    const calls = sumBy(metrics, "ess_gateway_upstream_calls_total", "action");
    const retries = sumBy(metrics, "ess_gateway_upstream_retries_total", "action");
    for (const [action, attempts] of received) assert.equal((calls.get(action) ?? 0) + (retries.get(action) ?? 0), attempts, action);
    const groups = { product: "Ess", action: "DescribeScalingGroups" };
    assert.equal(sampleValue(metrics, "ess_gateway_upstream_throttled_total", groups), 2 + 4);
    assert.equal(sampleValue(metrics, "ess_gateway_upstream_retries_total", { ...groups, code: "Throttling" }), 2 + 3);
    assert.equal(sampleValue(metrics, "ess_gateway_upstream_calls_total", { ...groups, code: "Throttling" }), 1);
    assert.equal(sampleValue(metrics, "ess_gateway_upstream_attempts_total", { ...groups, code: "Throttling" }), 6);
    for (const sample of samplesNamed(metrics, "ess_gateway_upstream_calls_in_flight"))
      assert.equal(sample.value, 0, JSON.stringify(sample.labels));

    // The subscription ended: nothing active, one Successful outcome.
    assert.equal(sampleValue(metrics, "ess_gateway_subscriptions_active"), 0);
    assert.equal(sampleValue(metrics, "ess_gateway_activity_pollers_active"), 0);
    assert.deepEqual(
      seriesOf(metrics, "ess_gateway_activity_outcomes_total", ["status"]),
      new Map([[JSON.stringify({ status: "Successful" }), 1]]),
    );

    // Process metrics from prom-client's defaults.
    for (const name of [
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
      "nodejs_gc_duration_seconds",
      "process_cpu_seconds_total",
    ]) {
      assert.ok(metrics.has(name), `${name} is missing`);
    }
    // No label carries an ID.
    for (const family of metrics.values()) {
      for (const sample of family.samples) {
        for (const value of Object.values(sample.labels))
          assert.doesNotMatch(value, /(asg|i|asa)-demo|[0-9a-f]{8}-[0-9a-f]{4}/, `${sample.name} ${value}`);
      }
    }
  });

  test("a DataLoader batch is observed with its size: three instances, one DescribeInstances of three IDs", async () => {
    const before = await scrape();
    const labels = { method: "describeInstances" };
    const response = await harness.post(
      JSON.stringify({
        query: 'query Three($r: String!) { instances(regionId: $r, ids: ["i-demo-0001", "i-demo-0002", "i-demo-0003"]) { id } }',
        variables: { r: REGION },
      }),
    );
    assert.equal(response.status, 200, response.text);
    const after = await scrape();
    const delta = (name: string, extra: Record<string, string> = {}) =>
      (sampleValue(after, name, { ...labels, ...extra }) ?? 0) - (sampleValue(before, name, { ...labels, ...extra }) ?? 0);
    assert.equal(delta("ess_gateway_upstream_batch_ids_count"), 1);
    assert.equal(delta("ess_gateway_upstream_batch_ids_sum"), 3);
    assert.equal(delta("ess_gateway_upstream_batch_ids_bucket", { le: "2" }), 0);
    assert.equal(delta("ess_gateway_upstream_batch_ids_bucket", { le: "5" }), 1);
  });

  test("log lines: one per operation with its outcome and upstream calls, and the correlation and trace IDs", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const response = await harness.post(JSON.stringify({ query: GROUP_QUERY, variables: { r: REGION, id: "asg-demo-web" } }), {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      "x-request-id": "caller-chosen-request-0001",
    });
    assert.equal(response.headers.get("x-request-id"), "caller-chosen-request-0001");
    assert.equal(response.headers.get("x-correlation-id"), "caller-chosen-request-0001");
    const lines = harness.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.correlationId === "caller-chosen-request-0001");
    const operation = lines.filter((line) => line.msg === "graphql request");
    assert.equal(operation.length, 1);
    assert.deepEqual(
      { ...operation[0], time: undefined, durationMs: undefined },
      {
        time: undefined,
        level: "info",
        msg: "graphql request",
        correlationId: "caller-chosen-request-0001",
        traceId,
        // The rate limits' key: the client's address (the principal once access control lands).
        caller: "127.0.0.1",
        operationName: "Group",
        operationType: "query",
        outcome: "success",
        errorCount: 0,
        httpStatus: 200,
        upstreamCalls: 1,
        upstreamAttempts: 1,
        durationMs: undefined,
      },
    );
    const attempts = lines.filter((line) => line.msg === "upstream call");
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]!.traceId, traceId);
    assert.equal(attempts[0]!.action, "DescribeScalingGroups");
    assert.equal(typeof attempts[0]!.requestId, "string");
  });
});

describe("/metrics on the GraphQL port (ESS_GATEWAY_METRICS=main)", () => {
  test("is served there behind the bearer token, and never with CORS headers", async () => {
    const harness = await startGatewayHarness({
      telemetry: { metrics: { exposure: "main", token: TOKEN, maxOperationNames: 100 }, tracing: { enabled: false } },
      http: readHttpSettings({ ESS_GATEWAY_CORS_ORIGINS: "*" }),
    });
    try {
      const metricsUrl = harness.gateway.metricsUrl!;
      assert.equal(metricsUrl, new URL("/metrics", harness.url).href);
      const refused = await fetch(metricsUrl, { headers: { origin: "https://console.example.com" } });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get("www-authenticate"), 'Bearer realm="metrics"');
      const served = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}`, origin: "https://console.example.com" } });
      assert.equal(served.status, 200);
      assert.equal(served.headers.get("access-control-allow-origin"), null);
      assert.equal(served.headers.get("cache-control"), "no-store");
      assert.ok(parsePrometheusText(await served.text()).has("ess_gateway_graphql_operations_total"));
    } finally {
      await harness.close();
    }
  });
});

describe("calls the operation's upstream budget refuses", () => {
  test("are counted by reason, and are no attempt", async () => {
    const harness = await startGatewayHarness({
      telemetry: {
        metrics: { exposure: "separate", host: "127.0.0.1", port: 0, token: null, maxOperationNames: 100 },
        tracing: { enabled: false },
      },
      limits: { ...defaultOperationLimits(undefined), maxUpstreamCalls: 1 },
      estimateUpstreamCalls: false,
      upstreamOverrides: { sleep: async () => undefined },
    });
    try {
      // The first attempt is throttled; its retry would be the operation's second upstream call.
      harness.control.setFault("DescribeScalingGroups", { throttlingRate: 1 });
      const response = await harness.post(JSON.stringify({ query: GROUP_QUERY, variables: { r: REGION, id: "asg-demo-web" } }));
      assert.match(response.text, /UPSTREAM_BUDGET_EXCEEDED/);
      const metrics = parsePrometheusText(await (await fetch(harness.gateway.metricsUrl!)).text());
      assert.deepEqual(
        seriesOf(metrics, "ess_gateway_upstream_refused_total", ["reason"]),
        new Map([[JSON.stringify({ reason: "UPSTREAM_BUDGET_EXCEEDED" }), 1]]),
      );
      assert.equal(
        sampleValue(metrics, "ess_gateway_upstream_attempts_total", {
          product: "Ess",
          action: "DescribeScalingGroups",
          code: "Throttling",
        }),
        1,
      );
      assert.equal(harness.control.callCounts().DescribeScalingGroups, 1);
    } finally {
      harness.control.clearFaults();
      await harness.close();
    }
  });
});
