import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { ScalingActivityUpdatesDocument } from "../../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** What the socket answers a subscribe with: its first event, or the error that refused it. */
async function firstAnswer(
  client: Client,
  variables: Record<string, unknown>,
): Promise<{ errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  try {
    const iterator = client.iterate({ query: print(ScalingActivityUpdatesDocument), variables })[Symbol.asyncIterator]();
    const step = await iterator.next();
    await iterator.return?.();
    return JSON.parse(JSON.stringify(step.value ?? {}));
  } catch (errors) {
    return { errors: JSON.parse(JSON.stringify(errors)) };
  }
}

/** The read queries' region and ID rules hold for the subscription too: nothing malformed is polled. */
describe("scalingActivityUpdates arguments over the socket", () => {
  let harness: GatewayHarness;
  let client: Client;
  before(async () => {
    harness = await startGatewayHarness();
    client = createClient({ url: harness.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });
  after(async () => {
    await client.dispose();
    await harness.close();
  });

  test("parse and validation refusals carry Apollo's codes and a correlation id, as over HTTP", async () => {
    for (const [query, code] of [
      ["subscription { scalingActivityUpdates(", "GRAPHQL_PARSE_FAILED"],
      ["subscription { noSuchField }", "GRAPHQL_VALIDATION_FAILED"],
    ] as const) {
      let errors: Array<{ extensions?: Record<string, unknown> }> = [];
      try {
        const iterator = client.iterate({ query })[Symbol.asyncIterator]();
        await iterator.next();
      } catch (thrown) {
        errors = JSON.parse(JSON.stringify(thrown));
      }
      assert.equal(errors[0]?.extensions?.code, code, JSON.stringify(errors));
      assert.equal(typeof errors[0]?.extensions?.correlationId, "string");
    }
  });

  const cases = [
    ["a malformed regionId", { regionId: "!!", id: "asa-demo-busy-scaleout" }],
    ["an empty regionId", { regionId: "", id: "asa-demo-busy-scaleout" }],
    ["an empty id", { regionId: "cn-hangzhou", id: "" }],
    ["an id of 20,000 characters", { regionId: "cn-hangzhou", id: "a".repeat(20_000) }],
  ] as const;
  for (const [name, variables] of cases) {
    test(`${name} is refused with BAD_USER_INPUT before anything is polled`, async () => {
      harness.control.resetCallCounts();
      const answer = await firstAnswer(client, variables);
      assert.ok(answer.errors && answer.errors.length > 0, JSON.stringify(answer));
      assert.equal(answer.errors[0]!.extensions?.code, "BAD_USER_INPUT", JSON.stringify(answer));
      assert.deepEqual(harness.control.callCounts(), {}, "no upstream call");
    });
  }
});
