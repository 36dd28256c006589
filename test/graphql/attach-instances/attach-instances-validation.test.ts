import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AttachInstancesDocument, type AttachInstancesMutationVariables } from "../../../operations/__generated__/graphql";
import { attachTestWorld, cleanInstanceId, GROUPS, REGION } from "../../support/attach-test-world";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

type Input = AttachInstancesMutationVariables["input"];
type Issue = { path: string[]; constraint: string };

/** class-validator limits come back as one InputValidationError member, and nothing reaches ESS. */
describe("attachInstances input validation", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness({ world: attachTestWorld() });
  });
  after(async () => {
    await harness.close();
  });

  const instances = (count: number, from = 0) =>
    Array.from({ length: count }, (_, index) => ({ instanceId: cleanInstanceId(from + index) }));

  async function issuesFor(overrides: Partial<Input>): Promise<Issue[]> {
    harness.control.resetCallCounts();
    const response = await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: GROUPS.main, instances: instances(1), ...overrides },
    });
    assert.equal(response.httpStatus, 200);
    assert.equal(response.errors, undefined, "validation failures are data, not top-level errors");
    const result = response.data?.attachInstances;
    assert.equal(result?.__typename, "InputValidationError", JSON.stringify(result));
    if (result?.__typename !== "InputValidationError") return [];
    assert.equal(result.code, "INVALID_INPUT");
    assert.equal(result.requestId, null);
    assert.deepEqual(harness.control.callCounts(), {}, "nothing was sent upstream");
    for (const issue of result.issues) assert.ok(issue.message.length > 0);
    return result.issues.map(({ path, constraint }) => ({ path: [...path], constraint }));
  }

  test("21 instances exceed the limit of 20", async () => {
    assert.deepEqual(await issuesFor({ instances: instances(21) }), [{ path: ["instances"], constraint: "arrayMaxSize" }]);
  });

  test("an empty instance list", async () => {
    assert.deepEqual(await issuesFor({ instances: [] }), [{ path: ["instances"], constraint: "arrayMinSize" }]);
  });

  test("the same instance twice", async () => {
    const duplicate = cleanInstanceId(5);
    assert.deepEqual(
      await issuesFor({ instances: [{ instanceId: duplicate }, { instanceId: cleanInstanceId(6) }, { instanceId: duplicate }] }),
      [{ path: ["instances"], constraint: "arrayUnique" }],
    );
  });

  test("weight 101 at index 3 points at that instance's weight", async () => {
    const list = instances(5).map((instance, index) => (index === 3 ? { ...instance, loadBalancerWeight: 101 } : instance));
    assert.deepEqual(await issuesFor({ instances: list }), [{ path: ["instances", "3", "loadBalancerWeight"], constraint: "max" }]);
  });

  test("a negative weight", async () => {
    assert.deepEqual(await issuesFor({ instances: [{ instanceId: cleanInstanceId(0), loadBalancerWeight: -1 }] }), [
      { path: ["instances", "0", "loadBalancerWeight"], constraint: "min" },
    ]);
  });

  test("a ClientToken of 65 characters", async () => {
    assert.deepEqual(await issuesFor({ clientToken: "t".repeat(65) }), [{ path: ["clientToken"], constraint: "isLength" }]);
  });

  test("a non-ASCII ClientToken", async () => {
    assert.deepEqual(await issuesFor({ clientToken: "tökén-1" }), [{ path: ["clientToken"], constraint: "isAscii" }]);
  });

  test("an empty instance ID and a malformed region", async () => {
    assert.deepEqual(await issuesFor({ regionId: "CN Hangzhou", instances: [{ instanceId: "" }] }), [
      { path: ["regionId"], constraint: "matches" },
      { path: ["instances", "0", "instanceId"], constraint: "isNotEmpty" },
    ]);
  });

  test("every violation is reported at once", async () => {
    const list = [...instances(20), { instanceId: cleanInstanceId(0), loadBalancerWeight: 500 }];
    assert.deepEqual(await issuesFor({ instances: list, clientToken: "x".repeat(70) }), [
      { path: ["instances"], constraint: "arrayUnique" },
      { path: ["instances"], constraint: "arrayMaxSize" },
      { path: ["instances", "20", "loadBalancerWeight"], constraint: "max" },
      { path: ["clientToken"], constraint: "isLength" },
    ]);
  });

  test("validation messages never echo the input", async () => {
    const secretLooking = "token-" + "s".repeat(60);
    const response = await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: GROUPS.main, instances: instances(1), clientToken: secretLooking },
    });
    assert.equal(response.data?.attachInstances?.__typename, "InputValidationError");
    assert.ok(!JSON.stringify(response).includes(secretLooking));
  });

  test("a wrongly typed variable is a top-level BAD_USER_INPUT error (a client bug, not user input)", async () => {
    const response = await harness.post(
      JSON.stringify({
        query: "mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename } }",
        variables: {
          input: { regionId: REGION, scalingGroupId: GROUPS.main, instances: [{ instanceId: "i-1", loadBalancerWeight: "heavy" }] },
        },
      }),
    );
    assert.equal(response.status, 400);
    const body = JSON.parse(response.text) as { errors: Array<{ extensions: { code: string; correlationId: string } }> };
    assert.equal(body.errors[0].extensions.code, "BAD_USER_INPUT");
    assert.equal(typeof body.errors[0].extensions.correlationId, "string");
  });
});
