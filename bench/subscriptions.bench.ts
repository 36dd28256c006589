/**
 * Subscription benchmark: what watching one scaling activity costs with 1 and with 1,000
 * subscriptions: the gateway's RSS and heap, and the DescribeScalingActivities calls per second it
 * makes. With one shared poller per activity the calls are the same; the baseline (no
 * subscription) is measured in the same run.
 *
 * Run on demand: `npm run bench:subscriptions` (never in CI: a shared machine makes timings noise).
 * Options (environment): BENCH_SECONDS (counting window per scenario, default 10), BENCH_SOCKETS
 * (sockets the 1,000 subscriptions spread over, default 10), BENCH_POLL_MS (the gateway's
 * ESS_GATEWAY_ACTIVITY_POLL_MS, default 1000), BENCH_HEAP_SNAPSHOT_DIR (a folder: the gateway writes a
 * heap snapshot there after each row's counting window, `node --heapsnapshot-signal`, for
 * comparing what 1 and 1,000 subscriptions hold in Chrome DevTools' comparison view).
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { startIpcGateway } from "../test/support/ipc-gateway";
import { markdownTable } from "./bench.support";

const WATCH = `subscription Watch($regionId: String!, $id: ID!) { scalingActivityUpdates(regionId: $regionId, id: $id) { id status progress } }`;
/** An activity of the demo world that stays in progress under manual timing (docs/demo-world.md). */
const ACTIVITY = { regionId: "cn-hangzhou", id: "asa-demo-busy-scaleout" };

/** Opens `sockets` sockets and `count` subscriptions over them; resolves once each has had its first event. */
async function subscribe(url: string, count: number, sockets: number): Promise<{ clients: Client[]; stop(): Promise<void> }> {
  const clients = Array.from({ length: Math.min(sockets, Math.max(count, 1)) }, () =>
    createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false }),
  );
  const unsubscribes: Array<() => void> = [];
  await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<void>((resolve, reject) => {
          unsubscribes.push(
            clients[index % clients.length]!.subscribe(
              { query: WATCH, variables: ACTIVITY },
              { next: () => resolve(), error: reject, complete: () => resolve() },
            ),
          );
        }),
    ),
  );
  return {
    clients,
    async stop() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const sockets = Number(process.env.BENCH_SOCKETS ?? 10);
  const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
  // Manual activity timing: the watched activity stays in progress. 1,000 subscriptions are one caller's, on few sockets.
  const gateway = await startIpcGateway(
    {
      activity: "manual",
      activityPollMs: Number(process.env.BENCH_POLL_MS ?? 1000),
      subscriptionCaps: { perSocket: 1_000, perProcess: 10_000 },
    },
    ["--expose-gc", ...(snapshotDir ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapshotDir}`] : [])],
  );
  const rows: string[][] = [];
  try {
    let idleHeap = Number.NaN;
    for (const count of [0, 1, 1_000]) {
      const started = performance.now();
      const subscriptions = await subscribe(gateway.url, count, sockets);
      const subscribeMs = performance.now() - started;
      await sleep(2_000); // settle: the first reads are done, allocation has levelled off
      const before = await gateway.stats();
      const windowStarted = performance.now();
      await sleep(seconds * 1_000);
      const after = await gateway.stats();
      const callsPerSecond =
        (after.describeScalingActivities - before.describeScalingActivities) / ((performance.now() - windowStarted) / 1_000);
      const heapMiB = after.heapUsedBytes / 1024 / 1024;
      if (snapshotDir) {
        // Written synchronously by the child; the next stats round trip waits until it is done.
        gateway.child.kill("SIGUSR2");
        await gateway.stats();
      }
      if (count === 0) idleHeap = heapMiB;
      rows.push([
        count === 0 ? "baseline (none)" : `${count.toLocaleString("en")} to one activity`,
        String(count === 0 ? 0 : subscriptions.clients.length),
        count === 0 ? "-" : subscribeMs.toFixed(0),
        callsPerSecond.toFixed(2),
        (after.rssBytes / 1024 / 1024).toFixed(0),
        heapMiB.toFixed(1),
        count === 0 ? "-" : (heapMiB - idleHeap).toFixed(1),
      ]);
      await subscriptions.stop();
      await sleep(1_000);
      process.stderr.write(`done: ${count} subscription(s)\n`);
    }
  } finally {
    gateway.close();
  }
  const header = [
    "subscriptions",
    "sockets",
    "subscribe ms (all)",
    "DescribeScalingActivities/s",
    "gateway RSS MiB",
    "heap after GC MiB",
    "heap over baseline MiB",
  ];
  process.stdout.write(
    `\nSubscription benchmark: ${seconds} s counting window per row, poll interval ${process.env.BENCH_POLL_MS ?? 1000} ms. ` +
      `RSS is a high-water mark (it rarely shrinks); the heap after a full GC is what the subscriptions hold.\n\n${markdownTable(header, rows)}\n\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
