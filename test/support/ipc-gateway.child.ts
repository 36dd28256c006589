/**
 * A gateway in a process of its own, driven over IPC, so that its memory is measured without the
 * load generator's (test/server/limits/document-memory.test.ts, bench/subscriptions.bench.ts). It runs
 * on the embedded emulator with the per-caller rate limits off (its parent is one caller sending
 * thousands of requests) and whatever `IPC_GATEWAY_OPTIONS` (JSON, `IpcGatewayOptions`) sets.
 *
 * Messages: "stats" → `IpcGatewayStats` (after a full GC when started with --expose-gc);
 * "close" → closes the gateway and exits. It first sends `{ kind: "ready", url }`.
 */
import { startGateway } from "../../src/server/gateway";
import { readHttpSettings } from "../../src/server/http/http.config";
import type { SubscriptionCaps } from "../../src/server/http/subscription-caps";
import { DEFAULT_UPSTREAM_RETRY, DEFAULT_UPSTREAM_TIMEOUTS } from "../../src/upstream/upstream.config";

export interface IpcGatewayOptions {
  /** The emulator's activity timing. Default "immediate". */
  activity?: "immediate" | "manual";
  /** ESS_GATEWAY_ACTIVITY_POLL_MS. Default the gateway's. */
  activityPollMs?: number;
  subscriptionCaps?: SubscriptionCaps;
}

export interface IpcGatewayStats {
  kind: "stats";
  rssBytes: number;
  heapUsedBytes: number;
  /** DescribeScalingActivities calls the emulator has received so far. */
  describeScalingActivities: number;
}

async function main(): Promise<void> {
  if (process.send === undefined) throw new Error("start with an IPC channel (child_process.fork)");
  const options = JSON.parse(process.env.IPC_GATEWAY_OPTIONS ?? "{}") as IpcGatewayOptions;
  const gateway = await startGateway(
    {
      host: "127.0.0.1",
      port: 0,
      logLevel: "warn",
      http: readHttpSettings(options.activityPollMs === undefined ? {} : { ESS_GATEWAY_ACTIVITY_POLL_MS: String(options.activityPollMs) }),
      rateLimits: { requests: 0, upstreamCalls: 0, windowSeconds: 60, trustedProxyHops: 0 },
      ...(options.subscriptionCaps === undefined ? {} : { subscriptionCaps: options.subscriptionCaps }),
      upstream: {
        kind: "emulator",
        dbPath: ":memory:",
        activity: { mode: options.activity ?? "immediate" },
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
      const stats: IpcGatewayStats = {
        kind: "stats",
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        describeScalingActivities: control.callCounts().DescribeScalingActivities ?? 0,
      };
      process.send!(stats);
    } else if (message === "close") {
      void gateway.close().then(() => process.exit(0));
    }
  });
  process.send({ kind: "ready", url: gateway.url });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
