/**
 * The gateway of bench/subscriptions.bench.ts, in a process of its own (so its RSS is its own), on
 * the embedded emulator with manual activity timing (a watched activity stays in progress).
 * Messages: "stats" → `{ kind: "stats", rssBytes, heapUsedBytes, describeScalingActivities }` (after a full GC when
 * started with --expose-gc, so garbage does not blur the RSS); "close" → exits.
 */
import { startGateway } from "../src/server/gateway";
import { readHttpSettings } from "../src/server/http/http.config";
import { DEFAULT_UPSTREAM_RETRY, DEFAULT_UPSTREAM_TIMEOUTS } from "../src/upstream/upstream.config";

async function main(): Promise<void> {
  if (process.send === undefined) throw new Error("start with an IPC channel (child_process.fork)");
  const gateway = await startGateway(
    {
      host: "127.0.0.1",
      port: 0,
      logLevel: "warn",
      http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: process.env.BENCH_POLL_MS ?? "1000" }),
      // The benchmark is one caller holding 1,000 subscriptions: neither limit is what it measures.
      rateLimits: { requests: 0, upstreamCalls: 0, windowSeconds: 60, trustedProxyHops: 0 },
      subscriptionCaps: { perSocket: 1_000, perProcess: 10_000 },
      upstream: {
        kind: "emulator",
        dbPath: ":memory:",
        activity: { mode: "manual" },
        client: { signatureVersion: "v3", ...DEFAULT_UPSTREAM_TIMEOUTS, retry: DEFAULT_UPSTREAM_RETRY },
      },
    },
    { logSink: (line) => process.stderr.write(`${line}\n`) },
  );
  const control = gateway.emulator!.control;
  process.on("message", (message) => {
    if (message === "stats") {
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      process.send!({ kind: "stats", rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, describeScalingActivities: control.callCounts().DescribeScalingActivities ?? 0 });
    } else if (message === "close") {
      void gateway.close().then(() => process.exit(0));
    }
  });
  process.send({ kind: "ready", url: gateway.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
