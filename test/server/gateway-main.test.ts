import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runGatewayCli as runMain } from "../support/gateway-cli";

describe("npm start (src/server/main.ts)", () => {
  test("a bad setting stops start-up with exit code 2 and a message naming it", async () => {
    const run = await runMain({ PORT: "not-a-port" });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /PORT \(--port\)/);
    assert.equal(run.stdout, "");
  });

  test("default mode starts the embedded emulator and prints one block: where it listens, the emulator, how to switch", async () => {
    const run = await runMain({ ESS_GATEWAY_LOG_LEVEL: "warn" }, ["--port", "0", "--emulator-db", ":memory:"], /Stop with Ctrl\+C/);
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
