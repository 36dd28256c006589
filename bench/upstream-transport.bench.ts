/**
 * CPU per upstream call and memory under load: the Alibaba SDK's request path
 * (`@alicloud/openapi-client` `callApi`, what src/upstream sent through before it owned its
 * transport) against the client's own transport (`signRpcRequest` + `RpcHttpTransport` +
 * `readResponse`), and the whole typed client on top of it, in the same run against the same
 * emulator. The emulator runs in a child process, so the CPU measured here is the client's only.
 *
 * Rounds are interleaved (the order rotates each round) and the figures are medians over rounds.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/upstream-transport.bench.js [--rounds 7] [--calls 400]
 *     [--old-client <compiled ess-upstream.client.js of the SDK-based client, e.g. a build of the previous commit>]
 *
 * With `--old-client`, the typed client as it was over the SDK (with its diagnostics-channel deadline
 * guard and socket tracker, which see every request of the process, the other paths' included) is
 * measured as a fourth path.
 *
 * Results feed docs/upstream.md ("Transport: decision and figures").
 */
import { fork, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import OpenApiClient, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { startEmulator } from "../src/emulator/emulator";
import { DEMO_ACCESS_KEYS, DEMO_PRIMARY_REGION } from "../src/emulator/world/demo-cases";
import { createEssUpstream } from "../src/upstream/ess-upstream.client";
import { PRODUCT_API_VERSIONS } from "../src/contract/api-versions.contract";
import { RpcHttpTransport } from "../src/upstream/rpc-http.transport";
import { signRpcRequest } from "../src/upstream/rpc-request.signer";
import { readResponse } from "../src/upstream/transport-error.mapper";
import { currentSigningKey, credentialSource } from "../src/upstream/upstream.credentials";
import { DEFAULT_UPSTREAM_RETRY, DEFAULT_UPSTREAM_TIMEOUTS } from "../src/upstream/upstream.config";

const CHILD_FLAG = "--emulator-child";
const ACTION = "DescribeScalingGroups";
const QUERY = { RegionId: DEMO_PRIMARY_REGION, PageSize: "10" };

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function runEmulatorChild(): Promise<void> {
  const emulator = await startEmulator({ activity: { mode: "manual" } });
  process.send?.({ port: emulator.port });
}

function startEmulatorChild(): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = fork(__filename, [CHILD_FLAG], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve({ child, endpoint: `127.0.0.1:${(message as { port: number }).port}` }));
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
}

type Call = () => Promise<unknown>;

interface Path {
  name: string;
  call: Call;
  close(): void | Promise<void>;
}

