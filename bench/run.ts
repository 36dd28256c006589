/**
 * Gateway benchmark: CPU, throughput, latency, GC and memory of the gateway on the embedded
 * emulator, next to two baselines measured in the same run on the same emulator:
 *
 * - direct-SDK (bench/baselines/direct-sdk.backend.ts): a bare node:http backend answering the same
 *   JSON with its own `@alicloud/openapi-client` calls. gateway/direct is what the gateway costs
 *   over calling the SDK yourself.
 * - plain-execute (bench/baselines/plain-execute.server.ts): the gateway's own schema and request
 *   context over bare node:http + cached parse/validate + graphql-js `execute()`. gateway/plain is
 *   what the gateway's HTTP + GraphQL stack costs.
 *
 * Run on demand with `npm run bench` (never in CI: timings on a shared 2-core machine are noise for
 * a test). The emulator and every server each run in a child process of their own, as in
 * production, so the load generator in this process does not steal their event loop. The servers
 * talk to the emulator over HTTP with real signatures, and the emulator's admin call counters give
 * the upstream calls each request costs. Each baseline's (and gateway variant's) answer must
 * deep-equal the gateway's (request IDs aside) before it is timed; a mismatch is reported and not
 * timed. Per round and scenario the servers run back to back, one loaded at a time, in an order
 * that rotates every round, so drift of the host hits each alike; ratios are paired within a round
 * and shown as median [min–max] over rounds.
 *
 * Options (environment) are documented in docs/performance.md, "Running the benchmark".
 */
import type { ChildProcess } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import {
  agent,
  cpuSeconds,
  GC_METER_FLAGS,
  gcTotals,
  markdownTable,
  measure,
  medianOf,
  percentile,
  pinToCpu,
  request,
  residentMiB,
  startChild,
  startCommandNodeFlags,
  stopChild,
  totalUpstreamCalls,
} from "./bench.support";
import { gatewayEnvOver, PAIR_SIZES, pairScenarios, scenarios, type Scenario } from "./reference.scenarios";

/** Extra `node` flags from a space-separated variable, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
function nodeOptionsFrom(text: string | undefined): string[] {
  return (text ?? "").split(/\s+/).filter((flag) => flag !== "");
}

const GATEWAY_READY = /GraphQL endpoint\s+(http:\/\/[\d.]+:\d+\/graphql)/;
const REFERENCE = "gateway";

interface TargetSpec {
  name: string;
  /** Baselines answer the reference scenarios only; gateways (and variants) every scenario. */
  baseline: boolean;
  script: string;
  ready: RegExp;
  nodeOptions: string[];
}

/** The gateway as configured, one more gateway per variant, then the two baselines (unless turned off). */
function targetSpecs(): TargetSpec[] {
  // As `npm start` runs it; extra flags after, so that a variant's flag overrides the start command's.
  const gatewayOptions = [...startCommandNodeFlags(), ...nodeOptionsFrom(process.env.BENCH_GATEWAY_NODE_OPTIONS)];
  const variants = (process.env.BENCH_GATEWAY_VARIANTS ?? "")
    .split(";")
    .map((variant) => variant.trim())
    .filter((variant) => variant !== "");
  const specs: TargetSpec[] = [
    { name: REFERENCE, baseline: false, script: "src/server/main.js", ready: GATEWAY_READY, nodeOptions: gatewayOptions },
    ...variants.map((variant) => ({
      name: `gateway ${variant}`,
      baseline: false,
      script: "src/server/main.js",
      ready: GATEWAY_READY,
      nodeOptions: [...gatewayOptions, ...nodeOptionsFrom(variant)],
    })),
  ];
  if (process.env.BENCH_BASELINES !== "0") {
    specs.push(
      {
        name: "direct-SDK",
        baseline: true,
        script: "bench/baselines/direct-sdk.backend.js",
        ready: /listening on (http:\/\/[\d.]+:\d+\/)/,
        nodeOptions: [],
      },
      {
        name: "plain-execute",
        baseline: true,
        script: "bench/baselines/plain-execute.server.js",
        ready: /listening on (http:\/\/[\d.]+:\d+\/graphql)/,
        nodeOptions: [],
      },
    );
  }
  return specs;
}

