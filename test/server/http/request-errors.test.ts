import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const GRAPHQL_RESPONSE = "application/graphql-response+json";
const JSON_TYPE = "application/json";

interface ErrorBody {
  data?: unknown;
  errors: Array<{ message: string; extensions: Record<string, unknown> & { code: string; correlationId?: string } }>;
}

/**
 * Requests the gateway must refuse as the caller's mistake (4xx with a code of its own, never
 * INTERNAL_SERVER_ERROR or a 500), before anything runs: no upstream call, nothing changes.
 */
describe("client errors are 4xx with their own code, before execution", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(harness.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: JSON_TYPE, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as ErrorBody };
  };

  /** Sends `body`, expects `status` and `code` with no `data`, the response's correlation id, and no upstream call. */
  const expectRefusal = async (body: unknown, status: number, code: string, headers: Record<string, string> = {}) => {
    harness.control.resetCallCounts();
    const answer = await post(body, headers);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.data, undefined);
    assert.equal(answer.body.errors.length, 1);
    const [error] = answer.body.errors;
    assert.equal(error!.extensions.code, code, error!.message);
    assert.equal(error!.extensions.correlationId, answer.headers.get("x-correlation-id"));
    assert.deepEqual({ ...harness.control.callCounts() }, {});
    return error!;
  };

  test("null for a `Boolean! = false` argument through a nullable variable: 400 BAD_USER_INPUT, not 500", async () => {
    const preflight =
      'query P($e: Boolean, $i: Boolean) { attachPreflight(regionId: "cn-hangzhou", scalingGroupId: "asg-demo-web", instanceIds: ["i-demo-0001"], entrusted: $e, ignoreInvalidInstance: $i) { canAttach } }';
    const entrusted = await expectRefusal({ query: preflight, variables: { e: null } }, 400, "BAD_USER_INPUT");
    assert.match(entrusted.message, /Argument "entrusted" of non-null type "Boolean!" must not be null/);
    const ignore = await expectRefusal({ query: preflight, variables: { i: null } }, 400, "BAD_USER_INPUT");
    assert.match(ignore.message, /"ignoreInvalidInstance"/);
    const onGroup = await expectRefusal(
      {
        query:
          'query G($e: Boolean) { scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { attachPreflight(instanceIds: ["i-demo-0001"], entrusted: $e) { canAttach } } }',
        variables: { e: null },
      },
      400,
      "BAD_USER_INPUT",
    );
    assert.match(onGroup.message, /"entrusted"/);
    const eligibility = await expectRefusal(
      {
        query:
          'query E($e: Boolean) { instance(regionId: "cn-hangzhou", id: "i-demo-0001") { attachEligibility(scalingGroupId: "asg-demo-web", entrusted: $e) { eligible } } }',
        variables: { e: null },
      },
      400,
      "BAD_USER_INPUT",
    );
    assert.match(eligibility.message, /"entrusted"/);
    // The same for an input field with a default (`loadBalancerWeight: Int! = 50`) fed by a nullable variable.
    const weight = await expectRefusal(
      {
        query:
          'mutation A($w: Int) { attachInstances(input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0040", loadBalancerWeight: $w }] }) { __typename } }',
        variables: { w: null },
      },
      400,
      "BAD_USER_INPUT",
    );
    assert.match(weight.message, /Argument "input" has invalid value/);
    // Omitting the variable still takes the default.
    const omitted = await post({ query: preflight, variables: {} });
    assert.equal(omitted.status, 200);
    assert.deepEqual(omitted.body.errors, undefined);
  });

  test("null for `first: Int = 20` means the default", async () => {
    const answer = await post({
      query: 'query L($n: Int) { scalingGroups(regionId: "cn-hangzhou", first: $n) { edges { cursor } } }',
      variables: { n: null },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.errors, undefined);
  });

  for (const accept of [JSON_TYPE, GRAPHQL_RESPONSE]) {
    test(`argument validation (first: -1, first: 101, 101 IDs) is a 400 request error with ${accept}`, async () => {
      const headers = { accept };
      const negative = await expectRefusal(
        { query: '{ scalingGroups(regionId: "cn-hangzhou", first: -1) { totalCount } }' },
        400,
        "BAD_USER_INPUT",
        headers,
      );
      assert.equal(negative.message, "Argument Validation Error");
      assert.deepEqual(negative.extensions.validationErrors, [
        { property: "first", children: [], constraints: { min: "first must not be less than 0" } },
      ]);
      assert.equal(negative.extensions.field, "scalingGroups");
      const nested = await expectRefusal(
        { query: '{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { instances(first: 101) { totalCount } } }' },
        400,
        "BAD_USER_INPUT",
        headers,
      );
      assert.equal(nested.extensions.field, "instances");
      const ids = Array.from({ length: 101 }, (_, index) => `i-demo-${String(index).padStart(4, "0")}`);
      const many = await expectRefusal(
        { query: 'query I($ids: [ID!]!) { instances(regionId: "cn-hangzhou", ids: $ids) { id } }', variables: { ids } },
        400,
        "BAD_USER_INPUT",
        headers,
      );
      assert.match(JSON.stringify(many.extensions.validationErrors), /At most 100 instance IDs per query/);
      const filter = await expectRefusal(
        { query: '{ scalingGroups(regionId: "cn-hangzhou", filter: { name: "" }) { totalCount } }' },
        400,
        "BAD_USER_INPUT",
        headers,
      );
      assert.match(JSON.stringify(filter.extensions.validationErrors), /"property":"name"/);
      const unknownStatus = await expectRefusal(
        { query: '{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { activities(status: UNKNOWN) { totalCount } } }' },
        400,
        "BAD_USER_INPUT",
        headers,
      );
      assert.match(JSON.stringify(unknownStatus.extensions.validationErrors), /status cannot be UNKNOWN/);
    });
  }

  test("a subscription over HTTP POST: 400 SUBSCRIPTION_REQUIRES_WEBSOCKET naming the WebSocket endpoint; nothing runs", async () => {
    const before = harness.logLines.length;
    const error = await expectRefusal(
      { query: 'subscription { scalingActivityUpdates(regionId: "cn-hangzhou", id: "asa-none") { id } }' },
      400,
      "SUBSCRIPTION_REQUIRES_WEBSOCKET",
    );
    assert.match(error.message, /WebSocket/);
    assert.match(error.message, /\/graphql/);
    assert.match(error.message, /graphql-transport-ws/);
    assert.ok(!harness.logLines.slice(before).some((line) => line.includes('"level":"error"')), "no error was logged");
    // Over GET Apollo refuses any non-query with 405 first.
    const get = await fetch(
      `${harness.url}?query=${encodeURIComponent('subscription { scalingActivityUpdates(regionId: "cn-hangzhou", id: "x") { id } }')}`,
      {
        headers: { "apollo-require-preflight": "true" },
      },
    );
    assert.equal(get.status, 405);
  });

  test("APQ: an unsupported version and a hash mismatch are 400 with their own codes; nothing is stored", async () => {
    const query = "{ __typename }";
    const version = await expectRefusal(
      { query, extensions: { persistedQuery: { version: 2, sha256Hash: "abc" } } },
      400,
      "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
    );
    assert.match(version.message, /version must be 1/);
    const hashOnlyVersion = await expectRefusal(
      { extensions: { persistedQuery: { version: 2, sha256Hash: "abc" } } },
      400,
      "PERSISTED_QUERY_VERSION_NOT_SUPPORTED",
    );
    assert.match(hashOnlyVersion.message, /version/);

    const wrongHash = "f".repeat(64);
    const mismatch = await expectRefusal(
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: wrongHash } } },
      400,
      "PERSISTED_QUERY_HASH_MISMATCH",
    );
    assert.match(mismatch.message, /not the SHA-256 of the query/);
    const notStored = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: wrongHash } } });
    assert.equal(notStored.body.errors[0]!.extensions.code, "PERSISTED_QUERY_NOT_FOUND");

    // The right hash still registers and runs.
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const registered = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    assert.deepEqual(registered.body, { data: { __typename: "Query" } });
  });

  test("the CSRF refusal carries the correlation id and a message without a stray newline", async () => {
    for (const request of [
      fetch(`${harness.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: GRAPHQL_RESPONSE } }),
      fetch(harness.url, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ query: "{ __typename }" }) }),
      fetch(harness.url, { method: "POST", headers: { "content-type": "text/plain", "apollo-require-preflight": "" }, body: "{}" }),
    ]) {
      const response = await request;
      assert.equal(response.status, 400);
      const body = (await response.json()) as ErrorBody;
      assert.equal(body.errors.length, 1);
      const [error] = body.errors;
      assert.equal(error!.extensions.code, "BAD_REQUEST");
      assert.equal(error!.extensions.correlationId, response.headers.get("x-correlation-id"));
      assert.match(error!.message, /Cross-Site Request Forgery \(CSRF\)/);
      assert.equal(error!.message, error!.message.trim());
      assert.match(error!.message, /apollo-require-preflight/);
    }
    const graphqlResponse = await fetch(`${harness.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: GRAPHQL_RESPONSE },
    });
    assert.match(graphqlResponse.headers.get("content-type") ?? "", /^application\/graphql-response\+json/);
    // A caller-chosen correlation id is echoed in the refusal too.
    const chosen = await fetch(harness.url, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-correlation-id": "csrf-check-0001" },
      body: "{}",
    });
    assert.equal(((await chosen.json()) as ErrorBody).errors[0]!.extensions.correlationId, "csrf-check-0001");
    // Preflight headers and JSON bodies pass.
    const withHeader = await fetch(`${harness.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    assert.equal(withHeader.status, 200);
  });
});
