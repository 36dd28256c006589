/**
 * Replica benchmark: what sharing state through Redis costs and saves.
 *
 * 1. req/s and gateway CPU per request on the reference scenarios (bench/reference.scenarios.ts,
 *    demo world), for 1 and 3 replicas, with and without Redis (requests round-robin over the replicas, as a load balancer sends them; with
 *    Redis every request costs a shared rate-limit count, and the upstream reads are the same).
 * 2. DescribeScalingActivities per second for N watchers of 10 activities spread over 3 replicas,
 *    with Redis (one poller per activity across the replicas) and without (one per replica).
 *
 * Everything runs as child processes (a redis-server, one standalone emulator, the replicas), as
 * test/server/redis does. Run on demand: `npm run build && node dist/bench/replicas.bench.js` (never in
 * CI: timings on a shared machine are noise). Options (environment): BENCH_SECONDS (per row,
 * default 5), BENCH_CONCURRENCY (default 12), BENCH_WATCHERS (default 300), BENCH_POLL_MS (default 1000).
 * The replicas log at info (the rig reads their start-up line): one log line per request is included.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { cleanInstanceId, REGION, ROOMY_GROUP_COUNT, roomyGroupId } from "../test/support/attach-test-world";
import { emulatorAdmin, killHard } from "../test/support/emulator-process";
import { startRedis, startReplica, startRig, type Replica } from "../test/support/replica-cluster";
import { cpuSeconds, request, startChild, stopChild } from "./bench.support";
import { gatewayEnvOver, scenarios } from "./reference.scenarios";
import { BENCH_AUTHORIZATION } from "./bench-access";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 12);
const watchers = Number(process.env.BENCH_WATCHERS ?? 300);
const pollMs = Number(process.env.BENCH_POLL_MS ?? 1000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Load for `durationSeconds` from `concurrency` workers round-robin over `replicas`. */
async function throughput(replicas: Replica[], body: string, durationSeconds = seconds) {
  const pids = replicas.map((replica) => replica.child.pid!);
  const cpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  let count = 0;
  let failures = 0;
  const deadline = performance.now() + durationSeconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const { status } = await request(replicas[count++ % replicas.length]!.graphqlUrl, "POST", body);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
  return { perSecond: count / elapsed, cpuMsPerRequest: (cpu * 1000) / count, failures };
}

let groupCursor = 0;
async function startActivity(replica: Replica): Promise<string> {
  const index = groupCursor++;
  const response = await fetch(replica.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: BENCH_AUTHORIZATION },
    body: JSON.stringify({
      query:
        "mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { ... on AttachInstancesSuccess { scalingActivityId } } }",
      // Each row's activities end (clock advanced) before the next row reuses the groups; instances are fresh.
      variables: {
        input: {
          regionId: REGION,
          scalingGroupId: roomyGroupId(index % ROOMY_GROUP_COUNT),
          instances: [{ instanceId: cleanInstanceId(100 + index) }],
        },
      },
    }),
  });
  const json = (await response.json()) as { data?: { attachInstances?: { scalingActivityId?: string } } };
  const id = json.data?.attachInstances?.scalingActivityId;
  if (id === undefined) throw new Error(`the attach did not start an activity: ${JSON.stringify(json)}`);
  return id;
}

/** `count` watchers of `activities` over the replicas (20 per socket); resolves once each had its first event. */
async function watch(replicas: Replica[], activities: string[], count: number): Promise<Client[]> {
  const sockets = Math.max(1, Math.ceil(count / 20));
  const clients = Array.from({ length: sockets }, (_, index) =>
    createClient({
      url: replicas[index % replicas.length]!.graphqlUrl.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { Authorization: BENCH_AUTHORIZATION },
    }),
  );
  await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<void>((resolve, reject) =>
          clients[Math.floor(index / 20)]!.subscribe(
            {
              query: "subscription($r: String!, $id: ID!) { scalingActivityUpdates(regionId: $r, id: $id) { status } }",
              variables: { r: REGION, id: activities[index % activities.length]! },
            },
            { next: () => resolve(), error: reject, complete: () => resolve() },
          ),
        ),
    ),
  );
  return clients;
}

