import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { attachTestWorld } from "../support/attach-test-world";
import { runGatewayCli } from "../support/gateway-cli";

/** A clean message: one line, no stack frames, no Node inspect output. */
function assertOneCleanLine(output: string): void {
  const lines = output.split("\n").filter((line) => line !== "");
  assert.equal(lines.length, 1, `expected one line, got:\n${output}`);
  assert.doesNotMatch(output, /^\s+at |\{\s*$|errno|Internal error/m, output);
}

describe("a taken port", () => {
  let blocker: net.Server;
  let port: number;
  before(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    port = (blocker.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  test("exits 1 with one clean line that says how to choose another port (PORT / --port)", async () => {
    const run = await runGatewayCli({}, ["--port", String(port), "--emulator-db", ":memory:"]);
    assert.equal(run.code, 1);
    assertOneCleanLine(run.stdout + run.stderr);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.match(run.stderr, /PORT=<port> or --port <port>/);
  });
});

describe("secrets on the command line", () => {
  for (const flag of ["--access-key-secret", "--security-token", "--access-key-id"]) {
    for (const form of ["separate", "inline"] as const) {
      test(`${flag} (${form} value) is refused: settings of that kind are environment-only, and the value is not echoed`, async () => {
        const value = "PastedSecretValue-0123456789";
        const args = form === "separate" ? [flag, value] : [`${flag}=${value}`];
        const run = await runGatewayCli({}, ["--upstream", "aliyun", ...args]);
        assert.equal(run.code, 2);
        assertOneCleanLine(run.stderr);
        const env = `ESS_GATEWAY_${flag.slice(2).toUpperCase().replaceAll("-", "_")}`;
        assert.match(run.stderr, new RegExp(`${flag}: .*read from the environment only .*set ${env} instead`));
        assert.doesNotMatch(run.stderr, /Unknown option/);
        assert.ok(!run.stderr.includes(value));
      });
    }
  }
});

describe("real mode without credentials", () => {
  let home: string;
  before(() => {
    home = mkdtempSync(path.join(tmpdir(), "no-credentials-home-"));
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  test("stops at start-up (exit 2) saying no credentials were found, which sources were tried, and which settings to set; no paths", async () => {
    // Only PATH, HOME (empty) and the gateway's settings: no ALIBABA_CLOUD_* variables at all, and
    // the ECS metadata source is turned off so the chain never waits on 100.100.100.200.
    const run = await runGatewayCli(
      { HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ESS_GATEWAY_UPSTREAM: "aliyun" },
      ["--port", "0"],
      /running/,
    );
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /running/);
    assertOneCleanLine(run.stderr);
    assert.match(run.stderr, /no Alibaba Cloud credentials found \(tried: /);
    assert.match(run.stderr, /ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    assert.match(run.stderr, /the aliyun CLI profile/);
    assert.doesNotMatch(run.stderr, /ECS RAM role/, "a disabled source is not listed as tried");
    assert.match(run.stderr, /Set ESS_GATEWAY_ACCESS_KEY_ID and ESS_GATEWAY_ACCESS_KEY_SECRET/);
    assert.ok(!run.stderr.includes(home), "no server paths");
    assert.doesNotMatch(run.stderr, /config\.json|undefined|https?:\/\//);
  });
});

describe("a saved emulator state from another world", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "emulator-state-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("--emulator-world over a database seeded from the demo world: one clean line saying how to start fresh, not a gateway whose every call fails", async () => {
    const dbPath = path.join(dir, "emulator.db");
    const first = await runGatewayCli(
      { ESS_GATEWAY_METRICS: "off" },
      ["--port", "0", "--emulator-db", dbPath],
      /ESS GraphQL gateway is running/,
    );
    assert.match(first.stdout, /ESS GraphQL gateway is running/, first.stderr);
    const worldPath = path.join(dir, "world.json");
    writeFileSync(worldPath, JSON.stringify(attachTestWorld()));
    const second = await runGatewayCli({ ESS_GATEWAY_METRICS: "off" }, [
      "--port",
      "0",
      "--emulator-db",
      dbPath,
      "--emulator-world",
      worldPath,
    ]);
    assert.equal(second.code, 1);
    assertOneCleanLine(second.stdout + second.stderr);
    assert.match(second.stderr, /holds the state of another world/);
    assert.match(second.stderr, /--emulator-db :memory:/);
  });
});
