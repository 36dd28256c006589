/**
 * Helpers the benchmarks share: child processes of the compiled gateway and emulator, a
 * keep-alive HTTP client, closed-loop load, and CPU readings from /proc (Linux).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_AUTHORIZATION } from "./bench-access";
import { GC_METER_LINE_PREFIX, type GcTotals } from "./gc-meter.line";

const distDir = path.resolve(__dirname, "..");

/** Starts a child process and resolves with the first match of `pattern` in its stdout. */
export function startChild(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  pattern: RegExp,
  nodeOptions: string[] = [],
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [...nodeOptions, path.join(distDir, script), ...args], {
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = output.match(pattern);
      if (match) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve({ child, match });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`)));
  });
}

/** The `node` flags `npm start` runs the gateway with (package.json), so the bench times it as deployed. */
export function startCommandNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(distDir, "..", "package.json"), "utf8")) as { scripts: { start: string } };
  const flags = /\bnode ((?:--\S+ )*)dist\/src\/server\/main\.js$/.exec(pkg.scripts.start)?.[1] ?? "";
  return flags.split(" ").filter((flag) => flag !== "");
}

/** Sends SIGTERM and waits for the exit, so a child's `--cpu-prof` / `--heap-prof` output is written. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(url: string, method: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: BENCH_AUTHORIZATION,
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * CPU seconds the process has used: the sum of its threads' run time from /proc/<pid>/task/<tid>/schedstat
 * (Linux, nanoseconds), not the 10 ms ticks of /proc/<pid>/stat, so short windows still resolve.
 */
export function cpuSeconds(pid: number): number {
  let nanoseconds = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return nanoseconds / 1e9;
}

export async function measure(graphqlUrl: string, body: string, seconds: number, concurrency: number) {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const { status } = await request(graphqlUrl, "POST", body);
      latencies.push(performance.now() - started);
      if (status !== 200) failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, failures, elapsed, latencies };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Resident set size of a process, from /proc (Linux). */
export function residentMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return line ? Number(line.replace(/\D+/g, "")) / 1024 : Number.NaN;
}

/** `node` flags that load bench/gc-meter.preload.ts into a child, so `gcTotals` can read its collections. */
export const GC_METER_FLAGS = ["--require", path.join(__dirname, "gc-meter.preload.js")];

/** The collections of a child started with `GC_METER_FLAGS` so far (it answers SIGUSR2 on its stderr). */
export function gcTotals(child: ChildProcess): Promise<GcTotals> {
  return new Promise((resolve, reject) => {
    let pending = "";
    const timeout = setTimeout(() => {
      child.stderr?.off("data", onData);
      reject(new Error(`no ${GC_METER_LINE_PREFIX.trim()} line from pid ${child.pid}`));
    }, 5_000);
    const onData = (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const line = pending.split("\n").find((candidate) => candidate.startsWith(GC_METER_LINE_PREFIX));
      if (line === undefined || !pending.includes("\n", pending.indexOf(line))) return;
      clearTimeout(timeout);
      child.stderr?.off("data", onData);
      resolve(JSON.parse(line.slice(GC_METER_LINE_PREFIX.length)) as GcTotals);
    };
    child.stderr?.on("data", onData);
    child.kill("SIGUSR2");
  });
}

/** A Markdown table: the one shape every bench prints its figures in. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Sets the CPU affinity of every thread of `pid` (Linux `taskset`). */
export function pinToCpu(pid: number, cpu: number): void {
  execFileSync("taskset", ["--all-tasks", "--cpu-list", "--pid", String(cpu), String(pid)], { stdio: "ignore" });
}

/** Every upstream call the emulator has answered so far (its admin `/_emulator/calls`). */
export async function totalUpstreamCalls(emulatorUrl: string): Promise<number> {
  const { text } = await request(`${emulatorUrl}/_emulator/calls`, "GET");
  return Object.values((JSON.parse(text) as { calls: Record<string, number> }).calls).reduce((sum, n) => sum + n, 0);
}
