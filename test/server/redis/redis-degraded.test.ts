import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { ScalingActivityUpdatesDocument } from "../../../operations/__generated__/graphql";
import { ConfigError } from "../../../src/server/config/config.errors";
import { gatewayUsage, parseGatewayCommand } from "../../../src/server/config/gateway-config.parser";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { DEFAULT_REDIS_SETTINGS } from "../../../src/server/redis/redis.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { eventually, freePort, startRedis, type RedisProcess } from "../../support/replica-cluster";
import { GATEWAY_MAIN } from "../../support/repo-paths";

const PASSWORD = "Redis-Pa55word-never-shown";

describe("ESS_GATEWAY_REDIS_URL and the other Redis settings", () => {
  const configErrorOf = (env: Record<string, string>): ConfigError => {
    try {
      parseGatewayCommand(env, []);
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error;
    }
    assert.fail(`${JSON.stringify(env)} was accepted`);
  };

  test("bad URLs are refused naming the setting, never echoing the password", () => {
    for (const url of [
      `http://u:${PASSWORD}@redis:6379`,
      `redis://:${PASSWORD}@`,
      `redis://:${PASSWORD}@redis:6379/0?tls=true`,
      `redis://:${PASSWORD}@redis/99`,
      "not a url",
    ]) {
      const error = configErrorOf({ ESS_GATEWAY_REDIS_URL: url });
      assert.match(error.message, /ESS_GATEWAY_REDIS_URL/);
      assert.doesNotMatch(error.message, new RegExp(PASSWORD));
    }
  });

  test("the other Redis settings need the URL and are range-checked", () => {
    assert.match(configErrorOf({ ESS_GATEWAY_REPLICAS: "3" }).message, /ESS_GATEWAY_REPLICAS.*only applies with ESS_GATEWAY_REDIS_URL/);
    assert.match(
      configErrorOf({ ESS_GATEWAY_REDIS_URL: "redis://r:6379", ESS_GATEWAY_REDIS_LEASE_MS: "10" }).message,
      /ESS_GATEWAY_REDIS_LEASE_MS/,
    );
    const command = parseGatewayCommand({ ESS_GATEWAY_REDIS_URL: "rediss://:pw@r.internal:6380/2" }, ["--replicas", "4"]);
    assert.equal(command.kind, "start");
    assert.deepEqual(command.kind === "start" ? command.config.redis : null, {
      ...DEFAULT_REDIS_SETTINGS,
      url: "rediss://:pw@r.internal:6380/2",
      replicas: 4,
    });
    assert.equal(
      parseGatewayCommand({}, []).kind === "start" && "redis" in (parseGatewayCommand({}, []) as { config: object }).config,
      false,
      "no URL: nothing shared",
    );
  });

  test("--help lists the URL as env-only (it holds a password); the CLI exits 2 on a bad one without showing it", () => {
    assert.match(gatewayUsage(), /ESS_GATEWAY_REDIS_URL\s+\(env only\)/);
    const main = GATEWAY_MAIN;
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? "", ESS_GATEWAY_REDIS_URL: `memcached://:${PASSWORD}@x` },
      encoding: "utf8",
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /ESS_GATEWAY_REDIS_URL/);
    assert.doesNotMatch(run.stderr + run.stdout, new RegExp(PASSWORD));
  });
});

/**
 * A gateway whose Redis is down from the start serves in its degraded mode (local limits at 1/N,
 * local polling), says so on /readyz with 200, and shares again once Redis comes up on that port.
 */
describe("a gateway whose Redis is down, then comes up", () => {
  let harness: GatewayHarness;
  let dir: string;
  let port: number;
  let redis: RedisProcess | undefined;
  let client: Client;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "ess-redis-down-"));
    port = await freePort();
    harness = await startGatewayHarness({
      activity: { mode: "manual" },
      http: readHttpSettings({ ESS_GATEWAY_ACTIVITY_POLL_MS: "50" }),
      config: {
        redis: { ...DEFAULT_REDIS_SETTINGS, url: `redis://default:${PASSWORD}@127.0.0.1:${port}`, replicas: 3, leaseMs: 600 },
        rateLimits: { requests: 6, upstreamCalls: 0, windowSeconds: 60, trustedProxyHops: 1 },
      },
    });
    client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });
  after(async () => {
    await client.dispose();
    await harness.close();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const readyz = async () => {
    const response = await fetch(new URL("/readyz", harness.url));
    return { status: response.status, text: await response.text() };
  };
  const query = (caller: string) => harness.post(JSON.stringify({ query: "{ __typename }" }), { "x-forwarded-for": caller });

  test("degraded: /readyz is 200 and says what is degraded; requests are served with 1/N of the rate limit", async () => {
    const ready = await readyz();
    assert.equal(ready.status, 200);
    const body = JSON.parse(ready.text) as { status: string; degraded: Array<{ component: string; message: string }> };
    assert.equal(body.status, "degraded");
    assert.equal(body.degraded[0]?.component, "redis");
    assert.match(body.degraded[0]!.message, /1\/3 of each allowance/);
    // ceil(6 / 3) = 2 requests for this caller on this replica while Redis is down.
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await query("192.0.2.10")).status);
    assert.deepEqual(statuses, [200, 200, 429]);
  });

  test("degraded: a subscription is polled locally and follows its activity to the end", async () => {
    const attach = await harness.post(
      JSON.stringify({
        query:
          "mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { ... on AttachInstancesSuccess { scalingActivityId } } }",
        variables: { input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0041" }] } },
      }),
      { "x-forwarded-for": "192.0.2.11" },
    );
    const activityId = (JSON.parse(attach.text) as { data: { attachInstances: { scalingActivityId: string } } }).data.attachInstances
      .scalingActivityId;
    const statuses: string[] = [];
    const done = new Promise<void>((resolveDone, reject) =>
      client.subscribe<{ scalingActivityUpdates: { status: string } }>(
        { query: print(ScalingActivityUpdatesDocument), variables: { regionId: "cn-hangzhou", id: activityId } },
        { next: (event) => void statuses.push(event.data!.scalingActivityUpdates.status), error: reject, complete: resolveDone },
      ),
    );
    await eventually("the first event", () => statuses.length > 0);
    harness.control.advanceClock(3_000);
    await done;
    assert.deepEqual([statuses[0], statuses.at(-1)], ["IN_PROGRESS", "SUCCESSFUL"]);
  });

  test("Redis comes up on its port: /readyz is ready again and the limits are shared (full allowance)", async () => {
    redis = await startRedis(dir, port);
    await eventually("readyz ready", async () => JSON.parse((await readyz()).text).status === "ready");
    const statuses = [];
    for (let index = 0; index < 7; index += 1) statuses.push((await query("192.0.2.12")).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429], harness.logLines.filter((line) => /redis/i.test(line)).join("\n"));
  });

  test("the password never appears in a log line or /readyz", async () => {
    assert.ok(
      harness.logLines.some((line) => line.includes("redis://default:***@127.0.0.1")),
      "the redacted URL is logged",
    );
    for (const line of harness.logLines) assert.ok(!line.includes(PASSWORD), line);
    assert.ok(!(await readyz()).text.includes(PASSWORD));
  });
});
