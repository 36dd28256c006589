import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const QUERY = 'query GroupSize($id: ID!) { scalingGroup(regionId: "cn-hangzhou", id: $id) { id maxSize } }';
const HASH = createHash("sha256").update(QUERY).digest("hex");
const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe("Automatic persisted queries", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  test("hash miss → PersistedQueryNotFound → register with the query → hash-only hit", async () => {
    const variables = { id: "asg-demo-web" };
    const miss = await post(harness.url, { variables, extensions: persisted(HASH) });
    assert.equal(miss.status, 200);
    assert.equal(miss.body.errors?.[0]?.message, "PersistedQueryNotFound");
    assert.equal(miss.body.errors?.[0]?.extensions.code, "PERSISTED_QUERY_NOT_FOUND");

    const register = await post(harness.url, { query: QUERY, variables, extensions: persisted(HASH) });
    assert.equal(register.status, 200);
    assert.deepEqual(register.body, { data: { scalingGroup: { id: "asg-demo-web", maxSize: 50 } } });

    const hit = await post(harness.url, { variables: { id: "asg-demo-api" }, extensions: persisted(HASH) });
    assert.equal(hit.status, 200);
    assert.deepEqual(hit.body, { data: { scalingGroup: { id: "asg-demo-api", maxSize: 40 } } });
  });

  test("a query whose hash does not match is refused with 400 and not registered", async () => {
    const wrongHash = "0".repeat(64);
    const mismatch = await post(harness.url, { query: QUERY, variables: { id: "asg-demo-web" }, extensions: persisted(wrongHash) });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.errors?.[0]?.extensions.code, "PERSISTED_QUERY_HASH_MISMATCH");
    assert.match(mismatch.body.errors?.[0]?.message ?? "", /is not the SHA-256 of the query/);
    const stillMissing = await post(harness.url, { variables: { id: "asg-demo-web" }, extensions: persisted(wrongHash) });
    assert.equal(stillMissing.body.errors?.[0]?.extensions.code, "PERSISTED_QUERY_NOT_FOUND");
  });
});

describe("Automatic persisted queries turned off (ESS_GATEWAY_APQ_ENABLED=false)", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ http: readHttpSettings({ ESS_GATEWAY_APQ_ENABLED: "false" }) });
  });
  after(() => harness.close());

  test("a hash-only request gets PersistedQueryNotSupported; full queries still run", async () => {
    const refused = await post(harness.url, { extensions: persisted(HASH), variables: { id: "asg-demo-web" } });
    assert.equal(refused.body.errors?.[0]?.extensions.code, "PERSISTED_QUERY_NOT_SUPPORTED");
    const plain = await post(harness.url, { query: QUERY, variables: { id: "asg-demo-web" } });
    assert.deepEqual(plain.body, { data: { scalingGroup: { id: "asg-demo-web", maxSize: 50 } } });
  });
});
