import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { attachTestWorld } from "./attach-test-world";
import { killHard, realModeEnv, spawnEmulator, type EmulatorProcess } from "./emulator-process";
import { GATEWAY_MAIN } from "./repo-paths";

/**
 * Test rig of the replica tests: a real `redis-server` (Debian's package) on a free port with its own data
 * directory, one standalone emulator (the CLI, `--admin`, manual activity clock) and gateway
 * replicas as child processes (`node dist/src/server/main.js`, real mode against the emulator),
 * each a separate process exactly as a deployment runs them.
 */

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

export interface RedisProcess {
  port: number;
  url: string;
  /** kill -9. */
  kill(): Promise<void>;
  /** A fresh redis-server on the same port (its data is gone: nothing was saved). */
  restart(): Promise<void>;
}

/** A redis-server of its own on `port` (default: a free one) over `dir`, saving nothing. */
export async function startRedis(dir: string, port?: number): Promise<RedisProcess> {
  port ??= await freePort();
  let child: ChildProcess;
  const launch = async (): Promise<void> => {
    child = spawn(
      "/usr/bin/redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    await waitForOutput(child, /Ready to accept connections/, "redis-server");
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => killHard(child),
    restart: launch,
  };
}

/** Resolves when `child` prints `pattern` (stdout or stderr); rejects if it exits first or takes over 20 s. */
function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`${what} did not start in time:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        child.stderr!.off("data", onData);
        done(match);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited (${code ?? signal}):\n${output}`));
    });
  });
}

export interface Replica {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:4123 (no path). */
  origin: string;
  graphqlUrl: string;
  /** Its name in the activity leases (from its "gateway listening" log line). */
  replicaId: string;
  /** The last log lines, for failure messages and leak checks. */
  output(): string;
}

/** The gateway's settings for the rig: real mode against the emulator, Redis, fast polling and short leases. */
export function replicaEnv(emulatorPort: number, redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    ...realModeEnv(emulatorPort),
    ESS_GATEWAY_REDIS_URL: redisUrl,
    ESS_GATEWAY_REPLICAS: "3",
    ESS_GATEWAY_REDIS_LEASE_MS: "1500",
    ESS_GATEWAY_ACTIVITY_POLL_MS: "500",
    // Every caller in these tests has its own X-Forwarded-For address (one proxy hop trusted).
    ESS_GATEWAY_TRUST_PROXY_HOPS: "1",
    ESS_GATEWAY_RATE_LIMIT_REQUESTS: String(RATE_LIMIT_REQUESTS),
    ESS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS: "60",
    ...extra,
  };
}

/** The request allowance per caller and minute of the rig's replicas. */
export const RATE_LIMIT_REQUESTS = 600;

export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const main = GATEWAY_MAIN;
  const child = spawn(process.execPath, [main, "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const match = await waitForOutput(child, /\{[^\n]*"msg":"gateway listening"[^\n]*\n/, "a gateway replica");
  const line = JSON.parse(match[0]) as { url: string; sharedState: { replica: string } };
  return { child, origin: new URL(line.url).origin, graphqlUrl: line.url, replicaId: line.sharedState.replica, output: () => output };
}

export interface Rig {
  dir: string;
  redis: RedisProcess;
  emulator: EmulatorProcess;
  replicas: Replica[];
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startRig(replicaCount: number): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), "ess-replicas-"));
  const worldPath = join(dir, "world.json");
  writeFileSync(worldPath, JSON.stringify(attachTestWorld()));
  const redis = await startRedis(dir);
  const emulator = await spawnEmulator({ dbPath: join(dir, "emulator.db"), worldPath, port: 0, activity: "manual" });
  const env = replicaEnv(emulator.port, redis.url);
  const replicas = await Promise.all(Array.from({ length: replicaCount }, () => startReplica(env)));
  return {
    dir,
    redis,
    emulator,
    replicas,
    env,
    async close() {
      await Promise.all(replicas.map((replica) => killHard(replica.child)));
      await killHard(emulator.child);
      await redis.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A WebSocket that says it came through a proxy for `address` (the rate limits' caller). */
function webSocketFrom(address: string): unknown {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { "x-forwarded-for": address } });
    }
  };
}

/** A graphql-ws client to `replica` as caller `address`. */
export function socketClient(replica: Replica, address: string): Client {
  return createClient({
    url: replica.graphqlUrl.replace(/^http/, "ws"),
    webSocketImpl: webSocketFrom(address),
    retryAttempts: 0,
    lazy: true,
  });
}

/** POST /graphql to `replica` as caller `address`. */
export async function post(replica: Replica, address: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(replica.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Polls `probe` until it returns true (every 50 ms), at most `timeoutMs`: a generous protocol timeout, never a measure. */
export async function eventually(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
