import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { startEmulator } from "../../../src/emulator/emulator";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import { GATEWAY_MAIN } from "../../support/repo-paths";

const MAIN = GATEWAY_MAIN;
const IN_FLIGHT = 6;
const SLOW_UPSTREAM_MS = 1_500;
const GROUP_QUERY = JSON.stringify({ query: 'query Group { scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { id } }' });

/** One POST on a connection of its own (no pooling), so "accepted" means a new TCP connection was. */
function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent: false, headers: { "content-type": "application/json" } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** Starts `node dist/src/server/main.js` against `emulator` (its Alibaba Cloud mode); resolves with its GraphQL URL. */
function startGatewayProcess(emulator: RunningEmulator, lines: string[]): Promise<{ child: ChildProcess; url: string }> {
  const endpoint = `${emulator.host}:${emulator.port}`;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      ESS_GATEWAY_UPSTREAM: "aliyun",
      ESS_GATEWAY_REGION: "cn-hangzhou",
      ESS_GATEWAY_PROTOCOL: "http",
      ESS_GATEWAY_ESS_ENDPOINT: endpoint,
      ESS_GATEWAY_ECS_ENDPOINT: endpoint,
      ESS_GATEWAY_SLB_ENDPOINT: endpoint,
      ESS_GATEWAY_RDS_ENDPOINT: endpoint,
      ESS_GATEWAY_ACCESS_KEY_ID: DEMO_ACCESS_KEYS.primary.accessKeyId,
      ESS_GATEWAY_ACCESS_KEY_SECRET: DEMO_ACCESS_KEYS.primary.accessKeySecret,
      ESS_GATEWAY_ACTIVITY_POLL_MS: "100",
      ESS_GATEWAY_METRICS: "off",
      ESS_GATEWAY_SHUTDOWN_TIMEOUT_MS: "20000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let buffered = "";
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      buffered += chunk;
      const complete = buffered.split("\n");
      buffered = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        const listening = line.startsWith("{") ? (JSON.parse(line) as { msg?: string; url?: string }) : null;
        if (listening?.msg === "gateway listening") resolve({ child, url: listening.url! });
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => lines.push(chunk.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`the gateway exited with ${code} before listening:\n${lines.join("\n")}`)));
  });
}

function waitFor(lines: string[], message: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (lines.some((line) => line.includes(`"msg":"${message}"`)) ? resolve() : setTimeout(check, 20));
    check();
  });
}

describe("SIGTERM under load", () => {
  let emulator: RunningEmulator;
  let gatewayProcess: ChildProcess | undefined;
  before(async () => {
    emulator = await startEmulator({ activity: { mode: "manual" }, admin: true });
  });
  after(async () => {
    // Only when the test failed before the exit it waits for.
    if (gatewayProcess !== undefined && gatewayProcess.exitCode === null && gatewayProcess.signalCode === null)
      gatewayProcess.kill("SIGKILL");
    await emulator.close();
  });

  test("in-flight requests complete, new ones are refused, subscriptions get 1001, the process exits 0", { timeout: 60_000 }, async () => {
    const lines: string[] = [];
    const { child, url } = await startGatewayProcess(emulator, lines);
    gatewayProcess = child;
    child.removeAllListeners("exit");
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    // A subscription that stays open: the demo world's external activity is in progress.
    const closeCodes: number[] = [];
    const client = createClient({
      url: url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => closeCodes.push((event as { code: number }).code) },
    });
    const updates = client
      .iterate<{ scalingActivityUpdates: { status: string } }>({
        query: 'subscription { scalingActivityUpdates(regionId: "cn-hangzhou", id: "asa-demo-busy-scaleout") { status } }',
      })
      [Symbol.asyncIterator]();
    assert.equal((await updates.next()).value?.data?.scalingActivityUpdates.status, "IN_PROGRESS");
    const subscriptionEnded = updates.next().then(
      (step) => ({ done: step.done === true, error: null as unknown }),
      (error: unknown) => ({ done: false, error }),
    );

    // Slow upstream answers: the requests are in flight when the signal arrives.
    emulator.control.resetCallCounts();
    emulator.control.setFault("DescribeScalingGroups", { latencyMs: SLOW_UPSTREAM_MS });
    const inFlight = Array.from({ length: IN_FLIGHT }, () => post(url, GROUP_QUERY));
    await new Promise<void>((resolve) => {
      const check = () => ((emulator.control.callCounts().DescribeScalingGroups ?? 0) >= IN_FLIGHT ? resolve() : setTimeout(check, 10));
      check();
    });

    child.kill("SIGTERM");
    await waitFor(lines, "shutting down");
    const late = await post(url, GROUP_QUERY).then(
      (response) => ({ accepted: true, response }),
      (error: NodeJS.ErrnoException) => ({ accepted: false, code: error.code }),
    );

    const answers = await Promise.all(inFlight);
    for (const answer of answers) {
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(JSON.parse(answer.text), { data: { scalingGroup: { id: "asg-demo-web" } } });
    }
    assert.deepEqual(late, { accepted: false, code: "ECONNREFUSED" });
    assert.equal(await exited, 0, lines.join("\n"));
    assert.ok(lines.some((line) => line.includes('"msg":"shutdown complete"')));
    await subscriptionEnded;
    assert.deepEqual(closeCodes, [1001]);
    await client.dispose();
    emulator.control.clearFaults();
  });
});
