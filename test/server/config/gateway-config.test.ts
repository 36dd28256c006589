import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseGatewayCommand } from "../../../src/server/config/gateway-config.parser";
import { configFrom, rejection } from "../../support/gateway-config.support";

describe("gateway configuration", () => {
  test("defaults: 127.0.0.1:4000 on the embedded emulator with the demo world in ./data", () => {
    const config = configFrom({});
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.port, 4000);
    assert.equal(config.logLevel, "info");
    assert.deepEqual(config.upstream, {
      kind: "emulator",
      dbPath: "./data/emulator.db",
      worldPath: undefined,
      activity: { mode: "realtime", durationMs: 3000 },
      client: {
        signatureVersion: "v3",
        timeoutMs: 10_000,
        connectTimeoutMs: 5_000,
        retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, settleMs: 15_000 },
      },
    });
  });

  test("flags win over environment variables", () => {
    const config = configFrom({ PORT: "5000", HOST: "0.0.0.0" }, [
      "--port",
      "6000",
      "--emulator-db=:memory:",
      "--emulator-activity",
      "manual",
    ]);
    assert.equal(config.port, 6000);
    assert.equal(config.host, "0.0.0.0");
    assert.equal(config.upstream.kind === "emulator" && config.upstream.dbPath, ":memory:");
    assert.deepEqual(config.upstream.kind === "emulator" && config.upstream.activity, { mode: "manual" });
  });

  test("real mode: public endpoints of the region, the default credential chain, overrides per product", () => {
    const config = configFrom({
      ESS_GATEWAY_UPSTREAM: "aliyun",
      ESS_GATEWAY_REGION: "eu-central-1",
      ESS_GATEWAY_RDS_ENDPOINT: "rds.internal:8443",
    });
    assert.equal(config.upstream.kind, "aliyun");
    if (config.upstream.kind !== "aliyun") return;
    assert.deepEqual(config.upstream.connection, {
      regionId: "eu-central-1",
      endpoints: {
        ess: "ess.eu-central-1.aliyuncs.com",
        ecs: "ecs.eu-central-1.aliyuncs.com",
        slb: "slb.eu-central-1.aliyuncs.com",
        rds: "rds.internal:8443",
      },
      protocol: "https",
      credentials: { kind: "defaultChain" },
    });
  });

  test("real mode with an explicit AccessKey, V1 signatures and custom retries", () => {
    const config = configFrom({
      ESS_GATEWAY_UPSTREAM: "aliyun",
      ESS_GATEWAY_ACCESS_KEY_ID: "LTAI-example",
      ESS_GATEWAY_ACCESS_KEY_SECRET: "example-secret-value",
      ESS_GATEWAY_SIGNATURE_VERSION: "v1",
      ESS_GATEWAY_RETRY_MAX_ATTEMPTS: "6",
    });
    assert.equal(config.upstream.kind, "aliyun");
    if (config.upstream.kind !== "aliyun") return;
    assert.deepEqual(config.upstream.connection.credentials, {
      kind: "accessKey",
      accessKeyId: "LTAI-example",
      accessKeySecret: "example-secret-value",
    });
    assert.equal(config.upstream.client.signatureVersion, "v1");
    assert.equal(config.upstream.client.retry.maxAttempts, 6);
  });

  const badValues: Array<[string, Record<string, string>, string[], RegExp]> = [
    ["a non-numeric port", { PORT: "http" }, [], /PORT \(--port\): "http" is not an integer from 0 to 65535/],
    ["a port out of range", {}, ["--port", "70000"], /PORT \(--port\)/],
    [
      "an unknown upstream",
      { ESS_GATEWAY_UPSTREAM: "aws" },
      [],
      /ESS_GATEWAY_UPSTREAM \(--upstream\): "aws" is not one of emulator, aliyun/,
    ],
    ["an unknown log level", { ESS_GATEWAY_LOG_LEVEL: "loud" }, [], /ESS_GATEWAY_LOG_LEVEL/],
    ["a bad signature version", { ESS_GATEWAY_SIGNATURE_VERSION: "v2" }, [], /ESS_GATEWAY_SIGNATURE_VERSION/],
    ["zero attempts", { ESS_GATEWAY_RETRY_MAX_ATTEMPTS: "0" }, [], /ESS_GATEWAY_RETRY_MAX_ATTEMPTS/],
    [
      "a max delay below the base delay",
      { ESS_GATEWAY_RETRY_BASE_DELAY_MS: "500", ESS_GATEWAY_RETRY_MAX_DELAY_MS: "100" },
      [],
      /ESS_GATEWAY_RETRY_MAX_DELAY_MS/,
    ],
    ["a bad activity timing", { ESS_GATEWAY_EMULATOR_ACTIVITY: "fast" }, [], /ESS_GATEWAY_EMULATOR_ACTIVITY/],
    [
      "a region setting in emulator mode",
      { ESS_GATEWAY_REGION: "cn-beijing" },
      [],
      /ESS_GATEWAY_REGION \(--region\): only applies when ESS_GATEWAY_UPSTREAM=aliyun/,
    ],
    [
      "an emulator setting in real mode",
      { ESS_GATEWAY_UPSTREAM: "aliyun", ESS_GATEWAY_EMULATOR_DB: "x.db" },
      [],
      /ESS_GATEWAY_EMULATOR_DB/,
    ],
    ["a malformed region", { ESS_GATEWAY_UPSTREAM: "aliyun", ESS_GATEWAY_REGION: "Hangzhou" }, [], /ESS_GATEWAY_REGION/],
    [
      "an endpoint with a scheme",
      { ESS_GATEWAY_UPSTREAM: "aliyun", ESS_GATEWAY_ESS_ENDPOINT: "https://ess.aliyuncs.com" },
      [],
      /ESS_GATEWAY_ESS_ENDPOINT/,
    ],
    [
      "an AccessKey ID without its secret",
      { ESS_GATEWAY_UPSTREAM: "aliyun", ESS_GATEWAY_ACCESS_KEY_ID: "LTAI-example" },
      [],
      /ESS_GATEWAY_ACCESS_KEY_SECRET: is required/,
    ],
    ["an unknown flag", {}, ["--prot", "1"], /command line: .*--prot/],
  ];
  for (const [what, env, argv, expected] of badValues) {
    test(`${what} stops start-up, naming the setting`, () => {
      assert.match(rejection(env, argv), expected);
    });
  }

  test("a secret's value is never echoed in a configuration error", () => {
    const message = rejection({ ESS_GATEWAY_UPSTREAM: "aliyun", ESS_GATEWAY_ACCESS_KEY_SECRET: "super-secret-value-123" });
    assert.ok(!message.includes("super-secret-value-123"));
  });

  test("--help prints every setting", () => {
    const command = parseGatewayCommand({}, ["--help"]);
    assert.equal(command.kind, "help");
    if (command.kind !== "help") return;
    for (const name of [
      "PORT",
      "HOST",
      "ESS_GATEWAY_UPSTREAM",
      "ESS_GATEWAY_REGION",
      "ESS_GATEWAY_ACCESS_KEY_SECRET",
      "--signature-version",
    ]) {
      assert.ok(command.usage.includes(name), name);
    }
  });
});
