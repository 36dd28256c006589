import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { parseGatewayCommand } from "../../src/server/config/gateway-config.parser";
import { startGateway, type RunningGateway } from "../../src/server/gateway";
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, REGION } from "./attach-test-world";
import { createGraphQLClient, type GraphQLClient } from "./gateway-harness";
import { EMULATOR_MAIN } from "./repo-paths";

/**
 * The emulator as its own process (the CLI), for tests that kill the upstream (kill -9) after it
 * committed, and the gateway in real mode against it, as a deployment would run against Alibaba Cloud.
 */
export interface EmulatorProcess {
  child: ChildProcess;
  port: number;
}

/**
 * Spawns the emulator CLI on `port` (0: any) over `dbPath`; resolves with the port it listens on.
 * Activities finish at once unless `activity` says otherwise (`manual`, `realtime:MS`).
 */
export function spawnEmulator(args: { dbPath: string; worldPath: string; port: number; activity?: string }): Promise<EmulatorProcess> {
  const cli = EMULATOR_MAIN;
  return new Promise((resolvePort, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        "--db",
        args.dbPath,
        "--world",
        args.worldPath,
        "--activity",
        args.activity ?? "immediate",
        "--admin",
        "--port",
        String(args.port),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the emulator did not start in time:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePort({ child, port: Number(match[1]) });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}:\n${output}`));
    });
  });
}

/** kill -9, resolved once the process has exited. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGKILL");
  });
}

/** A call of the emulator's admin API. */
export async function emulatorAdmin(port: number, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}/_emulator/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Resolves once the emulator has received at least one call of `action`. */
export async function waitForCall(port: number, action: string): Promise<void> {
  for (;;) {
    const { calls } = (await emulatorAdmin(port, "GET", "calls")) as { calls: Record<string, number> };
    if ((calls[action] ?? 0) >= 1) return;
    await sleep(5);
  }
}

/**
 * The settings of a gateway in real mode (Alibaba Cloud, over HTTP) against the emulator on
 * `emulatorPort`, with the attach test world's key and fast retries.
 */
export function realModeEnv(emulatorPort: number): Record<string, string> {
  const hostPort = `127.0.0.1:${emulatorPort}`;
  return {
    ESS_GATEWAY_UPSTREAM: "aliyun",
    ESS_GATEWAY_REGION: REGION,
    ESS_GATEWAY_ESS_ENDPOINT: hostPort,
    ESS_GATEWAY_ECS_ENDPOINT: hostPort,
    ESS_GATEWAY_SLB_ENDPOINT: hostPort,
    ESS_GATEWAY_RDS_ENDPOINT: hostPort,
    ESS_GATEWAY_PROTOCOL: "http",
    ESS_GATEWAY_ACCESS_KEY_ID: ACCESS_KEY_ID,
    ESS_GATEWAY_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
    ESS_GATEWAY_RETRY_BASE_DELAY_MS: "5",
    ESS_GATEWAY_RETRY_MAX_DELAY_MS: "50",
  };
}

/** Starts the gateway in real mode against the emulator on `emulatorPort` (the attach test world's key), with fast retries. */
export async function startRealModeGateway(args: {
  emulatorPort: number;
  settleMs: number;
  logLines: string[];
  responseBodies: string[];
}): Promise<{ gateway: RunningGateway; client: GraphQLClient }> {
  const command = parseGatewayCommand(
    {
      ...realModeEnv(args.emulatorPort),
      ESS_GATEWAY_TIMEOUT_MS: "5000",
      ESS_GATEWAY_RETRY_SETTLE_MS: String(args.settleMs),
      ESS_GATEWAY_LOG_LEVEL: "debug",
    },
    ["--port", "0"],
  );
  if (command.kind !== "start") throw new Error("unreachable");
  const gateway = await startGateway(command.config, { logSink: (line) => args.logLines.push(line) });
  return { gateway, client: createGraphQLClient(gateway.url, args.responseBodies) };
}
