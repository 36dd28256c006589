import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "../../src/emulator/emulator";
import type { RunningEmulator } from "../../src/emulator/emulator-core.types";
import { loadDemoWorld } from "../../src/emulator/world/demo-world";
import { DEMO_ACCESS_KEYS } from "../../src/emulator/world/demo-cases";
import { parseGatewayCommand } from "../../src/server/config/gateway-config.parser";
import { startGateway, type RunningGateway } from "../../src/server/gateway";

/**
 * Real mode on the default credential chain, whose only source (environment variables) goes away
 * while the gateway runs. This file runs in its own process (node --test), so it may change
 * process.env: HOME is an empty directory, no other ALIBABA_CLOUD_* variable is set, and the ECS
 * metadata source is off, so nothing but the environment can yield credentials.
 */
describe("credentials that stop resolving while the gateway runs", () => {
  let home: string;
  let emulator: RunningEmulator;
  let gateway: RunningGateway;
  let origin: string;
  const logLines: string[] = [];

  before(async () => {
    for (const name of Object.keys(process.env)) if (name.startsWith("ALIBABA_CLOUD_")) delete process.env[name];
    home = mkdtempSync(path.join(tmpdir(), "credentials-lost-home-"));
    process.env.HOME = home;
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEMO_ACCESS_KEYS.primary.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEMO_ACCESS_KEYS.primary.accessKeySecret;

    emulator = await startEmulator({ world: loadDemoWorld(), dbPath: ":memory:", activity: { mode: "immediate" }, log: () => {} });
    const hostPort = `127.0.0.1:${emulator.port}`;
    const command = parseGatewayCommand(
      {
        ESS_GATEWAY_UPSTREAM: "aliyun",
        ESS_GATEWAY_ESS_ENDPOINT: hostPort,
        ESS_GATEWAY_ECS_ENDPOINT: hostPort,
        ESS_GATEWAY_SLB_ENDPOINT: hostPort,
        ESS_GATEWAY_RDS_ENDPOINT: hostPort,
        ESS_GATEWAY_PROTOCOL: "http",
        ESS_GATEWAY_READINESS_CACHE_MS: "0",
      },
      ["--port", "0"],
    );
    assert.equal(command.kind, "start");
    if (command.kind !== "start") return;
    gateway = await startGateway(command.config, { logSink: (line) => logLines.push(line) });
    origin = new URL(gateway.url).origin;
  });
  after(async () => {
    await gateway?.close();
    await emulator?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const post = (body: { query: string; variables?: unknown }) =>
    fetch(gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const query = () => post({ query: '{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { id } }' });

  test("with credentials in the environment at start-up, the gateway starts and answers", async () => {
    assert.deepEqual(await (await query()).json(), { data: { scalingGroup: { id: "asg-demo-web" } } });
  });

  test("once they are gone, API clients and /readyz are told no credentials were found, without server paths", async () => {
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;

    const readiness = await fetch(`${origin}/readyz`);
    assert.equal(readiness.status, 503);
    const report = await readiness.text();
    // The mutation's typed failure carries the upstream message; a read's top-level error only its code.
    const attach = await (
      await post({
        query: `mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on UpstreamError { code message retryable } } }`,
        variables: { input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0071" }] } },
      })
    ).text();
    assert.match(attach, /"__typename":"UpstreamError","code":"CredentialsUnavailable"/);
    const read = await (await query()).text();
    assert.match(read, /"upstreamCode":"CredentialsUnavailable"/);
    for (const text of [report, attach]) {
      assert.match(
        text,
        /no Alibaba Cloud credentials found \(tried: environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; /,
      );
    }
    for (const text of [report, attach, read]) {
      assert.ok(!text.includes(home), "no home directory path");
      assert.doesNotMatch(text, /config\.json|\.alibabacloud|undefined|https?:\/\/|getaddrinfo/);
    }
  });

  test("and credentials from another source of the chain are found by the next call (it is not stuck on its last source)", async () => {
    mkdirSync(path.join(home, ".alibabacloud"));
    writeFileSync(
      path.join(home, ".alibabacloud", "credentials"),
      [
        "[default]",
        "type = access_key",
        `access_key_id = ${DEMO_ACCESS_KEYS.primary.accessKeyId}`,
        `access_key_secret = ${DEMO_ACCESS_KEYS.primary.accessKeySecret}`,
        "",
      ].join("\n"),
    );
    assert.deepEqual(await (await query()).json(), { data: { scalingGroup: { id: "asg-demo-web" } } });
    assert.equal((await fetch(`${origin}/readyz`)).status, 200);
  });
});
