import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, test } from "node:test";

const MAIN = path.join(__dirname, "..", "..", "src", "server", "main.js");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `main.js` until it exits, or until `until` matches its stdout (then stops it with SIGTERM). */
function runMain(env: Record<string, string>, args: string[] = [], until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    let stopped = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stopped && until?.test(stdout)) {
        stopped = true;
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm start (src/server/main.ts)", () => {
  test("a bad setting stops start-up with exit code 2 and a message naming it", async () => {
    const run = await runMain({ PORT: "not-a-port" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /PORT \(--port\)/);
    assert.equal(run.stdout, "");
  });

  test("default mode starts the embedded emulator and prints one block: where it listens, the emulator, how to switch", async () => {
    const run = await runMain(
      { ESS_GATEWAY_LOG_LEVEL: "warn" },
      ["--port", "0", "--emulator-db", ":memory:"],
      /Stop with Ctrl\+C/,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /GraphQL endpoint\s+http:\/\/127\.0\.0\.1:\d+\/graphql/);
    assert.match(run.stdout, /embedded ESS\/ECS emulator at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(run.stdout, /Switch to Alibaba Cloud:\s+ESS_GATEWAY_UPSTREAM=aliyun/);
  });

  test("--help lists the settings and exits 0", async () => {
    const run = await runMain({}, ["--help"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /ESS_GATEWAY_UPSTREAM/);
  });
});
