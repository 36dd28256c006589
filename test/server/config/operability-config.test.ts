import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { configFrom, rejection } from "../../support/gateway-config.support";
import { GATEWAY_MAIN } from "../../support/repo-paths";

describe("metrics, tracing and shutdown settings", () => {
  test("defaults: /metrics on its own port 9464 (0 with PORT=0), no token, tracing off, 25 s shutdown", () => {
    const config = configFrom({});
    assert.deepEqual(config.telemetry, {
      metrics: { exposure: "separate", host: "127.0.0.1", port: 9464, token: null, maxOperationNames: 100 },
      tracing: { enabled: false },
    });
    assert.equal(config.shutdownTimeoutMs, 25_000);
    assert.deepEqual(configFrom({ PORT: "0" }).telemetry?.metrics, {
      exposure: "separate",
      host: "127.0.0.1",
      port: 0,
      token: null,
      maxOperationNames: 100,
    });
  });

  test("flags and environment: main port with a token, off, host, shutdown timeout", () => {
    const token = "a-token-of-sixteen+";
    assert.deepEqual(configFrom({ ESS_GATEWAY_METRICS_TOKEN: token }, ["--metrics", "main"]).telemetry?.metrics, {
      exposure: "main",
      token,
      maxOperationNames: 100,
    });
    assert.deepEqual(configFrom({ ESS_GATEWAY_METRICS: "off" }).telemetry?.metrics, { exposure: "off" });
    assert.deepEqual(
      configFrom({}, ["--metrics-host", "0.0.0.0", "--metrics-port", "9100", "--metrics-max-operation-names", "7"]).telemetry?.metrics,
      {
        exposure: "separate",
        host: "0.0.0.0",
        port: 9100,
        token: null,
        maxOperationNames: 7,
      },
    );
    assert.equal(configFrom({ ESS_GATEWAY_SHUTDOWN_TIMEOUT_MS: "5000" }).shutdownTimeoutMs, 5_000);
  });

  test("unusable values are refused, naming the setting", () => {
    assert.match(rejection({ ESS_GATEWAY_METRICS: "main" }), /ESS_GATEWAY_METRICS \(--metrics\).*ESS_GATEWAY_METRICS_TOKEN/);
    assert.match(rejection({ ESS_GATEWAY_METRICS: "public" }), /ESS_GATEWAY_METRICS \(--metrics\)/);
    assert.match(rejection({ ESS_GATEWAY_METRICS_TOKEN: "short" }), /ESS_GATEWAY_METRICS_TOKEN.*16/);
    assert.match(rejection({ PORT: "4000", ESS_GATEWAY_METRICS_PORT: "4000" }), /ESS_GATEWAY_METRICS_PORT \(--metrics-port\).*differ/);
    assert.match(rejection({ ESS_GATEWAY_METRICS_HOST: "not a host" }), /ESS_GATEWAY_METRICS_HOST \(--metrics-host\)/);
    assert.match(rejection({ ESS_GATEWAY_SHUTDOWN_TIMEOUT_MS: "soon" }), /ESS_GATEWAY_SHUTDOWN_TIMEOUT_MS \(--shutdown-timeout-ms\)/);
  });

  test("tracing from the OTEL_* variables: on with otlp, and refusals for what cannot be honoured", () => {
    assert.deepEqual(
      configFrom({
        OTEL_TRACES_EXPORTER: "otlp",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
        OTEL_SERVICE_NAME: "gw",
        OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
        OTEL_TRACES_SAMPLER_ARG: "0.25",
      }).telemetry?.tracing,
      {
        enabled: true,
        tracesUrl: "http://collector:4318/v1/traces",
        serviceName: "gw",
        sampler: "parentbased_traceidratio",
        samplerRatio: 0.25,
      },
    );
    const traces = configFrom({ OTEL_TRACES_EXPORTER: "otlp", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://otlp.example.com/custom" })
      .telemetry?.tracing;
    assert.ok(traces?.enabled && traces.tracesUrl === "https://otlp.example.com/custom");
    assert.deepEqual(configFrom({ OTEL_TRACES_EXPORTER: "otlp", OTEL_SDK_DISABLED: "true" }).telemetry?.tracing, { enabled: false });
    assert.match(rejection({ OTEL_TRACES_EXPORTER: "zipkin" }), /OTEL_TRACES_EXPORTER/);
    assert.match(
      rejection({ OTEL_TRACES_EXPORTER: "otlp", OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" }),
      /OTEL_EXPORTER_OTLP_PROTOCOL.*http\/json/,
    );
    assert.match(rejection({ OTEL_TRACES_EXPORTER: "otlp", OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }), /OTEL_EXPORTER_OTLP_ENDPOINT/);
    assert.match(rejection({ OTEL_TRACES_EXPORTER: "otlp", OTEL_TRACES_SAMPLER: "sometimes" }), /OTEL_TRACES_SAMPLER/);
    assert.match(rejection({ OTEL_TRACES_EXPORTER: "otlp", OTEL_TRACES_SAMPLER_ARG: "2" }), /OTEL_TRACES_SAMPLER_ARG/);
  });

  test("main.js exits 1 when the metrics port is taken, 2 on a bad setting, and lists the new settings in --help", async () => {
    const run = (env: Record<string, string>, args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [GATEWAY_MAIN, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
      });
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const takenPort = (taken.address() as AddressInfo).port;
    const clash = await run({ ESS_GATEWAY_LOG_LEVEL: "warn" }, [
      "--port",
      "0",
      "--emulator-db",
      ":memory:",
      "--metrics-port",
      String(takenPort),
    ]);
    await new Promise((resolve) => taken.close(resolve));
    assert.equal(clash.code, 1);
    assert.match(
      clash.stderr,
      new RegExp(`port ${takenPort} on 127\\.0\\.0\\.1 \\(for /metrics\\) is already in use; choose another with ESS_GATEWAY_METRICS_PORT`),
    );
    const bad = await run({ ESS_GATEWAY_METRICS: "main" }, []);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /ESS_GATEWAY_METRICS/);
    const help = await run({}, ["--help"]);
    assert.equal(help.code, 0);
    for (const name of [
      "ESS_GATEWAY_METRICS ",
      "ESS_GATEWAY_METRICS_PORT",
      "ESS_GATEWAY_METRICS_TOKEN",
      "ESS_GATEWAY_SHUTDOWN_TIMEOUT_MS",
      "OTEL_TRACES_EXPORTER",
      "OTEL_EXPORTER_OTLP_ENDPOINT",
    ]) {
      assert.ok(help.stdout.includes(name), name);
    }
  });
});
