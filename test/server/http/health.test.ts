import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { startGateway, type RunningGateway } from "../../../src/server/gateway";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const origin = (graphqlUrl: string) => new URL(graphqlUrl).origin;

describe("/healthz and /readyz on the embedded emulator", () => {
  let harness: GatewayHarness;
  before(async () => {
    // No caching: each probe reaches the upstream, so the fault below shows at once.
    harness = await startGatewayHarness({
      http: readHttpSettings({ ESS_GATEWAY_READINESS_CACHE_MS: "0" }),
      client: { retry: { maxAttempts: 1 } },
    });
  });
  after(() => harness.close());

  test("/healthz answers 200 without touching the upstream", async () => {
    harness.control.resetCallCounts();
    const response = await fetch(`${origin(harness.url)}/healthz`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.deepEqual(await response.json(), { status: "ok" });
    assert.deepEqual(harness.control.callCounts(), {});
  });

  test("/readyz answers 200 when the upstream answers a cheap Describe call", async () => {
    harness.control.resetCallCounts();
    const response = await fetch(`${origin(harness.url)}/readyz`);
    assert.equal(response.status, 200);
    const report = (await response.json()) as { status: string; upstream: string };
    assert.equal(report.status, "ready");
    assert.equal(report.upstream, "embedded emulator");
    assert.deepEqual(harness.control.callCounts(), { DescribeScalingGroups: 1 });
  });

  test("/readyz answers 503 with the upstream's code while the upstream fails", async () => {
    harness.control.setFault("DescribeScalingGroups", { serviceUnavailableRate: 1 });
    try {
      const response = await fetch(`${origin(harness.url)}/readyz`);
      assert.equal(response.status, 503);
      const report = (await response.json()) as { status: string; reason: { code: string } };
      assert.equal(report.status, "not-ready");
      assert.equal(report.reason.code, "ServiceUnavailable");
    } finally {
      harness.control.clearFaults();
    }
    assert.equal((await fetch(`${origin(harness.url)}/readyz`)).status, 200);
  });
});

describe("/readyz caches the probe", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ http: readHttpSettings({ ESS_GATEWAY_READINESS_CACHE_MS: "60000" }) });
  });
  after(() => harness.close());

  test("a burst of probes costs one upstream call", async () => {
    harness.control.resetCallCounts();
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await fetch(`${origin(harness.url)}/readyz`)).status));
    assert.deepEqual(new Set(statuses), new Set([200]));
    assert.deepEqual(harness.control.callCounts(), { DescribeScalingGroups: 1 });
  });
});

describe("/readyz with the upstream pointed at a closed port", () => {
  let gateway: RunningGateway;
  const logLines: string[] = [];
  before(async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const endpoint = `127.0.0.1:${closedPort}`;
    gateway = await startGateway(
      {
        host: "127.0.0.1",
        port: 0,
        logLevel: "debug",
        upstream: {
          kind: "aliyun",
          connection: {
            regionId: "cn-hangzhou",
            endpoints: { ess: endpoint, ecs: endpoint, slb: endpoint, rds: endpoint },
            protocol: "http",
            credentials: { kind: "accessKey", accessKeyId: "LTAI5tReadinessTest", accessKeySecret: "readiness-test-secret-value" },
          },
          client: {
            signatureVersion: "v3",
            timeoutMs: 2_000,
            connectTimeoutMs: 1_000,
            retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
          },
        },
        http: readHttpSettings({ ESS_GATEWAY_READINESS_CACHE_MS: "0" }),
      },
      { logSink: (line) => logLines.push(line) },
    );
  });
  after(() => gateway.close());

  test("the gateway is live but not ready, and says why without leaking the secret", async () => {
    assert.equal((await fetch(`${origin(gateway.url)}/healthz`)).status, 200);
    const response = await fetch(`${origin(gateway.url)}/readyz`);
    assert.equal(response.status, 503);
    const text = await response.text();
    const report = JSON.parse(text) as { status: string; upstream: string; reason: { code: string } };
    assert.equal(report.status, "not-ready");
    assert.equal(report.reason.code, "ConnectionRefused");
    assert.match(report.upstream, /Alibaba Cloud ESS at 127\.0\.0\.1:/);
    assert.ok(!text.includes("readiness-test-secret-value"));
    assert.ok(!logLines.some((line) => line.includes("readiness-test-secret-value")));
  });
});
