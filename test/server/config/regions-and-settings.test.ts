import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../../../src/emulator/emulator";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { ConfigError } from "../../../src/server/config/config.errors";
import { gatewayUsage, parseGatewayCommand } from "../../../src/server/config/gateway-config.parser";
import type { GatewayConfig } from "../../../src/server/config/gateway.config";
import { startGateway, type RunningGateway } from "../../../src/server/gateway";
import { DEFAULT_OPERATION_LIMITS } from "../../../src/server/limits/operation-limits.config";
import { createReadinessProbe } from "../../../src/server/http/readiness.probe";
import {
  ACCESS_KEY_ID,
  ACCESS_KEY_SECRET,
  attachTestWorld,
  GROUPS,
  INSTANCES,
  OTHER_REGION,
  REGION,
} from "../../support/attach-test-world";
import { assertNoSecretLeaks, secretsOf } from "../../support/gateway-harness";

function startConfig(env: Record<string, string>, argv: string[] = []): GatewayConfig {
  const command = parseGatewayCommand(env, argv);
  assert.equal(command.kind, "start");
  if (command.kind !== "start") throw new Error("unreachable");
  return command.config;
}

function assertConfigError(env: Record<string, string>, argv: string[], message: RegExp): void {
  assert.throws(
    () => parseGatewayCommand(env, argv),
    (error: unknown) => error instanceof ConfigError && message.test(error.message),
  );
}

const ALIYUN = { ESS_GATEWAY_UPSTREAM: "aliyun", ESS_GATEWAY_REGION: "cn-hangzhou" };

describe("settings: operation limits and regions", () => {
  test("limits default, and come from the environment or flags (flags win)", () => {
    const defaults = startConfig({}).limits;
    assert.deepEqual(defaults, { ...DEFAULT_OPERATION_LIMITS, introspection: true });
    assert.equal(startConfig({ NODE_ENV: "production" }).limits?.introspection, false);
    const configured = startConfig(
      {
        ESS_GATEWAY_MAX_DEPTH: "7",
        ESS_GATEWAY_MAX_ALIASES: "3",
        ESS_GATEWAY_MAX_COST: "900",
        ESS_GATEWAY_MAX_TOKENS: "400",
        ESS_GATEWAY_MAX_DIRECTIVES: "2",
        ESS_GATEWAY_MAX_LIST_ITEMS: "100",
        ESS_GATEWAY_MAX_UPSTREAM_CALLS: "50",
        ESS_GATEWAY_MAX_DOCUMENT_BYTES: "20000",
        ESS_GATEWAY_INTROSPECTION: "false",
      },
      ["--max-depth", "8", "--max-list-items=200", "--max-upstream-calls", "60", "--introspection", "true"],
    ).limits;
    assert.deepEqual(configured, {
      maxDepth: 8,
      maxAliases: 3,
      maxCost: 900,
      maxTokens: 400,
      maxDirectives: 2,
      maxListItems: 200,
      maxDocumentBytes: 20000,
      maxUpstreamCalls: 60,
      introspection: true,
    });
  });

  test("bad limit values stop start-up naming the setting", () => {
    assertConfigError({ ESS_GATEWAY_MAX_DEPTH: "0" }, [], /ESS_GATEWAY_MAX_DEPTH \(--max-depth\): "0" is not an integer from 1 to 1000/);
    assertConfigError({}, ["--max-cost", "-5"], /--max-cost/);
    assertConfigError({ ESS_GATEWAY_MAX_LIST_ITEMS: "lots" }, [], /ESS_GATEWAY_MAX_LIST_ITEMS/);
    assertConfigError(
      { ESS_GATEWAY_MAX_UPSTREAM_CALLS: "0" },
      [],
      /ESS_GATEWAY_MAX_UPSTREAM_CALLS \(--max-upstream-calls\): "0" is not an integer from 1 to 1000000/,
    );
    assertConfigError(
      { ESS_GATEWAY_INTROSPECTION: "yes" },
      [],
      /ESS_GATEWAY_INTROSPECTION \(--introspection\): "yes" is not true, false, 1 or 0/,
    );
  });

  test("--help lists every limit and the region list", () => {
    const usage = gatewayUsage();
    for (const name of [
      "ESS_GATEWAY_MAX_DEPTH",
      "--max-aliases",
      "ESS_GATEWAY_MAX_COST",
      "--max-tokens",
      "ESS_GATEWAY_MAX_DIRECTIVES",
      "--max-list-items",
      "ESS_GATEWAY_INTROSPECTION",
      "ESS_GATEWAY_REGIONS",
      "--regions",
    ]) {
      assert.ok(usage.includes(name), name);
    }
  });

  test("ESS_GATEWAY_REGIONS: default the main region; a validated list that must include it, main first", () => {
    const upstreamOf = (config: GatewayConfig) => (config.upstream.kind === "aliyun" ? config.upstream : assert.fail("aliyun mode"));
    assert.deepEqual(upstreamOf(startConfig(ALIYUN)).regionIds, ["cn-hangzhou"]);
    assert.deepEqual(
      upstreamOf(startConfig({ ...ALIYUN, ESS_GATEWAY_REGIONS: " cn-shanghai, cn-hangzhou ,cn-shanghai,eu-central-1" })).regionIds,
      ["cn-hangzhou", "cn-shanghai", "eu-central-1"],
    );
    assert.deepEqual(upstreamOf(startConfig(ALIYUN, ["--regions", "cn-hangzhou,cn-beijing"])).regionIds, ["cn-hangzhou", "cn-beijing"]);
    assertConfigError(
      { ...ALIYUN, ESS_GATEWAY_REGIONS: "cn-shanghai" },
      [],
      /ESS_GATEWAY_REGIONS \(--regions\): must include the main region cn-hangzhou/,
    );
    assertConfigError({ ...ALIYUN, ESS_GATEWAY_REGIONS: "cn-hangzhou,Shanghai!" }, [], /"Shanghai!" is not a region ID/);
    assertConfigError({ ESS_GATEWAY_REGIONS: "cn-hangzhou" }, [], /only applies when ESS_GATEWAY_UPSTREAM=aliyun/);
  });

  test("a stray positional argument is refused without being quoted (it may be a pasted secret)", () => {
    assert.throws(
      () => parseGatewayCommand({}, ["LooksLikeASecret0123456789"]),
      (error: unknown) =>
        error instanceof ConfigError && !error.message.includes("LooksLikeASecret") && /unexpected argument/.test(error.message),
    );
  });

  test("/readyz never publishes a secret carried by a failure's message", async () => {
    const probe = createReadinessProbe({
      upstreamLabel: "test",
      cacheMs: 0,
      timeoutMs: 1_000,
      check: async () => {
        throw new Error(
          "GET https://ecs.aliyuncs.com/?AccessKeyId=LTAIxyz&Signature=abcdef failed; Authorization: ACS3-HMAC-SHA256 Credential=LTAIxyz,Signature=0123",
        );
      },
    });
    const report = JSON.stringify(await probe.report());
    assert.doesNotMatch(report, /Signature=abc|LTAIxyz|Signature=0123/);
    assert.match(report, /not-ready/);
  });
});

