import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { parseGatewayCommand } from "../../../src/server/config/gateway-config.parser";
import { ConfigError } from "../../../src/server/config/config.errors";
import { DEFAULT_RATE_LIMITS } from "../../../src/server/rate-limit/rate-limit.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { firstError, postTypename, rawRequest, tryUpgrade, type RawAnswer } from "../../support/exposure-test-support";

function assertRateLimited(answer: RawAnswer | "open", limit: "requests" | "upstreamCalls"): number {
  assert.notEqual(answer, "open", "the socket must not open");
  const refused = answer as RawAnswer;
  assert.equal(refused.status, 429, refused.text);
  const retryAfter = Number(refused.headers["retry-after"]);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${refused.headers["retry-after"]}`);
  const error = firstError(refused);
  assert.equal(error.extensions.code, "RATE_LIMITED");
  assert.equal(error.extensions.limit, limit);
  assert.equal(error.extensions.retryAfterSeconds, retryAfter);
  assert.equal(typeof error.extensions.correlationId, "string");
  return retryAfter;
}

const GROUPS = JSON.stringify({ query: `{ scalingGroups(regionId: "cn-hangzhou", first: 5) { nodes { id } } }` });

describe("per-caller rate limits: requests", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({
      config: { rateLimits: { requests: 5, upstreamCalls: 0, windowSeconds: 1, trustedProxyHops: 0 } },
    });
  });
  after(() => harness.close());

  test("past the allowance: 429 with Retry-After on HTTP, on the upgrade and on the socket; health and the IDE still answer; recovery after the window", async () => {
    await sleep(1_100); // a fresh window
    // Not lazy: the socket stays open between operations (a lazy client would reconnect, and be refused at the upgrade).
    const client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    try {
      // The socket's upgrade is the window's first request.
      const ok = await new Promise((resolve, reject) =>
        client.subscribe({ query: "{ __typename }" }, { next: resolve, error: reject, complete: () => {} }),
      );
      assert.deepEqual(ok, { data: { __typename: "Query" } });
      for (let index = 0; index < 3; index++) assert.equal((await postTypename(harness.url)).status, 200);
      const retryAfter = assertRateLimited(await postTypename(harness.url), "requests");
      assert.equal(retryAfter, 1, "within a 1 s window");
      assertRateLimited(await tryUpgrade(harness.url), "requests");
      const socketErrors = await new Promise<unknown>((resolve) =>
        client.subscribe({ query: "{ __typename }" }, { next: () => {}, error: resolve, complete: () => resolve("complete") }),
      );
      assert.ok(Array.isArray(socketErrors), "an error message for the operation");
      const socketError = (socketErrors as Array<{ extensions?: Record<string, unknown> }>)[0]!;
      assert.equal(socketError.extensions?.code, "RATE_LIMITED");
      assert.equal(socketError.extensions?.limit, "requests");
      assert.equal(typeof socketError.extensions?.retryAfterSeconds, "number");

      assert.equal((await rawRequest(new URL("/healthz", harness.url).href)).status, 200);
      assert.equal((await rawRequest(new URL("/readyz", harness.url).href)).status, 200);
      assert.equal((await rawRequest(new URL("/ide/", harness.url).href)).status, 200);

      await sleep(retryAfter * 1_000 + 100);
      assert.equal((await postTypename(harness.url)).status, 200, "the next window has a fresh allowance");
    } finally {
      await client.dispose();
    }
  });
});

describe("per-caller rate limits: upstream calls", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({
      config: { rateLimits: { requests: 0, upstreamCalls: 3, windowSeconds: 2, trustedProxyHops: 0 } },
    });
  });
  after(() => harness.close());

  test("every upstream attempt counts; once the allowance is used up, new requests get 429 and make no call; recovery after the window", async () => {
    await sleep(2_100);
    harness.control.resetCallCounts();
    const upstreamCalls = () => Object.values(harness.control.callCounts()).reduce((sum, count) => sum + count, 0);
    let accepted = 0;
    let refused: RawAnswer | undefined;
    while (refused === undefined && accepted < 10) {
      const answer = await rawRequest(harness.url, { method: "POST", headers: { "content-type": "application/json" }, body: GROUPS });
      if (answer.status === 429) refused = answer;
      else {
        assert.equal(answer.status, 200, answer.text);
        accepted += 1;
      }
    }
    assert.ok(refused !== undefined, "refused within 10 requests");
    const retryAfter = assertRateLimited(refused, "upstreamCalls");
    assert.ok(retryAfter <= 2);
    const spent = upstreamCalls();
    assert.ok(spent >= 3, `the accepted requests made ${spent} calls, the allowance is 3`);
    assert.equal(
      (await rawRequest(harness.url, { method: "POST", headers: { "content-type": "application/json" }, body: GROUPS })).status,
      429,
    );
    assert.equal(upstreamCalls(), spent, "refused requests made no upstream call");

    // Retried attempts count too: with every DescribeScalingGroups failing, one request spends all 4 attempts.
    await sleep(retryAfter * 1_000 + 100);
    harness.control.setFault("DescribeScalingGroups", { serviceUnavailableRate: 1 });
    try {
      harness.control.resetCallCounts();
      const failed = await rawRequest(harness.url, { method: "POST", headers: { "content-type": "application/json" }, body: GROUPS });
      assert.equal(failed.status, 200);
      assert.equal(upstreamCalls(), 4, "four attempts");
      assertRateLimited(await postTypename(harness.url), "upstreamCalls");
    } finally {
      harness.control.clearFaults();
    }
  });
});

describe("per-caller rate limits: who the caller is", () => {
  test("X-Forwarded-For is ignored unless proxies are trusted; then each forwarded client has its own allowance", async () => {
    const limits = { requests: 2, upstreamCalls: 0, windowSeconds: 60 };
    const direct = await startGatewayHarness({ config: { rateLimits: { ...limits, trustedProxyHops: 0 } } });
    try {
      for (const client of ["198.51.100.1", "198.51.100.2"])
        assert.equal((await postTypename(direct.url, { "x-forwarded-for": client })).status, 200);
      assertRateLimited(await postTypename(direct.url, { "x-forwarded-for": "198.51.100.3" }), "requests");
    } finally {
      await direct.close();
    }
    const proxied = await startGatewayHarness({ config: { rateLimits: { ...limits, trustedProxyHops: 1 } } });
    try {
      for (let index = 0; index < 2; index++)
        assert.equal((await postTypename(proxied.url, { "x-forwarded-for": "198.51.100.1" })).status, 200);
      assertRateLimited(await postTypename(proxied.url, { "x-forwarded-for": "198.51.100.1" }), "requests");
      // A client cannot pick another identity by prepending entries: the proxy's own entry (rightmost) is the one believed.
      assertRateLimited(await postTypename(proxied.url, { "x-forwarded-for": "203.0.113.9, 198.51.100.1" }), "requests");
      assert.equal((await postTypename(proxied.url, { "x-forwarded-for": "198.51.100.2" })).status, 200);
    } finally {
      await proxied.close();
    }
  });
});

describe("per-caller rate limits: settings", () => {
  test("defaults, environment and flags (flags win), 0 turns a limit off; bad values name the setting", () => {
    const config = (env: Record<string, string>, argv: string[] = []) => {
      const command = parseGatewayCommand(env, argv);
      assert.equal(command.kind, "start");
      return command.kind === "start" ? command.config.rateLimits : undefined;
    };
    assert.deepEqual(config({}), DEFAULT_RATE_LIMITS);
    assert.deepEqual(
      config(
        {
          ESS_GATEWAY_RATE_LIMIT_REQUESTS: "10",
          ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS: "0",
          ESS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS: "5",
          ESS_GATEWAY_TRUST_PROXY_HOPS: "1",
        },
        ["--rate-limit-requests", "20"],
      ),
      { requests: 20, upstreamCalls: 0, windowSeconds: 5, trustedProxyHops: 1 },
    );
    for (const [env, pattern] of [
      [{ ESS_GATEWAY_RATE_LIMIT_REQUESTS: "-1" }, /ESS_GATEWAY_RATE_LIMIT_REQUESTS \(--rate-limit-requests\)/],
      [{ ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS: "many" }, /ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS/],
      [{ ESS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS: "0" }, /ESS_GATEWAY_RATE_LIMIT_WINDOW_SECONDS/],
      [{ ESS_GATEWAY_TRUST_PROXY_HOPS: "true" }, /ESS_GATEWAY_TRUST_PROXY_HOPS/],
    ] as const) {
      assert.throws(
        () => parseGatewayCommand(env, []),
        (error: unknown) => error instanceof ConfigError && pattern.test(error.message),
      );
    }
  });
});
