import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** docs/graphql-api.md: every top-level error carries `extensions.correlationId`, request-shape refusals included. */
describe("request bodies that are not one GraphQL request", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  const cases: Array<[string, unknown]> = [
    ["a batch", [{ query: "{ __typename }" }]],
    ["variables that are a string", { query: "{ __typename }", variables: "notobj" }],
    ["an operationName that is a number", { query: "{ __typename }", operationName: 5 }],
    ["a query that is a number", { query: 5 }],
    ["extensions that are an array", { query: "{ __typename }", extensions: [] }],
  ];
  for (const [name, body] of cases) {
    test(`${name}: 400 BAD_REQUEST with the correlation id, nothing executed`, async () => {
      const response = await harness.post(JSON.stringify(body));
      assert.equal(response.status, 400, response.text);
      const parsed = JSON.parse(response.text) as {
        data?: unknown;
        errors: Array<{ extensions: { code: string; correlationId: string } }>;
      };
      assert.equal(parsed.data, undefined);
      assert.equal(parsed.errors[0]!.extensions.code, "BAD_REQUEST");
      assert.equal(parsed.errors[0]!.extensions.correlationId, response.headers.get("x-correlation-id"));
    });
  }
});
