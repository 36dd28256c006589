import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** An unpaired surrogate is legal JSON but no request can carry it. */
const LONE = "\ud83d";

/**
 * An ID holding malformed Unicode is refused as input, with nothing sent; and if such a value ever
 * reached the client, it is a definite "nothing was sent", never an open outcome that is retried.
 */
describe("IDs with malformed Unicode", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  const send = async (query: string, variables: Record<string, unknown>) => {
    const response = await harness.post(JSON.stringify({ query, variables }));
    return { status: response.status, body: JSON.parse(response.text) as { data?: any; errors?: any[] } };
  };

  test("attachInstances and detachInstances answer InputValidationError, with no upstream call", async () => {
    harness.control.resetCallCounts();
    const attach = await send(
      "mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on InputValidationError { issues { path constraint } } } }",
      { input: { regionId: "cn-hangzhou", scalingGroupId: `asg-${LONE}`, instances: [{ instanceId: `i-${LONE}` }] } },
    );
    assert.equal(attach.body.data.attachInstances.__typename, "InputValidationError", JSON.stringify(attach.body));
    const constraints = attach.body.data.attachInstances.issues.map((issue: { constraint: string }) => issue.constraint);
    assert.ok(constraints.includes("isWellFormed"), JSON.stringify(constraints));
    const detach = await send("mutation($input: DetachInstancesInput!) { detachInstances(input: $input) { __typename } }", {
      input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-web", instanceIds: [`i-${LONE}`] },
    });
    assert.equal(detach.body.data.detachInstances.__typename, "InputValidationError", JSON.stringify(detach.body));
    assert.deepEqual(harness.control.callCounts(), {});
  });

  test("a read with such an ID is a 400 BAD_USER_INPUT, with no upstream call", async () => {
    harness.control.resetCallCounts();
    const read = await send('query($id: ID!) { scalingGroup(regionId: "cn-hangzhou", id: $id) { id } }', { id: `asg-${LONE}` });
    assert.equal(read.status, 400, JSON.stringify(read.body));
    assert.equal(read.body.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
    assert.deepEqual(harness.control.callCounts(), {});
  });

  test("the upstream client itself: not encodable means nothing was sent, one attempt, no settling", async () => {
    const logged = harness.logLines.length;
    await assert.rejects(
      harness.upstream.attachInstances({
        regionId: "cn-hangzhou",
        scalingGroupId: `asg-${LONE}`,
        instances: [{ instanceId: "i-demo-0090" }],
        clientToken: "lone-1",
      }),
      (error: { code?: string; retryable?: boolean }) => error.code === "RequestNotEncodable" && error.retryable === false,
    );
    const attempts = harness.logLines.slice(logged).filter((line) => line.includes('"code":"RequestNotEncodable"'));
    assert.equal(attempts.length, 1, `one attempt, no retries or replays: ${attempts.join("\n")}`);
  });
});
