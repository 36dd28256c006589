/**
 * Helpers the benchmarks share: child processes of the compiled gateway and emulator, a
 * keep-alive HTTP client, closed-loop load, and CPU readings from /proc (Linux).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_AUTHORIZATION } from "./bench-access";

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

/** CPU seconds (user + system) the process has used, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
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
