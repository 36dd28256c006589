import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { readTracingSettings } from "../../../src/server/tracing/tracing.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** One span as OTLP/HTTP JSON carries it (IDs in hex, as the OTLP JSON mapping requires). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{
    key: string;
    value: { stringValue?: string; intValue?: number | string; boolValue?: boolean; arrayValue?: unknown };
  }>;
  status?: { code?: number };
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: OtlpSpan["attributes"] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
const STATUS_ERROR = 2;

function attribute(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes?.find((entry) => entry.key === key)?.value;
  if (value === undefined) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue;
}

/** A collector stand-in: accepts OTLP/HTTP JSON exports on /v1/traces and keeps them. */
async function startReceiver(): Promise<{ url: string; exports: OtlpExport[]; contentTypes: string[]; close(): Promise<void> }> {
  const exports: OtlpExport[] = [];
  const contentTypes: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method === "POST" && request.url === "/v1/traces") {
        contentTypes.push(request.headers["content-type"] ?? "");
        exports.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpExport);
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      } else response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports,
    contentTypes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("OpenTelemetry spans over OTLP/HTTP", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let harness: GatewayHarness;
  let onRetrySleep: (() => void) | null = null;

  before(async () => {
    receiver = await startReceiver();
    harness = await startGatewayHarness({
      telemetry: {
        metrics: { exposure: "off" },
        tracing: readTracingSettings({
          OTEL_TRACES_EXPORTER: "otlp",
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
          OTEL_SERVICE_NAME: "gateway-under-test",
        }),
      },
      upstreamOverrides: { sleep: async () => onRetrySleep?.() },
    });
  });
  after(async () => {
    await harness.close();
    await receiver.close();
  });

  test("one attach with two throttled attempts: a span tree under the caller's traceparent", async () => {
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const callerSpanId = "b7ad6b7169203331";
    let sleeps = 0;
    harness.control.setFault("AttachInstances", { throttlingRate: 1 });
    onRetrySleep = () => {
      if (++sleeps === 2) harness.control.clearFaults();
    };
    const response = await harness.post(
      JSON.stringify({
        query:
          "mutation Attach($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on AttachInstancesSuccess { scalingActivityId } } }",
        variables: { input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0042" }] } },
      }),
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    );
    assert.match(response.text, /AttachInstancesSuccess/);
    assert.equal(sleeps, 2);
    // Closing flushes the batch span processor.
    await harness.close();

    assert.ok(receiver.exports.length > 0, "no export arrived");
    assert.ok(
      receiver.contentTypes.every((type) => type.startsWith("application/json")),
      receiver.contentTypes.join(),
    );
    const serviceNames = receiver.exports.flatMap((body) =>
      body.resourceSpans.map(
        (resourceSpans) => resourceSpans.resource.attributes?.find((entry) => entry.key === "service.name")?.value.stringValue,
      ),
    );
    assert.deepEqual([...new Set(serviceNames)], ["gateway-under-test"]);
    const spans = receiver.exports.flatMap((body) =>
      body.resourceSpans.flatMap((resourceSpans) => resourceSpans.scopeSpans.flatMap((scope) => scope.spans)),
    );
    const inTrace = spans.filter((span) => span.traceId === traceId);
    assert.equal(inTrace.length, spans.length, "every span continues the caller's trace");
    const childrenOf = (parent: OtlpSpan) => inTrace.filter((span) => span.parentSpanId === parent.spanId);

    const [operation, ...otherRoots] = inTrace.filter((span) => span.parentSpanId === callerSpanId);
    assert.equal(otherRoots.length, 0);
    assert.equal(operation!.name, "mutation Attach");
    assert.equal(operation!.kind, SPAN_KIND.server);
    assert.equal(attribute(operation!, "graphql.operation.type"), "mutation");
    assert.equal(attribute(operation!, "graphql.operation.name"), "Attach");
    assert.equal(attribute(operation!, "ess_gateway.outcome"), "success");
    assert.equal(typeof attribute(operation!, "ess_gateway.correlation_id"), "string");

    const [resolver, ...otherFields] = childrenOf(operation!);
    assert.equal(otherFields.length, 0);
    assert.equal(resolver!.name, "Mutation.attachInstances");

    const calls = childrenOf(resolver!);
    assert.ok(
      calls.every((span) => span.name.startsWith("EssUpstream.") && span.kind === SPAN_KIND.internal),
      calls.map((span) => span.name).join(),
    );
    const attachCall = calls.filter((span) => span.name === "EssUpstream.attachInstances");
    assert.equal(attachCall.length, 1);
    const attempts = childrenOf(attachCall[0]!)
      .filter((span) => attribute(span, "rpc.method") === "AttachInstances")
      .sort((a, b) => Number(attribute(a, "ess_gateway.upstream.attempt")) - Number(attribute(b, "ess_gateway.upstream.attempt")));
    assert.deepEqual(
      attempts.map((span) => ({
        name: span.name,
        kind: span.kind,
        attempt: attribute(span, "ess_gateway.upstream.attempt"),
        resend: attribute(span, "http.request.resend_count"),
        code: attribute(span, "error.type") ?? null,
        willRetry: attribute(span, "ess_gateway.upstream.will_retry") ?? null,
        error: span.status?.code === STATUS_ERROR,
        service: attribute(span, "rpc.service"),
        hasRequestId: typeof attribute(span, "alibaba_cloud.request_id") === "string",
      })),
      [
        {
          name: "Ess AttachInstances",
          kind: SPAN_KIND.client,
          attempt: 1,
          resend: 0,
          code: "Throttling",
          willRetry: true,
          error: true,
          service: "Ess",
          hasRequestId: true,
        },
        {
          name: "Ess AttachInstances",
          kind: SPAN_KIND.client,
          attempt: 2,
          resend: 1,
          code: "Throttling",
          willRetry: true,
          error: true,
          service: "Ess",
          hasRequestId: true,
        },
        {
          name: "Ess AttachInstances",
          kind: SPAN_KIND.client,
          attempt: 3,
          resend: 2,
          code: null,
          willRetry: null,
          error: false,
          service: "Ess",
          hasRequestId: true,
        },
      ],
    );
    // Every upstream attempt of the request is a child of one call span, and every call a child of the resolver.
    const attemptSpans = inTrace.filter((span) => span.kind === SPAN_KIND.client);
    for (const span of attemptSpans)
      assert.ok(
        calls.some((call) => call.spanId === span.parentSpanId),
        span.name,
      );
    assert.equal(inTrace.length, 2 + calls.length + attemptSpans.length);
  });
});
