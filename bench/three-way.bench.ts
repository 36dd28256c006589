/**
 * Three-way baseline: the gateway's CPU per request next to two baselines, in the same run, on the
 * same emulator, for the reference scenarios:
 *
 * - direct-SDK (bench/baselines/direct-sdk.backend.ts): a bare node:http backend answering the same
 *   JSON with its own `@alicloud/openapi-client` calls. gateway/direct is what the gateway costs
 *   over calling the SDK yourself.
 * - plain-execute (bench/baselines/plain-execute.server.ts): the gateway's own schema and request
 *   context over bare node:http + cached parse/validate + graphql-js `execute()`. gateway/plain is
 *   what the gateway's HTTP + GraphQL stack (Express, Apollo, limits, telemetry, logging) costs.
 *
 * Each baseline's answer must deep-equal the gateway's (request IDs aside) before it is timed; a
 * mismatch is reported and not timed. Per round and scenario the three targets run back to back in
 * a rotating order (A,B,C; C,A,B; B,C,A; …) so drift of the host hits each alike; ratios are paired
 * within a round, and the table gives their median and min–max over rounds.
 *
 * Options (environment): BENCH_SECONDS (measured seconds per target, scenario and round, default 3),
 * BENCH_ROUNDS (default 5), BENCH_CONCURRENCY (default 10), BENCH_SCENARIOS (comma-separated, default
 * all), BENCH_PIN=1 (the three servers on CPU 0, only one of them loaded at a time; the emulator and
 * the load generator on CPU 1; needs `taskset`), BENCH_LOG_LEVEL (default warn).
 */
import { isDeepStrictEqual } from "node:util";
import { agent, cpuSeconds, measure, medianOf, pinToCpu, request, startChild, stopChild, totalUpstreamCalls } from "./bench.support";
import { gatewayEnvOver, scenarios, type Scenario } from "./reference.scenarios";

/**
 * All three children run with the same NODE_ENV. Not `production`: the gateway refuses to start
 * there without authentication, and the baselines authenticate no one. Introspection and the IDE
 * are off as under `production`, so the gateway serves `/graphql` as it would there.
 */
const COMMON_ENV = { NODE_ENV: "production", ESS_GATEWAY_INTROSPECTION: "false", ESS_GATEWAY_IDE_ENABLED: "false" };

const TARGETS = [
  { name: "gateway", script: "src/server/main.js", ready: /GraphQL endpoint\s+(http:\/\/[\d.]+:\d+\/graphql)/ },
  { name: "direct-SDK", script: "bench/baselines/direct-sdk.backend.js", ready: /listening on (http:\/\/[\d.]+:\d+\/)/ },
  { name: "plain-execute", script: "bench/baselines/plain-execute.server.js", ready: /listening on (http:\/\/[\d.]+:\d+\/graphql)/ },
] as const;
type TargetName = (typeof TARGETS)[number]["name"];

interface Sample {
  cpuMicros: number;
  callsPerRequest: number;
  failures: number;
}

/** Request IDs differ per call by design; everything else must be equal. */
function withoutRequestIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRequestIds);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "requestId" && typeof inner === "string" ? "<requestId>" : withoutRequestIds(inner),
    ]),
  );
}

/** Why a baseline's answer cannot be compared with the gateway's, or null when it is the same. */
async function mismatch(scenario: Scenario, gatewayAnswer: unknown, url: string): Promise<string | null> {
  const { status, text } = await request(url, "POST", scenario.body);
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  return isDeepStrictEqual(withoutRequestIds(JSON.parse(text)), withoutRequestIds(gatewayAnswer))
    ? null
    : `different answer: ${text.slice(0, 200)}`;
}

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";