interface Target extends TargetSpec {
  url: string;
  pid: number;
  child: ChildProcess;
}

/** One measured window of one target on one scenario in one round. */
interface Sample {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  upstreamCallsPerRequest: number;
  cpuMicros: number;
  emulatorCpuMicros: number;
  /** GC pause time as a share of the target's CPU time in the window. */
  gcShare: number;
  scavengesPerThousand: number;
  residentMiB: number;
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

/** Why a target's answer cannot be compared with the gateway's, or null when it is the same. */
async function mismatch(scenario: Scenario, gatewayAnswer: unknown, url: string): Promise<string | null> {
  const { status, text } = await request(url, "POST", scenario.body);
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  return isDeepStrictEqual(withoutRequestIds(JSON.parse(text)), withoutRequestIds(gatewayAnswer))
    ? null
    : `different answer: ${text.slice(0, 200)}`;
}

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";

/** Median [min–max]: the figure and the noise around it. */
function spread(values: readonly number[], digits: number): string {
  if (values.length === 0) return "–";
  if (values.length === 1) return fmt(values[0]!, digits);
  return `${fmt(medianOf([...values]), digits)} [${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}]`;
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const warmUpSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
  const only = process.env.BENCH_SCENARIOS?.split(",").map((s) => s.trim());
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 12);
  const pin = process.env.BENCH_PIN === "1";
  // warn by default: the numbers then leave out the one info line per request, as earlier tables did.
  const logLevel = process.env.BENCH_LOG_LEVEL ?? "warn";
  // The pairs run only when asked for (BENCH_SCENARIOS=pairs or by name): they take 8 scenarios' time.
  const wanted = (name: string) =>
    only ? only.includes(name) || (only.includes("pairs") && name.startsWith("pair-")) : !name.startsWith("pair-");
  const selected = [...scenarios, ...pairScenarios].filter((s) => wanted(s.name));
  const isPair = (scenario: Scenario) => pairScenarios.includes(scenario);

