/**
 * A gateway in a process of its own, for test/exposure/document-memory.test.ts: started with
 * `--expose-gc`, it reports its heap after a full collection over IPC, so the measurement needs no
 * endpoint of the gateway's. Messages: "heap" → `{ kind: "heap", heapUsed, rss }`; "close" → exits.
 */
import { startGateway } from "../../src/server/gateway";

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined || process.send === undefined) throw new Error("run with --expose-gc and an IPC channel");
  const gateway = await startGateway(
    {
      host: "127.0.0.1",
      port: 0,
      logLevel: "error",
      // The test is one caller sending thousands of requests: the rate limits are not what it measures.
      rateLimits: { requests: 0, upstreamCalls: 0, windowSeconds: 60, trustedProxyHops: 0 },
      upstream: {
        kind: "emulator",
        dbPath: ":memory:",
        activity: { mode: "immediate" },
        client: { signatureVersion: "v3", timeoutMs: 5_000, connectTimeoutMs: 5_000, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
      },
    },
    { logSink: () => {} },
  );
  process.on("message", (message) => {
    if (message === "heap") {
      gc();
      gc();
      const usage = process.memoryUsage();
      process.send!({ kind: "heap", heapUsed: usage.heapUsed, rss: usage.rss });
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
