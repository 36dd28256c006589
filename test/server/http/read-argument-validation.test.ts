import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { REGION_ID_MESSAGE, RESOURCE_ID_MAX_LENGTH } from "../../../src/graphql/common/resource-id.rules";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
}

/**
 * Read queries check `regionId` and IDs with the rules of the attach mutation's input: a malformed
 * region or an over-long ID is a BAD_USER_INPUT request error (400), never an UPSTREAM_ERROR, a
 * silent null, or a call to Alibaba Cloud.
 */
describe("read arguments get the mutation's region and ID checks", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  const post = async (query: string, variables: Record<string, unknown>): Promise<Answer> => {
    const response = await fetch(harness.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  };

  const LONG_ID = "asg-" + "x".repeat(20_000);
  const READS: Array<{ name: string; query: string; idVariable: string }> = [
    { name: "scalingGroup", query: "query Q($r: String!, $id: ID!) { scalingGroup(regionId: $r, id: $id) { id } }", idVariable: "id" },
    {
      name: "scalingActivity",
      query: "query Q($r: String!, $id: ID!) { scalingActivity(regionId: $r, id: $id) { id } }",
      idVariable: "id",
    },
    { name: "instance", query: "query Q($r: String!, $id: ID!) { instance(regionId: $r, id: $id) { id } }", idVariable: "id" },
    { name: "instances", query: "query Q($r: String!, $id: ID!) { instances(regionId: $r, ids: [$id]) { id } }", idVariable: "id" },
  ];

  const expectBadUserInput = (answer: Answer, property: string, message?: RegExp) => {
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.data, undefined);
    const error = answer.body.errors?.[0];
    assert.equal(error?.extensions.code, "BAD_USER_INPUT", JSON.stringify(answer.body));
    const text = JSON.stringify(error?.extensions.validationErrors);
    assert.match(text, new RegExp(`"property":"${property}"`));
    if (message) assert.match(text, message);
  };

  for (const { name, query, idVariable } of READS) {
    test(`${name}: an empty or malformed regionId and an over-long ID are BAD_USER_INPUT and call nothing`, async () => {
      harness.control.resetCallCounts();
      for (const regionId of ["", "!!!", "CN-HANGZHOU", "cn-" + "h".repeat(100)]) {
        expectBadUserInput(await post(query, { r: regionId, [idVariable]: "asg-demo-web" }), "regionId");
      }
      expectBadUserInput(
        await post(query, { r: "cn-hangzhou", [idVariable]: LONG_ID }),
        name === "instances" ? "ids" : "id",
        new RegExp(`${RESOURCE_ID_MAX_LENGTH} characters`),
      );
      expectBadUserInput(
        await post(query, { r: "cn-hangzhou", [idVariable]: "" }),
        name === "instances" ? "ids" : "id",
        /should not be empty/,
      );
      assert.deepEqual({ ...harness.control.callCounts() }, {});
    });
  }

  test("the region message is the mutation's", async () => {
    const answer = await post(READS[0]!.query, { r: "!!!", id: "asg-demo-web" });
    assert.match(JSON.stringify(answer.body.errors?.[0]?.extensions.validationErrors), new RegExp(REGION_ID_MESSAGE));
  });

  test("scalingGroups: a malformed regionId is BAD_USER_INPUT and calls nothing", async () => {
    harness.control.resetCallCounts();
    expectBadUserInput(await post("query Q($r: String!) { scalingGroups(regionId: $r) { totalCount } }", { r: "" }), "regionId");
    assert.deepEqual({ ...harness.control.callCounts() }, {});
  });

  test("well-formed arguments still read: a group that does not exist is null, an existing one is found", async () => {
    const missing = await post(READS[0]!.query, { r: "cn-hangzhou", id: "asg-does-not-exist" });
    assert.deepEqual(missing.body, { data: { scalingGroup: null } });
    const found = await post(READS[0]!.query, { r: "cn-hangzhou", id: "asg-demo-web" });
    assert.deepEqual(found.body, { data: { scalingGroup: { id: "asg-demo-web" } } });
  });
});