function paths(endpoint: string): Path[] {
  const key = DEMO_ACCESS_KEYS.primary;
  const config = {
    regionId: DEMO_PRIMARY_REGION,
    endpoints: { ess: endpoint, ecs: endpoint, slb: endpoint, rds: endpoint },
    protocol: "http" as const,
    credentials: { kind: "accessKey" as const, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret },
    signatureVersion: "v3" as const,
    ...DEFAULT_UPSTREAM_TIMEOUTS,
    retry: DEFAULT_UPSTREAM_RETRY,
  };

  // The SDK path exactly as the client configured it before (one client per product, autoretry off).
  const sdk = new OpenApiClient(
    new Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      endpoint,
      protocol: "http",
      regionId: DEMO_PRIMARY_REGION,
      userAgent: "ess-graphql-gateway",
    }),
  );
  const params = new Params({
    action: ACTION,
    version: PRODUCT_API_VERSIONS.Ess,
    protocol: "HTTP",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const runtime = new RuntimeOptions({
    readTimeout: config.timeoutMs,
    connectTimeout: Math.max(config.connectTimeoutMs, config.timeoutMs),
    autoretry: false,
  });

  const transport = new RpcHttpTransport("http");
  const source = credentialSource(config.credentials);
  const limits = { timeoutMs: config.timeoutMs, connectTimeoutMs: config.connectTimeoutMs };
  const description = { product: "Ess" as const, action: ACTION, timeoutMs: config.timeoutMs, retriesBusyGroup: false };

  const client = createEssUpstream(config);
  const oldClientPath = process.argv[process.argv.indexOf("--old-client") + 1];
  const oldClient = process.argv.includes("--old-client")
    ? (require(oldClientPath) as { createEssUpstream: typeof createEssUpstream }).createEssUpstream(config)
    : undefined;

  return [
    ...(oldClient
      ? [
          {
            name: "old typed client",
            call: () => oldClient.describeScalingGroups({ regionId: DEMO_PRIMARY_REGION, pageSize: 10 }),
            close: () => oldClient.close(),
          },
        ]
      : []),
    { name: "sdk callApi", call: () => sdk.callApi(params, new OpenApiRequest({ query: { ...QUERY } }), runtime), close: () => undefined },
    {
      name: "own transport",
      call: async () => {
        const signing = await currentSigningKey(source);
        const request = signRpcRequest(
          { action: ACTION, version: PRODUCT_API_VERSIONS.Ess, endpoint, signatureVersion: "v3" },
          QUERY,
          signing,
        );
        return readResponse(await transport.post(endpoint, request, limits, Date.now() + limits.timeoutMs), description);
      },
      close: () => transport.close(),
    },
    {
      name: "typed client",
      call: () => client.describeScalingGroups({ regionId: DEMO_PRIMARY_REGION, pageSize: 10 }),
      close: () => client.close(),
    },
  ];
}

/** Closed-loop load: `calls` calls, `concurrency` at a time. */
async function load(call: Call, calls: number, concurrency: number, onTick?: () => void): Promise<void> {
  let remaining = calls;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining > 0) {
        remaining--;
        await call();
        onTick?.();
      }
    }),
  );
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const rounds = option("--rounds", 7);
  const calls = option("--calls", 400);
  const concurrency = option("--concurrency", 8);
  const { child, endpoint } = await startEmulatorChild();
  const candidates = paths(endpoint);
  try {
    for (const path of candidates) await load(path.call, 50, concurrency); // warm-up (JIT, sockets)

    const cpu = new Map<string, number[]>(candidates.map((path) => [path.name, []]));
    const wall = new Map<string, number[]>(candidates.map((path) => [path.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (let index = 0; index < candidates.length; index++) {
        const path = candidates[(index + round) % candidates.length];
        gc();
        const cpuBefore = cpuMicros();
        const started = performance.now();
        await load(path.call, calls, concurrency);
        wall.get(path.name)!.push(((performance.now() - started) * 1000) / calls);
        cpu.get(path.name)!.push((cpuMicros() - cpuBefore) / calls);
      }
    }

    const memoryCalls = calls * 5;
    const memoryConcurrency = 64;
    const memory = new Map<string, { peakMiB: number; afterGcMiB: number }>();
    // Let every timer the CPU rounds left armed (the SDK's, up to timeoutMs) fire first.
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_UPSTREAM_TIMEOUTS.timeoutMs + 500));
    // The SDK path last: its retained read timers (see docs/upstream.md) would otherwise still be
    // freeing memory during the next path's phase.
    const memoryOrder = [
      ...candidates.filter((path) => path.name !== "sdk callApi"),
      ...candidates.filter((path) => path.name === "sdk callApi"),
    ];
    for (const path of memoryOrder) {
      gc();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      let ticks = 0;
      await load(path.call, memoryCalls, memoryConcurrency, () => {
        if (++ticks % 50 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      });
      gc();
      const after = process.memoryUsage().heapUsed;
      memory.set(path.name, { peakMiB: (peak - baseline) / 2 ** 20, afterGcMiB: (after - baseline) / 2 ** 20 });
    }

    console.log(
      `${ACTION} against the emulator (child process), ${rounds} interleaved rounds × ${calls} calls, concurrency ${concurrency}; medians`,
    );
    console.log(
      "path             CPU µs/call   wall µs/call   heap peak Δ MiB   heap after GC Δ MiB  (memory: " +
        `${memoryCalls} calls, concurrency ${memoryConcurrency})`,
    );
    for (const path of candidates) {
      const heap = memory.get(path.name)!;
      console.log(
        `${path.name.padEnd(16)} ${median(cpu.get(path.name)!).toFixed(0).padStart(11)} ${median(wall.get(path.name)!).toFixed(0).padStart(14)} ${heap.peakMiB.toFixed(1).padStart(17)} ${heap.afterGcMiB.toFixed(1).padStart(20)}`,
      );
    }
  } finally {
    for (const path of candidates) await path.close();
    child.kill("SIGTERM");
  }
}

if (process.argv.includes(CHILD_FLAG)) {
  void runEmulatorChild();
} else {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