  const emulator = await startChild(
    "src/emulator/main.js",
    ["--port", "0", "--db", ":memory:", "--activity", "immediate", "--admin"],
    {},
    /listening on (http:\/\/[\d.]+:\d+)/,
    nodeOptionsFrom(process.env.BENCH_EMULATOR_NODE_OPTIONS),
  );
  const emulatorUrl = emulator.match[1]!;
  const emulatorPid = emulator.child.pid as number;
  // Introspection and the IDE off, as under production, for every server alike.
  const env = {
    ...gatewayEnvOver(emulatorUrl),
    ESS_GATEWAY_LOG_LEVEL: logLevel,
    ESS_GATEWAY_INTROSPECTION: "false",
    ESS_GATEWAY_IDE_ENABLED: "false",
  };
  const targets: Target[] = [];
  const samples = new Map<string, Sample[]>();
  const keyOf = (scenario: Scenario, target: { name: string }) => `${scenario.name}/${target.name}`;
  const refused = new Map<string, string>();
  const idleResident = new Map<string, number>();
  try {
    for (const spec of targetSpecs()) {
      const started = await startChild(spec.script, [], env, spec.ready, [...GC_METER_FLAGS, ...spec.nodeOptions]);
      targets.push({ ...spec, url: started.match[1]!, pid: started.child.pid as number, child: started.child });
    }
    if (pin) {
      // The servers on CPU 0, only one of them loaded at a time; the emulator and the load generator
      // share CPU 1. Otherwise they compete for 2 cores and a CPU profile charges a server's waits
      // to whatever native call it was in (socket writes, mostly).
      for (const target of targets) pinToCpu(target.pid, 0);
      pinToCpu(emulatorPid, 1);
      pinToCpu(process.pid, 1);
    }
    const timed = (scenario: Scenario, target: Target) => !(target.baseline && isPair(scenario)) && !refused.has(keyOf(scenario, target));

    // Checked once before any timing: the gateway's answer is what the scenario measures, and every other target's equals it.
    for (const scenario of selected) {
      const gateway = await request(targets[0]!.url, "POST", scenario.body);
      const answer = JSON.parse(gateway.text) as unknown;
      if (gateway.status !== 200 || !scenario.expect(answer))
        throw new Error(`${scenario.name}: the gateway did not return what it measures: ${gateway.text.slice(0, 300)}`);
      for (const target of targets.slice(1).filter((candidate) => timed(scenario, candidate))) {
        const why = await mismatch(scenario, answer, target.url);
        if (why !== null) {
          refused.set(keyOf(scenario, target), why);
          process.stderr.write(`not timed: ${scenario.name} on ${target.name}: ${why}\n`);
        }
      }
    }

    for (let round = 0; round < rounds; round++) {
      // Rotate right each round: A,B,C then C,A,B then B,C,A.
      const order = targets.map((_, index) => targets[(index - (round % targets.length) + targets.length) % targets.length]!);
      for (const scenario of selected) {
        for (const target of order.filter((candidate) => timed(scenario, candidate))) {
          await measure(target.url, scenario.body, Math.min(warmUpSeconds, seconds), concurrency); // warm-up, discarded
          const callsBefore = await totalUpstreamCalls(emulatorUrl);
          const gcBefore = await gcTotals(target.child);
          const cpuBefore = cpuSeconds(target.pid);
          const emulatorCpuBefore = cpuSeconds(emulatorPid);
          const result = await measure(target.url, scenario.body, seconds, concurrency);
          const cpu = cpuSeconds(target.pid) - cpuBefore;
          const emulatorCpu = cpuSeconds(emulatorPid) - emulatorCpuBefore;
          const gcAfter = await gcTotals(target.child);
          const calls = (await totalUpstreamCalls(emulatorUrl)) - callsBefore;
          const gcMs = gcAfter.scavengeMs + gcAfter.majorMs + gcAfter.otherMs - (gcBefore.scavengeMs + gcBefore.majorMs + gcBefore.otherMs);
          const list = samples.get(keyOf(scenario, target)) ?? [];
          list.push({
            requests: result.count,
            requestsPerSecond: result.count / result.elapsed,
            p50Ms: percentile(result.latencies, 50),
            p99Ms: percentile(result.latencies, 99),
            upstreamCallsPerRequest: calls / result.count,
            cpuMicros: (cpu / result.count) * 1e6,
            emulatorCpuMicros: (emulatorCpu / result.count) * 1e6,
            gcShare: cpu > 0 ? gcMs / 1000 / cpu : Number.NaN,
            scavengesPerThousand: ((gcAfter.scavenges - gcBefore.scavenges) / result.count) * 1000,
            residentMiB: residentMiB(target.pid),
            failures: result.failures,
          });
          samples.set(keyOf(scenario, target), list);
        }
        const ran = order.filter((target) => timed(scenario, target)).map((target) => target.name);
        process.stderr.write(`round ${round + 1}/${rounds}: ${scenario.name} (${ran.join(", ")})\n`);
      }
    }
    // Without an inspector a server cannot be told to collect garbage; after an idle spell its
    // timers have fired and V8 has had a chance to shrink, so this RSS shows what load left behind.
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    for (const target of targets) idleResident.set(target.name, residentMiB(target.pid));
  } finally {
    for (const target of targets) await stopChild(target.child);
    await stopChild(emulator.child);
    agent.destroy();
  }

