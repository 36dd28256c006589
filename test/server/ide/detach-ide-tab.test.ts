import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { EXAMPLE_OPERATIONS } from "../../../ide/example-operations";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** The IDE's Detach tab, run as shipped against the demo world. */
describe("the IDE's Detach tab", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ activity: { mode: "immediate" } });
  });
  after(() => harness.close());

  test("is the last tab, and detaches i-demo-0003 from asg-demo-web (DesiredCapacity 4 → 3)", async () => {
    const tab = EXAMPLE_OPERATIONS.at(-1)!;
    assert.equal(tab.title, "Detach instances");
    const response = await harness.post(JSON.stringify({ query: tab.query, variables: tab.variables }));
    assert.equal(response.status, 200, response.text);
    const result = JSON.parse(response.text) as {
      data: {
        detachInstances: {
          __typename: string;
          scalingActivity: { status: string };
          scalingGroup: { totalCapacity: number; desiredCapacity: number };
        };
      };
      errors?: unknown;
    };
    assert.equal(result.errors, undefined, response.text);
    assert.equal(result.data.detachInstances.__typename, "DetachInstancesSuccess");
    assert.equal(result.data.detachInstances.scalingActivity.status, "SUCCESSFUL");
    assert.deepEqual(
      [result.data.detachInstances.scalingGroup.totalCapacity, result.data.detachInstances.scalingGroup.desiredCapacity],
      [3, 3],
    );
  });
});
