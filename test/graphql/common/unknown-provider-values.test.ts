import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { startEmulator } from "../../../src/emulator/emulator";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { parseGatewayCommand } from "../../../src/server/config/gateway-config.parser";
import { startGateway, type RunningGateway } from "../../../src/server/gateway";
import { assertNoSecretLeaks, createGraphQLClient, secretsOf } from "../../support/gateway-harness";

/** The provider fields the gateway maps to enums (ESS, ECS and SLB JSON keys). */
const ENUM_KEYS = [
  "LifecycleState",
  "Status",
  "StatusCode",
  "HealthStatus",
  "CreationType",
  "InstanceNetworkType",
  "InstanceChargeType",
  "LoadBalancerStatus",
  "NetworkType",
];
const ENUM_VALUE = new RegExp(`"(${ENUM_KEYS.join("|")})":"([^"]*)"`, "g");
/** What a newer Alibaba Cloud might send: every enum value is one the gateway has never seen. */
const future = (value: string) => `Future${value}`;

/**
 * A real upstream path (signed calls, real mode) through a proxy that rewrites every enum value of
 * the emulator's answers into one the gateway does not know, as when Alibaba Cloud adds a state.
 */
async function startRewritingProxy(target: number): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const upstream = http.request(
        { host: "127.0.0.1", port: target, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () => {
            const body = Buffer.concat(parts)
              .toString("utf8")
              .replace(ENUM_VALUE, (_match, key: string, value: string) => `"${key}":"${future(value)}"`);
            const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(body)) };
            response.writeHead(answer.statusCode ?? 502, headers).end(body);
          });
        },
      );
      upstream.on("error", () => response.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const QUERY = `query Unknown {
  scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") {
    lifecycleState lifecycleStateRaw
    loadBalancers { status statusRaw networkType networkTypeRaw }
    instances(first: 10) { nodes { lifecycleState lifecycleStateRaw health healthRaw creationType creationTypeRaw
      instance { status statusRaw networkType networkTypeRaw chargeType chargeTypeRaw } } }
    activities(first: 10) { nodes { status statusRaw } }
  }
}`;

describe("an enum value the gateway does not know (a new cloud state) is UNKNOWN, never a failed field", () => {
  let emulator: RunningEmulator;
  let proxy: http.Server;
  let gateway: RunningGateway;
  const logLines: string[] = [];
  const responseBodies: string[] = [];

  before(async () => {
    emulator = await startEmulator({
      world: loadDemoWorld(),
      dbPath: ":memory:",
      activity: { mode: "immediate" },
      log: (line) => logLines.push(line),
    });
    proxy = await startRewritingProxy(emulator.port);
    const hostPort = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const command = parseGatewayCommand(
      {
        ESS_GATEWAY_UPSTREAM: "aliyun",
        ESS_GATEWAY_REGION: "cn-hangzhou",
        ESS_GATEWAY_ESS_ENDPOINT: hostPort,
        ESS_GATEWAY_ECS_ENDPOINT: hostPort,
        ESS_GATEWAY_SLB_ENDPOINT: hostPort,
        ESS_GATEWAY_RDS_ENDPOINT: hostPort,
        ESS_GATEWAY_PROTOCOL: "http",
        ESS_GATEWAY_ACCESS_KEY_ID: DEMO_ACCESS_KEYS.primary.accessKeyId,
        ESS_GATEWAY_ACCESS_KEY_SECRET: DEMO_ACCESS_KEYS.primary.accessKeySecret,
        ESS_GATEWAY_LOG_LEVEL: "debug",
        ESS_GATEWAY_RETRY_BASE_DELAY_MS: "1",
        ESS_GATEWAY_RETRY_MAX_DELAY_MS: "5",
      },
      ["--port", "0"],
    );
    assert.equal(command.kind, "start");
    if (command.kind !== "start") throw new Error("unreachable");
    gateway = await startGateway(command.config, { logSink: (line) => logLines.push(line) });
  });
  after(async () => {
    await gateway?.close();
    await new Promise((resolve) => proxy?.close(resolve));
    await emulator?.close();
    assertNoSecretLeaks([...logLines, ...responseBodies], secretsOf(loadDemoWorld()));
  });

  test("every provider-mapped enum answers UNKNOWN with the raw value beside it, and the query succeeds", async () => {
    const client = createGraphQLClient(gateway.url, responseBodies);
    const response = await client.post(JSON.stringify({ query: QUERY }));
    assert.equal(response.status, 200);
    const body = JSON.parse(response.text) as { data: { scalingGroup: Record<string, unknown> & Record<string, any> }; errors?: unknown };
    assert.equal(body.errors, undefined, response.text);
    const group = body.data.scalingGroup;
    assert.deepEqual([group.lifecycleState, group.lifecycleStateRaw], ["UNKNOWN", future("Active")]);

    const [loadBalancer] = group.loadBalancers as Array<Record<string, string>>;
    assert.deepEqual([loadBalancer!.status, loadBalancer!.statusRaw], ["UNKNOWN", future("active")]);
    assert.deepEqual([loadBalancer!.networkType, loadBalancer!.networkTypeRaw.startsWith("Future")], ["UNKNOWN", true]);

    const members = group.instances.nodes as Array<Record<string, any>>;
    assert.ok(members.length > 0);
    for (const member of members) {
      for (const field of ["lifecycleState", "health", "creationType"]) {
        assert.equal(member[field], "UNKNOWN", field);
        assert.match(member[`${field}Raw`], /^Future/, field);
      }
      for (const field of ["status", "networkType", "chargeType"]) {
        assert.equal(member.instance[field], "UNKNOWN", field);
        assert.match(member.instance[`${field}Raw`], /^Future/, field);
      }
    }
    const activities = group.activities.nodes as Array<Record<string, string>>;
    assert.ok(activities.length > 0);
    for (const activity of activities) assert.deepEqual([activity.status, activity.statusRaw.startsWith("Future")], ["UNKNOWN", true]);
  });

  test("each unknown value is logged once as a warning, with what it is", async () => {
    const client = createGraphQLClient(gateway.url, responseBodies);
    await client.post(JSON.stringify({ query: QUERY }));
    const warnings = logLines
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: string; msg: string; what?: string; value?: string })
      .filter((line) => line.msg === "upstream sent a value this gateway does not know; answered as UNKNOWN");
    assert.ok(warnings.every((line) => line.level === "warn"));
    const seen = warnings.map((line) => `${line.what}=${line.value}`);
    assert.ok(seen.includes("scaling group LifecycleState=FutureActive"), seen.join(", "));
    assert.ok(seen.includes("ECS instance Status=FutureRunning"), seen.join(", "));
    assert.equal(new Set(seen).size, seen.length, "each distinct value once, although two queries saw it");
    assert.ok(!logLines.some((line) => line.includes("unexpected error")), "nothing was masked as an internal error");
  });

  test("the warning names the request that saw the value, and a second gateway in the same process logs none", async () => {
    const otherLines: string[] = [];
    const other = await startGateway(
      { ...parseStartConfig({ ESS_GATEWAY_UPSTREAM: "emulator", ESS_GATEWAY_EMULATOR_DB: ":memory:" }), logLevel: "debug" },
      { logSink: (line) => otherLines.push(line) },
    );
    try {
      // A value this gateway has not warned about yet: the status of a stopped instance (the earlier queries read running members).
      const fresh = `query Fresh { instance(regionId: "cn-hangzhou", id: "i-demo-0151") { status statusRaw } }`;
      const before = logLines.length;
      const response = await createGraphQLClient(gateway.url, responseBodies).post(JSON.stringify({ query: fresh }), {
        "x-correlation-id": "unknown-value-probe",
      });
      assert.equal(response.status, 200);
      const otherResponse = await createGraphQLClient(other.url, responseBodies).post(JSON.stringify({ query: QUERY }));
      assert.equal(otherResponse.status, 200);
      const warningsOf = (lines: string[]) =>
        lines
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as { msg: string; correlationId?: string })
          .filter((line) => line.msg === "upstream sent a value this gateway does not know; answered as UNKNOWN");
      const probeWarnings = warningsOf(logLines.slice(before));
      assert.ok(probeWarnings.length > 0, "the stopped instance's status was new to this gateway");
      assert.ok(
        probeWarnings.every((line) => line.correlationId === "unknown-value-probe"),
        JSON.stringify(probeWarnings),
      );
      assert.deepEqual(warningsOf(otherLines), [], "the other gateway's upstream sent only known values");
    } finally {
      await other.close();
    }
  });
});

function parseStartConfig(env: Record<string, string>) {
  const command = parseGatewayCommand(env, ["--port", "0"]);
  if (command.kind !== "start") throw new Error("expected a start command");
  return command.config;
}