  const of = (scenario: Scenario, target: { name: string }) => samples.get(keyOf(scenario, target)) ?? [];
  const reference = targets[0]!;
  /** target / gateway, or gateway / target with `gatewayOver`, paired within each round. */
  const paired = (scenario: Scenario, target: Target, gatewayOver: boolean) => {
    const gateway = of(scenario, reference);
    const other = of(scenario, target);
    if (other.length !== gateway.length) return [];
    return gateway.map((sample, index) =>
      gatewayOver ? sample.cpuMicros / other[index]!.cpuMicros : other[index]!.cpuMicros / sample.cpuMicros,
    );
  };
  const cpuCell = (scenario: Scenario, target: Target) => {
    if (refused.has(keyOf(scenario, target))) return "not timed (answer differs)";
    return spread(
      of(scenario, target).map((sample) => sample.cpuMicros),
      0,
    );
  };
  const baselines = targets.filter((target) => target.baseline);
  const referenceScenarios = selected.filter((scenario) => !isPair(scenario));
  const out: string[] = [];
  const settings =
    `${rounds} round(s), ${seconds} s measured (after ${Math.min(warmUpSeconds, seconds)} s warm-up) per server, scenario and round, ` +
    `${concurrency} clients, NODE_ENV=production, log level ${logLevel}, ` +
    (pin ? "servers pinned to CPU 0 (one loaded at a time), emulator and load generator on CPU 1" : "unpinned");

  if (referenceScenarios.length > 0) {
    out.push(
      `\nGateway vs baselines (${settings}). CPU µs/req: median [min–max] over rounds; ratios: paired within each round, median [min–max].\n`,
      markdownTable(
        [
          "scenario",
          ...[reference, ...baselines].map((target) => `${target.name} CPU µs/req`),
          ...baselines.map((target) => `gateway / ${target.name}`),
          `upstream calls/req (${[reference, ...baselines].map((target) => target.name).join(" / ")})`,
        ],
        referenceScenarios.map((scenario) => [
          scenario.name,
          ...[reference, ...baselines].map((target) => cpuCell(scenario, target)),
          ...baselines.map((target) => spread(paired(scenario, target, true), 2)),
          [reference, ...baselines]
            .map((target) => {
              const list = of(scenario, target);
              return list.length === 0 ? "–" : fmt(medianOf(list.map((sample) => sample.upstreamCallsPerRequest)), 1);
            })
            .join(" / "),
        ]),
      ),
    );
  }

  out.push(
    `\nEvery server, every scenario (medians over rounds; RSS: the maximum; "÷ gateway": this server's CPU over the gateway's, paired within each round)\n`,
    markdownTable(
      [
        "scenario",
        "server",
        "CPU µs/req",
        "÷ gateway",
        "req/s",
        "p50 ms",
        "p99 ms",
        "upstream calls/req",
        "emulator CPU µs/req",
        "GC pause % of CPU",
        "scavenges /1k req",
        "RSS MiB (max)",
        "non-200",
      ],
      selected.flatMap((scenario) =>
        targets
          .filter((target) => of(scenario, target).length > 0)
          .map((target) => {
            const runs = of(scenario, target);
            const median = (pick: (sample: Sample) => number) => medianOf(runs.map(pick));
            return [
              scenario.name,
              target.name,
              cpuCell(scenario, target),
              target === reference ? "1" : spread(paired(scenario, target, false), 2),
              fmt(median((run) => run.requestsPerSecond)),
              fmt(
                median((run) => run.p50Ms),
                1,
              ),
              fmt(
                median((run) => run.p99Ms),
                1,
              ),
              fmt(
                median((run) => run.upstreamCallsPerRequest),
                2,
              ),
              fmt(median((run) => run.emulatorCpuMicros)),
              fmt(
                median((run) => run.gcShare * 100),
                1,
              ),
              fmt(median((run) => run.scavengesPerThousand)),
              fmt(Math.max(...runs.map((run) => run.residentMiB))),
              String(runs.reduce((sum, run) => sum + run.failures, 0)),
            ];
          }),
      ),
    ),
  );

