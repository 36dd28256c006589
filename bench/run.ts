/**
 * Gateway benchmark: throughput, latency, CPU and memory of the gateway on the embedded emulator.
 *
 * Run on demand with `npm run bench` (never in CI: timings on a shared 2-core machine are noise for
 * a test). The emulator and the gateway each run in a child process of their own, as in production,
 * so the load generator in this process does not steal their event loop. The gateway talks to the
 * emulator over HTTP with real signatures (its Alibaba Cloud mode, pointed at the emulator), and the
 * emulator's admin call counters give the upstream calls each GraphQL request costs.
 *
 * Options (environment): BENCH_SECONDS (per scenario, default 5), BENCH_CONCURRENCY (default 10),
 * BENCH_SCENARIOS (comma-separated names, default all), BENCH_ROUNDS (the scenarios run this many
 * times in turn and the table shows medians, default 1), BENCH_IDLE_SECONDS (wait before the final
 * RSS reading, default 12: longer than the upstream timeout, so nothing a request armed is still
 * pending), BENCH_GATEWAY_NODE_OPTIONS / BENCH_EMULATOR_NODE_OPTIONS (extra `node` flags for the
 * child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`; summarise with bench/cpu-profile.summary.ts),
 * BENCH_PIN=1 (gateway alone on CPU 0, emulator and load generator on CPU 1; needs `taskset`),
 * BENCH_LOG_LEVEL (the gateway's ESS_GATEWAY_LOG_LEVEL, default warn).
 */
import { agent, cpuSeconds, measure, medianOf, pinToCpu, request, startChild, stopChild, totalUpstreamCalls } from "./bench.support";
import { readFileSync } from "node:fs";
import { gatewayEnvOver, PAIR_SIZES, pairScenarios, scenarios } from "./reference.scenarios";

/** Extra `node` flags for a child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, from a space-separated variable. */
function nodeOptionsFrom(variable: string): string[] {
  return (process.env[variable] ?? "").split(/\s+/).filter((flag) => flag !== "");
}

function residentMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return line ? Number(line.replace(/\D+/g, "")) / 1024 : Number.NaN;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
  const only = process.env.BENCH_SCENARIOS?.split(",").map((s) => s.trim());
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 12);
  const pin = process.env.BENCH_PIN === "1";
  // warn by default: the numbers then leave out the one info line per request (about 5 µs with
  // redaction and the stdout write; docs/performance.md), as earlier tables did.
  const logLevel = process.env.BENCH_LOG_LEVEL ?? "warn";
  // The pairs run only when asked for (BENCH_SCENARIOS=pairs or by name): they take 8 scenarios' time.
  const wanted = (name: string) =>
    only ? only.includes(name) || (only.includes("pairs") && name.startsWith("pair-")) : !name.startsWith("pair-");
  const selected = [...scenarios, ...pairScenarios].filter((s) => wanted(s.name));

  const emulator = await startChild(
    "src/emulator/main.js",
    ["--port", "0", "--db", ":memory:", "--activity", "immediate", "--admin"],
    {},
    /listening on (http:\/\/[\d.]+:\d+)/,
    nodeOptionsFrom("BENCH_EMULATOR_NODE_OPTIONS"),
  );
  const emulatorUrl = emulator.match[1];
  const gateway = await startChild(
    "src/server/main.js",
    [],
    { ...gatewayEnvOver(emulatorUrl), ESS_GATEWAY_LOG_LEVEL: logLevel },
    /GraphQL endpoint\s+(http:\/\/[\d.]+:\d+\/graphql)/,
    nodeOptionsFrom("BENCH_GATEWAY_NODE_OPTIONS"),
  );
  const graphqlUrl = gateway.match[1];
  const gatewayPid = gateway.child.pid as number;
  const emulatorPid = emulator.child.pid as number;
  if (pin) {
    // The gateway alone on CPU 0; the emulator and the load generator share CPU 1. Otherwise the
    // three compete for 2 cores and a CPU profile charges the gateway's waits to whatever native
    // call it was in (socket writes, mostly).
    pinToCpu(gatewayPid, 0);
    pinToCpu(emulatorPid, 1);
    pinToCpu(process.pid, 1);
  }

  /** One measurement per scenario per round, numeric, formatted only for the table. */
  const samples = new Map<string, ScenarioSample[]>(selected.map((scenario) => [scenario.name, []]));
  let idleResidentMiB = Number.NaN;
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const scenario of selected) {
        const probe = await request(graphqlUrl, "POST", scenario.body);
        if (!scenario.expect(JSON.parse(probe.text))) {
          throw new Error(`scenario ${scenario.name} did not return what it measures: ${probe.text.slice(0, 500)}`);
        }
        await measure(graphqlUrl, scenario.body, Math.min(2, seconds), concurrency); // warm-up, discarded
        const callsBefore = await totalUpstreamCalls(emulatorUrl);
        const gatewayCpuBefore = cpuSeconds(gatewayPid);
        const emulatorCpuBefore = cpuSeconds(emulatorPid);
        const result = await measure(graphqlUrl, scenario.body, seconds, concurrency);
        const gatewayCpu = cpuSeconds(gatewayPid) - gatewayCpuBefore;
        const emulatorCpu = cpuSeconds(emulatorPid) - emulatorCpuBefore;
        const calls = (await totalUpstreamCalls(emulatorUrl)) - callsBefore;
        samples.get(scenario.name)!.push({
          requests: result.count,
          requestsPerSecond: result.count / result.elapsed,
          p50Ms: percentile(result.latencies, 50),
          p99Ms: percentile(result.latencies, 99),
          upstreamCallsPerRequest: calls / result.count,
          gatewayCpuMicros: (gatewayCpu / result.count) * 1e6,
          emulatorCpuMicros: (emulatorCpu / result.count) * 1e6,
          gatewayResidentMiB: residentMiB(gatewayPid),
          failures: result.failures,
        });
        process.stderr.write(`round ${round}/${rounds} done: ${scenario.name} (${scenario.what})\n`);
      }
    }
    // Without an inspector the gateway cannot be told to collect garbage; after an idle spell its
    // timers have fired and V8 has had a chance to shrink, so this RSS shows what load left behind.
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    idleResidentMiB = residentMiB(gatewayPid);
  } finally {
    await stopChild(gateway.child);
    await stopChild(emulator.child);
    agent.destroy();
  }

  const rows = selected.map((scenario) => {
    const runs = samples.get(scenario.name)!;
    const median = (pick: (sample: ScenarioSample) => number) => medianOf(runs.map(pick));
    return [
      scenario.name,
      String(runs.reduce((sum, run) => sum + run.requests, 0)),
      median((run) => run.requestsPerSecond).toFixed(0),
      median((run) => run.p50Ms).toFixed(1),
      median((run) => run.p99Ms).toFixed(1),
      median((run) => run.upstreamCallsPerRequest).toFixed(2),
      median((run) => run.gatewayCpuMicros).toFixed(0),
      median((run) => run.emulatorCpuMicros).toFixed(0),
      Math.max(...runs.map((run) => run.gatewayResidentMiB)).toFixed(0),
      String(runs.reduce((sum, run) => sum + run.failures, 0)),
    ];
  });
  const header = [
    "scenario",
    "requests (all rounds)",
    "req/s",
    "p50 ms",
    "p99 ms",
    "upstream calls/req",
    "gateway CPU µs/req",
    "emulator CPU µs/req",
    "gateway RSS MiB (max)",
    "non-200",
  ];
  const lines = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`);
  process.stdout.write(
    `\nGateway benchmark: ${seconds} s per scenario, ${concurrency} concurrent clients, NODE_ENV=production, ` +
      `${rounds} round(s), medians over rounds\n\n${lines.join("\n")}\n\n`,
  );
  process.stdout.write(`Gateway RSS ${idleSeconds} s after the last request: ${idleResidentMiB.toFixed(0)} MiB\n\n`);
  for (const scenario of selected) process.stdout.write(`- ${scenario.name}: ${scenario.what}\n`);
  process.stdout.write(
    pairTable(
      selected.map((scenario) => scenario.name),
      (name) => medianOf(samples.get(name)!.map((run) => run.gatewayCpuMicros)),
    ),
  );
}

/**
 * N eligibility fields against one attachPreflight of the same N, and a least-squares line through
 * the eligibility CPU against N: a slope that holds (R² near 1, residuals small) is linear growth.
 */
function pairTable(names: readonly string[], cpuOf: (name: string) => number): string {
  const sizes = PAIR_SIZES.filter((size) => names.includes(`pair-eligibility-${size}`) && names.includes(`pair-preflight-${size}`));
  if (sizes.length === 0) return "";
  const points = sizes.map((size) => ({
    size,
    eligibility: cpuOf(`pair-eligibility-${size}`),
    preflight: cpuOf(`pair-preflight-${size}`),
  }));
  const rows = points.map(
    ({ size, eligibility, preflight }) =>
      `| ${size} | ${eligibility.toFixed(0)} | ${preflight.toFixed(0)} | ${(eligibility / preflight).toFixed(2)} |`,
  );
  const meanX = points.reduce((sum, p) => sum + p.size, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.eligibility, 0) / points.length;
  const sxx = points.reduce((sum, p) => sum + (p.size - meanX) ** 2, 0);
  const slope = sxx === 0 ? Number.NaN : points.reduce((sum, p) => sum + (p.size - meanX) * (p.eligibility - meanY), 0) / sxx;
  const intercept = meanY - slope * meanX;
  const ssTotal = points.reduce((sum, p) => sum + (p.eligibility - meanY) ** 2, 0);
  const ssResidual = points.reduce((sum, p) => sum + (p.eligibility - (intercept + slope * p.size)) ** 2, 0);
  const rSquared = ssTotal === 0 ? Number.NaN : 1 - ssResidual / ssTotal;
  return (
    `\nEligibility fields vs one preflight of the same instances (gateway CPU µs/req, medians)\n\n` +
    `| N | N attachEligibility fields | one attachPreflight of N | ratio |\n| --- | --- | --- | --- |\n${rows.join("\n")}\n\n` +
    `Linear fit of the eligibility CPU: ${intercept.toFixed(0)} µs + ${slope.toFixed(1)} µs × N (R² ${rSquared.toFixed(3)})\n`
  );
}

interface ScenarioSample {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  upstreamCallsPerRequest: number;
  gatewayCpuMicros: number;
  emulatorCpuMicros: number;
  gatewayResidentMiB: number;
  failures: number;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
