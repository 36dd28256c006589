/**
 * Observability benchmark: the gateway's CPU per request with metrics and tracing off and on.
 *
 * Run on demand (never in CI: timings on a shared machine are noise for a test):
 *   npx tsc -p tsconfig.json && node dist/bench/observability.bench.js
 *
 * One emulator child and four gateway children (its Alibaba Cloud mode, pointed at the emulator):
 * `off` (ESS_GATEWAY_METRICS=off, no OTEL_*), `metrics` (a separate /metrics listener), `tracing`
 * (OTEL_TRACES_EXPORTER=otlp to a sink in this process that answers 200 and discards), and
 * `both`. Each round runs every reference query against every configuration, in an order that
 * rotates from round to round (paired, interleaved: slow drift of the machine hits all four alike),
 * and reads each gateway's CPU time from /proc. The table shows, per query and configuration, the
 * median over rounds of gateway CPU µs per request and its difference from `off` with the spread
 * (min..max) of the paired per-round differences: a spread that straddles 0 means "within noise".
 *
 * Options (environment): BENCH_SECONDS (per query, configuration and round, default 3),
 * BENCH_CONCURRENCY (default 10), BENCH_ROUNDS (default 5), BENCH_SCENARIOS (comma-separated
 * names from bench/reference.scenarios.ts, default group-read,preflight-20,attach-typed-error).
 */
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { agent, cpuSeconds, measure, medianOf, request, startChild, stopChild } from "./bench.support";
import { gatewayEnvOver, scenarios } from "./reference.scenarios";

interface Configuration {
  name: "off" | "metrics" | "tracing" | "both";
  env: (sinkUrl: string) => Record<string, string>;
}

const metricsOn = { ESS_GATEWAY_METRICS: "separate", ESS_GATEWAY_METRICS_PORT: "0" };
const tracingOn = (sinkUrl: string) => ({
  OTEL_TRACES_EXPORTER: "otlp",
  OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
  OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
});
const CONFIGURATIONS: readonly Configuration[] = [
  { name: "off", env: () => ({ ESS_GATEWAY_METRICS: "off" }) },
  { name: "metrics", env: () => metricsOn },
  { name: "tracing", env: (sinkUrl) => ({ ESS_GATEWAY_METRICS: "off", ...tracingOn(sinkUrl) }) },
  { name: "both", env: (sinkUrl) => ({ ...metricsOn, ...tracingOn(sinkUrl) }) },
];

/** An OTLP receiver that reads and discards: its cost is this process's, not the gateway's. */
async function startSink(): Promise<{ url: string; spans: () => number; close(): Promise<void> }> {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => bytes,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const wanted = (process.env.BENCH_SCENARIOS ?? "group-read,preflight-20,attach-typed-error").split(",").map((name) => name.trim());
  const selected = scenarios.filter((scenario) => wanted.includes(scenario.name));

  const sink = await startSink();
  const emulator = await startChild(
    "src/emulator/main.js",
    ["--port", "0", "--db", ":memory:", "--activity", "immediate"],
    {},
    /listening on (http:\/\/[\d.]+:\d+)/,
  );
  const gateways: Array<{ configuration: Configuration; child: ChildProcess; url: string; pid: number }> = [];
  try {
    for (const configuration of CONFIGURATIONS) {
      const started = await startChild(
        "src/server/main.js",
        [],
        { ...gatewayEnvOver(emulator.match[1]!), ...configuration.env(sink.url) },
        /GraphQL endpoint\s+(http:\/\/[\d.]+:\d+\/graphql)/,
      );
      gateways.push({ configuration, child: started.child, url: started.match[1]!, pid: started.child.pid as number });
    }
    for (const scenario of selected) {
      for (const gateway of gateways) {
        const { text } = await request(gateway.url, "POST", scenario.body);
        if (!scenario.expect(JSON.parse(text)))
          throw new Error(`${scenario.name} on ${gateway.configuration.name}: unexpected answer ${text.slice(0, 300)}`);
      }
    }

    // cpu[scenario][configuration] = per-round µs per request
    const cpu = new Map(
      selected.map((scenario) => [scenario.name, new Map(CONFIGURATIONS.map((configuration) => [configuration.name, [] as number[]]))]),
    );
    for (let round = 0; round < rounds; round++) {
      const order = CONFIGURATIONS.map((_, index) => gateways[(index + round) % gateways.length]!);
      for (const scenario of selected) {
        for (const gateway of order) {
          const before = cpuSeconds(gateway.pid);
          const run = await measure(gateway.url, scenario.body, seconds, concurrency);
          const used = cpuSeconds(gateway.pid) - before;
          if (run.failures > 0) throw new Error(`${scenario.name} on ${gateway.configuration.name}: ${run.failures} failed requests`);
          cpu
            .get(scenario.name)!
            .get(gateway.configuration.name)!
            .push((used / run.count) * 1e6);
        }
      }
      process.stderr.write(`round ${round + 1}/${rounds} done\n`);
    }

    const lines = [
      "| query | configuration | gateway CPU µs/request (median) | vs off (median) | paired difference, min..max |",
      "| --- | --- | ---: | ---: | --- |",
    ];
    for (const scenario of selected) {
      const byConfiguration = cpu.get(scenario.name)!;
      const off = byConfiguration.get("off")!;
      for (const configuration of CONFIGURATIONS) {
        const values = byConfiguration.get(configuration.name)!;
        const differences = values.map((value, index) => value - off[index]!);
        const relative =
          configuration.name === "off"
            ? ""
            : `${(medianOf(differences) >= 0 ? "+" : "") + medianOf(differences).toFixed(0)} (${((medianOf(differences) / medianOf(off)) * 100).toFixed(1)}%)`;
        const spread = configuration.name === "off" ? "" : `${Math.min(...differences).toFixed(0)}..${Math.max(...differences).toFixed(0)}`;
        lines.push(`| ${scenario.name} | ${configuration.name} | ${medianOf(values).toFixed(0)} | ${relative} | ${spread} |`);
      }
    }
    process.stdout.write(
      `\nObservability benchmark: ${seconds} s per query, configuration and round; ${concurrency} concurrent clients; ${rounds} paired rounds; ` +
        `OTLP sink received ${(sink.spans() / 1024).toFixed(0)} KiB\n\n${lines.join("\n")}\n`,
    );
  } finally {
    for (const gateway of gateways) await stopChild(gateway.child);
    await stopChild(emulator.child);
    await sink.close();
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