/** The rows of the first table: the reference scenarios (demo world) on 1 and 3 replicas, without and with Redis. */
async function throughputRows(redisEnv: Record<string, string>): Promise<string[][]> {
  const emulator = await startChild(
    "src/emulator/main.js",
    ["--port", "0", "--db", ":memory:", "--activity", "immediate", "--admin"],
    {},
    /listening on (http:\/\/[\d.]+:\d+)/,
  );
  // Limits on but never reached: each request still pays its counts (in Redis with it). Info: the rig reads the start-up line.
  const alone = {
    ...gatewayEnvOver(emulator.match[1]!),
    PATH: process.env.PATH ?? "",
    ESS_GATEWAY_LOG_LEVEL: "info",
    ESS_GATEWAY_RATE_LIMIT_REQUESTS: "100000000",
    ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS: "100000000",
  };
  const rows: string[][] = [];
  try {
    for (const [label, env] of [
      ["without Redis", alone],
      ["with Redis", { ...alone, ...redisEnv }],
    ] as const) {
      for (const count of [1, 3]) {
        const replicas = await Promise.all(Array.from({ length: count }, () => startReplica(env)));
        try {
          for (const scenario of scenarios) {
            const check = await request(replicas[0]!.graphqlUrl, "POST", scenario.body);
            if (!scenario.expect(JSON.parse(check.text))) throw new Error(`${scenario.name}: unexpected answer ${check.text}`);
            await throughput(replicas, scenario.body, 1); // warm-up (JIT, keep-alive sockets, caches), not counted
            const result = await throughput(replicas, scenario.body);
            rows.push([
              scenario.name,
              `${count}`,
              label,
              result.perSecond.toFixed(0),
              result.cpuMsPerRequest.toFixed(2),
              String(result.failures),
            ]);
            process.stderr.write(`done: ${scenario.name}, ${count} replica(s) ${label}\n`);
          }
        } finally {
          await Promise.all(replicas.map((replica) => killHard(replica.child)));
        }
      }
    }
  } finally {
    await stopChild(emulator.child);
  }
  return rows;
}

/** The rows of the second table: DescribeScalingActivities per second for 10 and N watchers of 10 activities over 3 replicas. */
async function watcherRows(): Promise<string[][]> {
  const rig = await startRig(0);
  const shared: Record<string, string> = {
    ...rig.env,
    ESS_GATEWAY_RATE_LIMIT_REQUESTS: "100000000",
    ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS: "100000000",
    ESS_GATEWAY_ACTIVITY_POLL_MS: String(pollMs),
  };
  const { ESS_GATEWAY_REDIS_URL: _url, ESS_GATEWAY_REPLICAS: _replicas, ESS_GATEWAY_REDIS_LEASE_MS: _lease, ...alone } = shared;
  const rows: string[][] = [];
  try {
    for (const [label, env] of [
      ["without Redis", alone],
      ["with Redis", shared],
    ] as const) {
      const replicas = await Promise.all(Array.from({ length: 3 }, () => startReplica(env)));
      try {
        for (const watcherCount of [10, watchers]) {
          const activities = await Promise.all(Array.from({ length: 10 }, (_, index) => startActivity(replicas[index % 3]!)));
          const clients = await watch(replicas, activities, watcherCount);
          await sleep(2 * pollMs);
          await emulatorAdmin(rig.emulator.port, "DELETE", "calls");
          const windowStarted = performance.now();
          await sleep(seconds * 1000);
          const { calls } = (await emulatorAdmin(rig.emulator.port, "GET", "calls")) as { calls: Record<string, number> };
          const perSecond = (calls.DescribeScalingActivities ?? 0) / ((performance.now() - windowStarted) / 1000);
          rows.push([String(watcherCount), "10", label, perSecond.toFixed(2), (10 * (1000 / pollMs)).toFixed(2)]);
          await Promise.all(clients.map((client) => client.dispose()));
          await emulatorAdmin(rig.emulator.port, "POST", "clock/advance", { ms: 3_000 });
          process.stderr.write(`done: ${watcherCount} watchers ${label}\n`);
        }
      } finally {
        await Promise.all(replicas.map((replica) => killHard(replica.child)));
      }
    }
    return rows;
  } finally {
    await rig.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "ess-replicas-bench-"));
  const redis = await startRedis(dir);
  let rows: string[][];
  try {
    rows = await throughputRows({ ESS_GATEWAY_REDIS_URL: redis.url, ESS_GATEWAY_REPLICAS: "3" });
  } finally {
    await redis.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const watchRows = await watcherRows();
  const table = (header: string[], rows: string[][]) =>
    [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
  process.stdout.write(
    `\nReplica benchmark: ${seconds} s per row, ${concurrency} concurrent requests round-robin over the replicas; CPU is the replicas' total.\n\n` +
      `${table(["scenario (bench/reference.scenarios.ts)", "replicas", "shared state", "req/s", "CPU ms/request", "failed"], rows)}\n\n` +
      `Watchers of 10 activities over 3 replicas, poll interval ${pollMs} ms:\n\n` +
      `${table(["watchers", "activities", "shared state", "DescribeScalingActivities/s", "one poller per activity would be"], watchRows)}\n\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
