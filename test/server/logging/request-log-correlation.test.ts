import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const REGION = "cn-hangzhou";
const FAILING_REQUEST_ID = "corr-failing-0001";
const READING_REQUEST_ID = "corr-reading-0002";

interface LogRecord {
  msg: string;
  level: string;
  correlationId?: string;
  action?: string;
  attempt?: number;
  outcome?: string;
  willRetry?: boolean;
}

/**
 * The correlation id travels with the request explicitly (its context's logger and its own view
 * of the upstream client), not through async context tracking: these tests prove that every line
 * a request causes, the upstream client's per-attempt lines included, carries its id, and that
 * concurrent requests never swap ids.
 */
describe("every log line of a request carries its correlation id", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness();
  });
  after(async () => {
    await harness.close();
  });

  test("two concurrent requests: each one's lines (retried upstream attempts included) carry its own id", async () => {
    harness.control.setFault("DescribeScalingGroups", { serviceUnavailableRate: 1 });
    const firstLine = harness.logLines.length;
    try {
      const [failing, reading] = await Promise.all([
        harness.post(JSON.stringify({ query: `{ scalingGroup(regionId: "${REGION}", id: "asg-demo-web") { id } }` }), {
          "x-correlation-id": FAILING_REQUEST_ID,
        }),
        harness.post(JSON.stringify({ query: `{ instances(regionId: "${REGION}", ids: ["i-demo-0001", "i-demo-0002"]) { id status } }` }), {
          "x-correlation-id": READING_REQUEST_ID,
        }),
      ]);
      assert.equal(failing.headers.get("x-correlation-id"), FAILING_REQUEST_ID);
      assert.match(failing.text, /"upstreamCode":"ServiceUnavailable"/);
      assert.equal(reading.headers.get("x-correlation-id"), READING_REQUEST_ID);
      assert.match(reading.text, /"id":"i-demo-0002"/);
    } finally {
      harness.control.clearFaults();
    }

    // The embedded emulator's own lines belong to the emulator, not to a request.
    const records = harness.logLines
      .slice(firstLine)
      .map((line) => JSON.parse(line) as LogRecord)
      .filter((record) => record.msg !== "emulator");
    const withoutId = records.filter(
      (record) => record.correlationId !== FAILING_REQUEST_ID && record.correlationId !== READING_REQUEST_ID,
    );
    assert.deepEqual(withoutId, [], "every line written while the requests ran carries one of their ids");

    const attempts = (correlationId: string) =>
      records
        .filter(
          (record) => record.correlationId === correlationId && (record.msg === "upstream call" || record.msg === "upstream call failed"),
        )
        .map((record) => ({ action: record.action, attempt: record.attempt, outcome: record.outcome, willRetry: record.willRetry }));
    // The harness' client makes 4 attempts; each one is a line of the request that caused it.
    assert.deepEqual(attempts(FAILING_REQUEST_ID), [
      { action: "DescribeScalingGroups", attempt: 1, outcome: "error", willRetry: true },
      { action: "DescribeScalingGroups", attempt: 2, outcome: "error", willRetry: true },
      { action: "DescribeScalingGroups", attempt: 3, outcome: "error", willRetry: true },
      { action: "DescribeScalingGroups", attempt: 4, outcome: "error", willRetry: false },
    ]);
    assert.deepEqual(attempts(READING_REQUEST_ID), [{ action: "DescribeInstances", attempt: 1, outcome: "ok", willRetry: undefined }]);

    const messagesOf = (correlationId: string) =>
      records.filter((record) => record.correlationId === correlationId).map((record) => record.msg);
    assert.ok(messagesOf(FAILING_REQUEST_ID).includes("upstream failure while resolving a field"));
    assert.equal(messagesOf(FAILING_REQUEST_ID).filter((msg) => msg === "graphql request").length, 1);
    assert.equal(messagesOf(READING_REQUEST_ID).filter((msg) => msg === "graphql request").length, 1);
  });

  test("calls outside any request (the readiness probe) are still logged, without a correlation id", async () => {
    const firstLine = harness.logLines.length;
    const response = await fetch(new URL("/readyz", harness.url));
    assert.equal(response.status, 200);
    const upstreamLines = harness.logLines
      .slice(firstLine)
      .map((line) => JSON.parse(line) as LogRecord)
      .filter((record) => record.msg === "upstream call");
    assert.deepEqual(
      upstreamLines.map((record) => [record.action, record.correlationId]),
      [["DescribeScalingGroups", undefined]],
    );
  });
});