describe("multi-region real mode: ESS_GATEWAY_REGIONS feeds the preflight's region lookup", () => {
  let emulator: RunningEmulator;
  const gateways: RunningGateway[] = [];
  const logLines: string[] = [];
  const bodies: string[] = [];

  const startRealMode = async (regions: string | undefined): Promise<RunningGateway> => {
    const hostPort = `127.0.0.1:${emulator.port}`;
    const config = startConfig(
      {
        ESS_GATEWAY_UPSTREAM: "aliyun",
        ESS_GATEWAY_REGION: REGION,
        ...(regions === undefined ? {} : { ESS_GATEWAY_REGIONS: regions }),
        ESS_GATEWAY_ESS_ENDPOINT: hostPort,
        ESS_GATEWAY_ECS_ENDPOINT: hostPort,
        ESS_GATEWAY_SLB_ENDPOINT: hostPort,
        ESS_GATEWAY_RDS_ENDPOINT: hostPort,
        ESS_GATEWAY_PROTOCOL: "http",
        ESS_GATEWAY_ACCESS_KEY_ID: ACCESS_KEY_ID,
        ESS_GATEWAY_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
        ESS_GATEWAY_RETRY_MAX_ATTEMPTS: "1",
      },
      ["--port", "0"],
    );
    const gateway = await startGateway(config, { logSink: (line) => logLines.push(line) });
    gateways.push(gateway);
    return gateway;
  };

  const preflightCodes = async (gateway: RunningGateway): Promise<string[]> => {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query($ids: [ID!]!) { attachPreflight(regionId: "${REGION}", scalingGroupId: "${GROUPS.main}", instanceIds: $ids) { blockers { ... on UserFacingError { code } } } }`,
        variables: { ids: [INSTANCES.otherRegion] },
      }),
    });
    const text = await response.text();
    bodies.push(text);
    const body = JSON.parse(text) as { data?: { attachPreflight: { blockers: Array<{ code: string }> } } };
    assert.ok(body.data, text);
    return body.data.attachPreflight.blockers.map((blocker) => blocker.code);
  };

  before(async () => {
    emulator = await startEmulator({ world: attachTestWorld(), dbPath: ":memory:", activity: { mode: "immediate" }, faultSeed: 1 });
  });
  after(async () => {
    for (const gateway of gateways) await gateway.close();
    await emulator?.close();
    assertNoSecretLeaks([...logLines, ...bodies], secretsOf(attachTestWorld()));
  });

  test("with only the main region, an instance of another region is reported as not found", async () => {
    const gateway = await startRealMode(undefined);
    assert.deepEqual(await preflightCodes(gateway), ["InvalidInstanceId.NotFound"]);
  });

  test(`with ${REGION},${OTHER_REGION}, it is a RegionMismatch, at the cost of one DescribeInstances in ${OTHER_REGION}`, async () => {
    const gateway = await startRealMode(`${REGION},${OTHER_REGION}`);
    emulator.control.resetCallCounts();
    assert.deepEqual(await preflightCodes(gateway), ["InvalidInstanceId.RegionMismatch"]);
    const withRegions = emulator.control.callCounts().DescribeInstances ?? 0;
    const single = gateways[0]!;
    emulator.control.resetCallCounts();
    await preflightCodes(single);
    assert.equal(withRegions, (emulator.control.callCounts().DescribeInstances ?? 0) + 1, "exactly one extra DescribeInstances");
  });
});
