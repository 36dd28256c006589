import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { bearer, startAuthGateway } from "../../support/auth-support";

const POLICY = {
  version: 1,
  bindings: [
    {
      name: "services",
      match: { apiKeys: ["busy", "calm"] },
      grants: [{ operations: ["read", "subscribe"], regions: ["cn-hangzhou"], scalingGroups: "*" }],
    },
  ],
};
const QUERY = `{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-batch") { id } }`;

/** The per-caller limits count an authenticated request against its principal. */
describe("rate limits key on the principal", () => {
  test("one principal over its limit gets 429; another from the same address is not slowed, over HTTP and the socket", async () => {
    const gateway = await startAuthGateway({
      policy: POLICY,
      apiKeyNames: ["busy", "calm"],
      rateLimits: { requests: 3, upstreamCalls: 1_000, windowSeconds: 600, trustedProxyHops: 0 },
    });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index += 1) statuses.push((await gateway.graphql(QUERY, {}, bearer(gateway.apiKeys.busy!))).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const refused = await gateway.graphql(QUERY, {}, bearer(gateway.apiKeys.busy!));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get("retry-after")) >= 1);
      // Same address (127.0.0.1), another principal: its own allowance.
      const calm = await gateway.graphql(QUERY, {}, bearer(gateway.apiKeys.calm!));
      assert.equal(calm.status, 200);
      assert.deepEqual(calm.body.data, { scalingGroup: { id: "asg-demo-batch" } });

      // The socket: an operation of the busy principal is refused by its limit, the calm one's runs.
      const run = (key: string) =>
        new Promise<unknown>((resolve) => {
          const client = createClient({
            url: gateway.url.replace(/^http/, "ws"),
            webSocketImpl: WebSocket,
            retryAttempts: 0,
            connectionParams: { Authorization: `Bearer ${key}` },
          });
          client.subscribe(
            { query: QUERY },
            {
              next: (value) => resolve(value),
              error: (error) =>
                resolve({ error: (error as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code ?? String(error) }),
              complete: () => void client.dispose(),
            },
          );
        });
      assert.deepEqual(await run(gateway.apiKeys.busy!), { error: "RATE_LIMITED" });
      assert.deepEqual(await run(gateway.apiKeys.calm!), { data: { scalingGroup: { id: "asg-demo-batch" } } });

      // Failed authentications count against the address: guessing is throttled (429 past the
      // allowance), and that does not slow the principals behind the same address.
      const guesses: number[] = [];
      for (let index = 0; index < 4; index += 1) guesses.push((await gateway.graphql(QUERY, {}, bearer(`essgw_guess-${index}`))).status);
      assert.deepEqual(guesses, [401, 401, 401, 429]);
      assert.equal((await gateway.graphql(QUERY, {}, bearer(gateway.apiKeys.calm!))).status, 200);
    } finally {
      await gateway.close();
    }
  });
});