  out.push(
    `\nRSS ${idleSeconds} s after the last request: ${targets.map((target) => `${target.name} ${fmt(idleResident.get(target.name) ?? Number.NaN)} MiB`).join(", ")}\n`,
  );

  // The noise, stated: how far the same server's CPU per request moved between rounds, and the ratios' widths.
  const noise = selected.flatMap((scenario) => {
    const widths = targets.flatMap((target) => {
      const values = of(scenario, target).map((sample) => sample.cpuMicros);
      return values.length < 2 ? [] : [`${target.name} ×${fmt(Math.max(...values) / Math.min(...values), 2)}`];
    });
    return widths.length === 0 ? [] : [`- ${scenario.name}: ${widths.join(", ")}`];
  });
  if (noise.length > 0) out.push(`Noise: max/min of each server's CPU per request over rounds\n${noise.join("\n")}\n`);
  for (const [key, why] of refused) out.push(`Not timed: ${key}: ${why}`);
  out.push("", ...selected.map((scenario) => `- ${scenario.name}: ${scenario.what}`));
  out.push(pairTable(selected, (scenario) => of(scenario, reference).map((sample) => sample.cpuMicros)));
  process.stdout.write(`${out.join("\n")}\n`);
}

/**
 * N eligibility fields against one attachPreflight of the same N (ratios paired within each
 * round), and a least-squares line through the eligibility CPU against N (medians over rounds): a
 * slope that holds (R² near 1) is linear growth.
 */
function pairTable(selected: readonly Scenario[], cpuOf: (scenario: Scenario) => number[]): string {
  const byName = (name: string) => selected.find((scenario) => scenario.name === name);
  const points = PAIR_SIZES.flatMap((size) => {
    const eligibility = byName(`pair-eligibility-${size}`);
    const preflight = byName(`pair-preflight-${size}`);
    if (eligibility === undefined || preflight === undefined) return [];
    const fields = cpuOf(eligibility);
    const one = cpuOf(preflight);
    const ratios = fields.length === one.length ? fields.map((value, index) => value / one[index]!) : [];
    return [{ size, fields, one, ratios }];
  });
  if (points.length === 0) return "";
  const fit = linearFit(points.map((point) => ({ x: point.size, y: medianOf(point.fields) })));
  const preflightFit = linearFit(points.map((point) => ({ x: point.size, y: medianOf(point.one) })));
  return (
    `\nEligibility fields vs one preflight of the same instances (gateway CPU µs/req: median [min–max] over rounds; ratio paired within each round)\n\n` +
    markdownTable(
      ["N", "N attachEligibility fields", "one attachPreflight of N", "ratio"],
      points.map((point) => [String(point.size), spread(point.fields, 0), spread(point.one, 0), spread(point.ratios, 2)]),
    ) +
    `\n\nLinear fit of the medians against N: eligibility ${fmt(fit.intercept)} µs + ${fmt(fit.slope, 1)} µs × N (R² ${fmt(fit.rSquared, 3)}); ` +
    `preflight ${fmt(preflightFit.intercept)} µs + ${fmt(preflightFit.slope, 1)} µs × N (R² ${fmt(preflightFit.rSquared, 3)})\n`
  );
}

function linearFit(points: ReadonlyArray<{ x: number; y: number }>): { slope: number; intercept: number; rSquared: number } {
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const slope = sxx === 0 ? Number.NaN : points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / sxx;
  const intercept = meanY - slope * meanX;
  const ssTotal = points.reduce((sum, p) => sum + (p.y - meanY) ** 2, 0);
  const ssResidual = points.reduce((sum, p) => sum + (p.y - (intercept + slope * p.x)) ** 2, 0);
  return { slope, intercept, rSquared: ssTotal === 0 ? Number.NaN : 1 - ssResidual / ssTotal };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
