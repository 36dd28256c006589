import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, test } from "node:test";
import { ESS_VERSION, REGION, TEST_KEY, protocolTestWorld } from "../support/protocol-world.fixture";
import { jsonOf, sendV1 } from "../support/signed-request.helper";
import { CliUsageError, parseEmulatorArgs } from "../../src/emulator/main";
import { EMULATOR_MAIN } from "../support/repo-paths";

const MAIN = EMULATOR_MAIN;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe("emulator CLI", () => {
  const workDir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
  after(() => rmSync(workDir, { recursive: true, force: true }));

  for (const [args, flag] of [
    [["--bogus"], "--bogus"],
    [["--port", "seventy"], "--port"],
    [["--port", "70000"], "--port"],
    [["--activity", "sometimes"], "--activity"],
    [["--fault-seed", "1.5"], "--fault-seed"],
    [["--port"], "--port"],
    [["--admin", "--host", "0.0.0.0"], "--admin-on-network"],
  ] as const) {
    test(`a bad flag (${args.join(" ")}) exits 2 naming ${flag}`, async () => {
      const result = await run([...args], workDir);
      assert.equal(result.code, 2, result.stderr);
      assert.ok(result.stderr.includes(flag), result.stderr);
      assert.equal(result.stdout, "");
    });
  }

  test("the parser accepts --admin on loopback, and on another host only with --admin-on-network", () => {
    assert.equal(parseEmulatorArgs(["--admin"]).admin, true);
    assert.equal(parseEmulatorArgs(["--admin", "--host", "127.0.0.2"]).admin, true);
    assert.equal(parseEmulatorArgs(["--admin", "--host", "::1"]).admin, true);
    assert.throws(() => parseEmulatorArgs(["--admin", "--host", "10.0.0.5"]), CliUsageError);
    const exposed = parseEmulatorArgs(["--admin", "--host", "0.0.0.0", "--admin-on-network"]);
    assert.equal(exposed.admin && exposed.adminOnNetwork, true);
    assert.equal(parseEmulatorArgs(["--host", "0.0.0.0"]).admin, false);
  });

  test("a bad world file exits 2 naming the field path; nothing starts", async () => {
    const world = protocolTestWorld() as any;
    world.accounts[0].resources.scalingGroups[1].maxSize = "ten";
    const file = join(workDir, "bad-world.json");
    writeFileSync(file, JSON.stringify(world));
    const result = await run(["--world", file, "--db", ":memory:"], workDir);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /accounts\[0\]\.resources\.scalingGroups\[1\]\.maxSize/);
    assert.equal(result.stdout, "");
  });

  test("starts, prints the block, serves a signed call, logs it, exits 0 on SIGTERM", async () => {
    const file = join(workDir, "world.json");
    writeFileSync(file, JSON.stringify(protocolTestWorld()));
    const child = spawn(process.execPath, [MAIN, "--port", "0", "--world", file, "--activity", "immediate"], {
      cwd: workDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolvePromise) => child.on("close", (code) => resolvePromise(code)));
    const url = await new Promise<string>((resolvePromise, reject) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match && stdout.includes("Stop with")) resolvePromise(match[1]);
      });
      child.on("close", () => reject(new Error(`exited early: ${stderr}`)));
    });
    try {
      assert.ok(stdout.includes(TEST_KEY.accessKeyId), "prints a demo AccessKeyId");
      assert.ok(!stdout.includes(TEST_KEY.accessKeySecret), "never prints the secret");
      assert.ok(stdout.includes(resolve(workDir, "data/emulator.db")), "default database path");
      assert.ok(existsSync(join(workDir, "data")), "the database directory was created");

      const response = await sendV1(url, {
        key: TEST_KEY,
        action: "DescribeScalingGroups",
        version: ESS_VERSION,
        params: { RegionId: REGION },
      });
      assert.equal(response.status, 200, response.text);
      const requestId = jsonOf(response).RequestId as string;
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
      const logLine = stdout.split("\n").find((line) => line.includes(requestId));
      assert.ok(logLine, `a log line for ${requestId} in:\n${stdout}`);
      assert.match(logLine!, /DescribeScalingGroups 200 OK \d+ms/);
      assert.ok(!stdout.includes("Signature="), "no signatures in the log");
    } finally {
      child.kill("SIGTERM");
    }
    assert.equal(await exited, 0, stderr);
  });
});

describe("emulator CLI with a closed stdout", () => {
  test("a reader that goes away (`| head`) does not take the emulator down: it keeps answering", async () => {
    const child = spawn(process.execPath, [MAIN, "--port", "0", "--db", ":memory:"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const port = await new Promise<number>((resolvePort, reject) => {
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
          if (match) resolvePort(Number(match[1]));
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      // Close the reading end: the next log lines meet EPIPE.
      child.stdout.destroy();
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await fetch(`http://127.0.0.1:${port}/?Action=X`);
        assert.equal(response.status, 400);
        await response.text();
      }
      assert.equal(child.exitCode, null, "still running");
    } finally {
      child.kill("SIGKILL");
    }
  });
});
