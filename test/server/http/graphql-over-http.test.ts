import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const GRAPHQL_RESPONSE = "application/graphql-response+json";

describe("GraphQL over HTTP", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${harness.url}?query=${encodeURIComponent(query)}`, { headers: { accept: GRAPHQL_RESPONSE, ...headers } });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(harness.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  test("POST answers application/graphql-response+json when the client accepts it", async () => {
    const response = await post(
      { query: '{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { id maxSize } }' },
      { accept: GRAPHQL_RESPONSE },
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/graphql-response\+json/);
    assert.deepEqual(await response.json(), { data: { scalingGroup: { id: "asg-demo-web", maxSize: 50 } } });
  });

  test("legacy clients (Accept: application/json, or no Accept) get application/json", async () => {
    for (const headers of [{ accept: "application/json" }, {}] as Array<Record<string, string>>) {
      const response = await post({ query: "{ __typename }" }, headers);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    }
  });

  test("request errors with graphql-response+json: 400 for parse, validation and variable errors", async () => {
    const cases: Array<[unknown, string]> = [
      [{ query: "{ scalingGroup(" }, "GRAPHQL_PARSE_FAILED"],
      [{ query: "{ noSuchField }" }, "GRAPHQL_VALIDATION_FAILED"],
      [{ query: 'query Q($id: ID!) { scalingGroup(regionId: "cn-hangzhou", id: $id) { id } }', variables: {} }, "BAD_USER_INPUT"],
    ];
    for (const [body, code] of cases) {
      const response = await post(body, { accept: GRAPHQL_RESPONSE });
      assert.equal(response.status, 400, code);
      assert.match(response.headers.get("content-type") ?? "", /^application\/graphql-response\+json/);
      const result = (await response.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
      assert.equal(result.data, undefined);
      assert.equal(result.errors[0]!.extensions.code, code);
    }
  });

  test("an Accept the gateway cannot produce gets 406", async () => {
    const response = await post({ query: "{ __typename }" }, { accept: "text/plain" });
    assert.equal(response.status, 406);
  });

  test("GET runs queries (with the CSRF preflight header a frontend sends)", async () => {
    const response = await get("{ __typename }", { "apollo-require-preflight": "true" });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { data: { __typename: "Query" } });
    const named = await get("query Q { __typename }", { "x-apollo-operation-name": "Q" });
    assert.equal(named.status, 200);
  });

  test("GET refuses mutations with 405 and Allow: POST, and nothing changes", async () => {
    const mutation = `mutation { attachInstances(input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0040" }] }) { __typename } }`;
    const response = await get(mutation, { "apollo-require-preflight": "true" });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "POST");
    const members = await harness.upstream.describeScalingInstances({ regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch" });
    assert.equal(members.totalCount, 0);
  });

  test("CSRF prevention: a GET or a simple-content-type POST without a preflight header is refused", async () => {
    const simpleGet = await get("{ __typename }");
    assert.equal(simpleGet.status, 400);
    assert.match(await simpleGet.text(), /Cross-Site Request Forgery/);
    const formPost = await fetch(harness.url, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    assert.equal(formPost.status, 400);
    assert.match(await formPost.text(), /Cross-Site Request Forgery/);
  });

  test("methods other than GET and POST get 405", async () => {
    const response = await fetch(harness.url, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(response.status, 405);
  });
});