function spread(values: number[], digits: number): string {
  if (values.length === 0) return "–";
  return `${fmt(medianOf(values), digits)} [${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}]`;
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
  const only = process.env.BENCH_SCENARIOS?.split(",").map((name) => name.trim());
  const pin = process.env.BENCH_PIN === "1";
  const selected = scenarios.filter((scenario) => !only || only.includes(scenario.name));

  const emulator = await startChild(
    "src/emulator/main.js",
    ["--port", "0", "--db", ":memory:", "--activity", "immediate", "--admin"],
    {},
    /listening on (http:\/\/[\d.]+:\d+)/,
  );
  const emulatorUrl = emulator.match[1]!;
  const env = { ...gatewayEnvOver(emulatorUrl), ESS_GATEWAY_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn", ...COMMON_ENV };
  const running: Array<{ name: TargetName; url: string; pid: number; child: import("node:child_process").ChildProcess }> = [];
  try {
    for (const target of TARGETS) {
      const started = await startChild(target.script, [], env, target.ready);
      running.push({ name: target.name, url: started.match[1]!, pid: started.child.pid as number, child: started.child });
    }
    if (pin) {
      for (const target of running) pinToCpu(target.pid, 0);
      pinToCpu(emulator.child.pid as number, 1);
      pinToCpu(process.pid, 1);
    }

    // Checked once before any timing: the gateway's answer is what the scenario measures, and each baseline's equals it.
    const refused = new Map<string, string>();
    for (const scenario of selected) {
      const gateway = await request(running[0]!.url, "POST", scenario.body);
      const answer = JSON.parse(gateway.text) as unknown;
      if (gateway.status !== 200 || !scenario.expect(answer))
        throw new Error(`${scenario.name}: the gateway did not return what it measures: ${gateway.text.slice(0, 300)}`);
      for (const target of running.slice(1)) {
        const why = await mismatch(scenario, answer, target.url);
        if (why !== null) {
          refused.set(`${scenario.name}/${target.name}`, why);
          process.stderr.write(`not timed: ${scenario.name} on ${target.name}: ${why}\n`);
        }
      }
    }

    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < rounds; round++) {
      // Rotate right each round: A,B,C then C,A,B then B,C,A.
      const order = running.map((_, index) => running[(index - round + running.length * rounds) % running.length]!);
      for (const scenario of selected) {
        for (const target of order) {
          const key = `${scenario.name}/${target.name}`;
          if (refused.has(key)) continue;
          await measure(target.url, scenario.body, Math.min(1, seconds), concurrency); // warm-up, discarded
          const callsBefore = await totalUpstreamCalls(emulatorUrl);
          const cpuBefore = cpuSeconds(target.pid);
          const run = await measure(target.url, scenario.body, seconds, concurrency);
          const cpu = cpuSeconds(target.pid) - cpuBefore;
          const calls = (await totalUpstreamCalls(emulatorUrl)) - callsBefore;
          const list = samples.get(key) ?? [];
          list.push({ cpuMicros: (cpu / run.count) * 1e6, callsPerRequest: calls / run.count, failures: run.failures });
          samples.set(key, list);
        }
        process.stderr.write(`round ${round + 1}/${rounds}: ${scenario.name} (${order.map((target) => target.name).join(", ")})\n`);
      }
    }

    const of = (scenario: Scenario, target: TargetName) => samples.get(`${scenario.name}/${target}`) ?? [];
    const paired = (scenario: Scenario, baseline: TargetName) => {
      const gateway = of(scenario, "gateway");
      const other = of(scenario, baseline);
      return other.length === gateway.length ? gateway.map((sample, index) => sample.cpuMicros / other[index]!.cpuMicros) : [];
    };
    const header = [
      "scenario",
      "gateway CPU µs/req",
      "direct-SDK CPU µs/req",
      "plain-execute CPU µs/req",
      "gateway / direct-SDK",
      "gateway / plain-execute",
      "upstream calls/req (gateway / direct / plain)",
      "non-200",
    ];
    const rows = selected.map((scenario) => {
      const cell = (target: TargetName) => {
        const why = refused.get(`${scenario.name}/${target}`);
        return why !== undefined
          ? "not timed (answer differs)"
          : spread(
              of(scenario, target).map((sample) => sample.cpuMicros),
              0,
            );
      };
      const calls = TARGETS.map((target) => {
        const list = of(scenario, target.name);
        return list.length === 0 ? "–" : fmt(medianOf(list.map((sample) => sample.callsPerRequest)), 1);
      }).join(" / ");
      const failures = TARGETS.reduce(
        (sum, target) => sum + of(scenario, target.name).reduce((inner, sample) => inner + sample.failures, 0),
        0,
      );
      return [
        scenario.name,
        cell("gateway"),
        cell("direct-SDK"),
        cell("plain-execute"),
        spread(paired(scenario, "direct-SDK"), 2),
        spread(paired(scenario, "plain-execute"), 2),
        calls,
        String(failures),
      ];
    });
    const lines = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`);
    process.stdout.write(
      `\nThree-way baseline: ${rounds} round(s), ${seconds} s per target, scenario and round, ${concurrency} clients, ` +
        `NODE_ENV=${COMMON_ENV.NODE_ENV}, ${pin ? "servers pinned to CPU 0 (one loaded at a time), emulator and load on CPU 1" : "unpinned"}. ` +
        `CPU µs/req: median [min–max] over rounds; ratios: paired within each round, median [min–max].\n\n${lines.join("\n")}\n\n`,
    );
    // The noise, stated: how far the same target's CPU per request moved between rounds, and the ratios' widths.
    const noise = selected.flatMap((scenario) => {
      const widths = TARGETS.flatMap((target) => {
        const values = of(scenario, target.name).map((sample) => sample.cpuMicros);
        return values.length < 2 ? [] : [`${target.name} ×${fmt(Math.max(...values) / Math.min(...values), 2)}`];
      });
      const ratioWidths = (["direct-SDK", "plain-execute"] as const).flatMap((baseline) => {
        const ratios = paired(scenario, baseline);
        return ratios.length < 2 ? [] : [`gateway/${baseline} ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}`];
      });
      return widths.length === 0
        ? []
        : [`- ${scenario.name}: max/min over rounds ${widths.join(", ")}; ratio range ${ratioWidths.join(", ")}`];
    });
    process.stdout.write(`Noise (same target, same scenario, across rounds):\n${noise.join("\n")}\n\n`);
    for (const [key, why] of refused) process.stdout.write(`Not timed: ${key}: ${why}\n`);
    for (const scenario of selected) process.stdout.write(`- ${scenario.name}: ${scenario.what}\n`);
  } finally {
    for (const target of running) await stopChild(target.child);
    await stopChild(emulator.child);
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
