import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AttachInstancesDocument, AttachPreflightDocument, InstancesEligibilityDocument } from "../../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The mutation's issues in the preflight's argument paths (`instances.N.instanceId` → `instanceIds.N`). */
function asPreflightIssues(issues: ReadonlyArray<{ path: readonly string[]; constraint: string; message: string }>) {
  return issues
    .filter((issue) => issue.path[0] !== "instances" || issue.path[2] === "instanceId")
    .map((issue) => ({ ...issue, path: issue.path[0] === "instances" ? ["instanceIds", issue.path[1]!] : [...issue.path] }));
}

/**
 * A malformed region, group or instance ID gets the same answer from the preflight as from the
 * mutation (an `InputValidationError` with the mutation's issues), and neither calls Alibaba Cloud.
 */
describe("attachPreflight answers malformed IDs as attachInstances does", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  const CASES = [
    { name: 'regionId "!!"', regionId: "!!", scalingGroupId: "asg-demo-web", instanceIds: ["i-demo-0001"] },
    { name: "empty regionId", regionId: "", scalingGroupId: "asg-demo-web", instanceIds: ["i-demo-0001"] },
    {
      name: "over-long scalingGroupId",
      regionId: "cn-hangzhou",
      scalingGroupId: "asg-" + "x".repeat(20_000),
      instanceIds: ["i-demo-0001"],
    },
    {
      name: "empty and over-long instance IDs",
      regionId: "cn-hangzhou",
      scalingGroupId: "asg-demo-web",
      instanceIds: ["i-demo-0001", "", "i-" + "y".repeat(100)],
    },
  ];

  for (const target of CASES) {
    test(`${target.name}: the first blocker is the mutation's InputValidationError, and nothing is called`, async () => {
      harness.control.resetCallCounts();
      const preflight = await harness.execute(AttachPreflightDocument, {
        regionId: target.regionId,
        scalingGroupId: target.scalingGroupId,
        instanceIds: target.instanceIds,
      });
      assert.equal(preflight.errors, undefined, JSON.stringify(preflight.errors));
      const verdict = preflight.data!.attachPreflight;
      assert.deepEqual({ ...harness.control.callCounts() }, {}, "the preflight looked nothing up");

      const attach = await harness.execute(AttachInstancesDocument, {
        input: {
          regionId: target.regionId,
          scalingGroupId: target.scalingGroupId,
          instances: target.instanceIds.map((instanceId) => ({ instanceId })),
        },
      });
      assert.equal(attach.errors, undefined, JSON.stringify(attach.errors));
      const result = attach.data!.attachInstances!;
      assert.equal(result.__typename, "InputValidationError");
      assert.deepEqual({ ...harness.control.callCounts() }, {}, "the mutation called nothing either");

      assert.equal(verdict.canAttach, false);
      assert.equal(verdict.blockers.length, 1);
      const first = verdict.blockers[0]!;
      assert.equal(first.__typename, "InputValidationError");
      if (first.__typename !== "InputValidationError" || result.__typename !== "InputValidationError") return;
      assert.equal(first.code, result.code);
      assert.equal(first.message, result.message);
      assert.deepEqual(plain(first.issues), asPreflightIssues(plain(result.issues)));
      assert.deepEqual(plain(verdict.requestBlockers), plain(verdict.blockers));
      assert.deepEqual(plain(verdict.groupBlockers), []);
      assert.deepEqual(plain(verdict.attachedInstanceIds), []);
    });
  }

  test("malformed IDs come first, beside the preflight's own request problems", async () => {
    const preflight = await harness.execute(AttachPreflightDocument, {
      regionId: "!!",
      scalingGroupId: "asg-demo-web",
      instanceIds: ["i-demo-0001", "i-demo-0001"],
    });
    const first = preflight.data!.attachPreflight.blockers[0]!;
    assert.equal(first.__typename, "InputValidationError");
    if (first.__typename !== "InputValidationError") return;
    assert.deepEqual(
      first.issues.map((issue) => [issue.path.join("."), issue.constraint]),
      [
        ["regionId", "matches"],
        ["instanceIds", "arrayUnique"],
      ],
    );
  });

  test("attachEligibility: a malformed scalingGroupId is the mutation's InputValidationError", async () => {
    harness.control.resetCallCounts();
    const response = await harness.execute(InstancesEligibilityDocument, {
      regionId: "cn-hangzhou",
      ids: ["i-demo-0001"],
      scalingGroupId: "",
    });
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    const blockers = response.data!.instances[0]!.attachEligibility.blockers;
    assert.equal(blockers.length, 1);
    assert.equal(blockers[0]!.__typename, "InputValidationError");
    if (blockers[0]!.__typename !== "InputValidationError") return;
    assert.deepEqual(plain(blockers[0]!.issues.map((issue) => issue.path)), [["scalingGroupId"]]);
    // Only the instance itself was read (DescribeInstances), not the group.
    assert.deepEqual(Object.keys(harness.control.callCounts()), ["DescribeInstances"]);
  });

  test("well-formed IDs still get the cloud's answer", async () => {
    const preflight = await harness.execute(AttachPreflightDocument, {
      regionId: "cn-hangzhou",
      scalingGroupId: "asg-does-not-exist",
      instanceIds: ["i-demo-0001"],
    });
    assert.equal(preflight.data!.attachPreflight.blockers[0]!.__typename, "ScalingGroupNotFoundError");
  });
});
