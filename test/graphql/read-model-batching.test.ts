import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { InstancesEligibilityDocument, ScalingGroupAttachPreflightDocument } from "../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";
import { expectedCounts, sortedCounts } from "../support/read-model.harness";
import { freeInstanceId, readModelTestWorld, REGION, TARGET_GROUP } from "../support/read-model-test.world";

/**
 * The calls the target group's own facts cost, once per request whatever N is: the group, its
 * in-progress activities, its configuration and that configuration's security group, its load
 * balancer, and its DB instance (attribute + whitelist).
 */
const GROUP_FACT_CALLS = {
  DescribeScalingGroups: 1,
  DescribeScalingActivities: 1,
  DescribeScalingConfigurations: 1,
  DescribeSecurityGroups: 1,
  DescribeLoadBalancerAttribute: 1,
  DescribeDBInstanceAttribute: 1,
  DescribeDBInstanceIPArrayList: 1,
};

const ids = (count: number): string[] => Array.from({ length: count }, (_, index) => freeInstanceId(index));

describe("eligibility of N instances against one group is batched exactly", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ world: readModelTestWorld() });
  });
  after(() => harness.close());

  for (const n of [1, 20, 100, 250]) {
    test(`attachPreflight of ${n}: ⌈N/100⌉ DescribeInstances, ⌈N/20⌉ DescribeScalingInstances, group facts once`, async () => {
      harness.control.resetCallCounts();
      const response = await harness.execute(ScalingGroupAttachPreflightDocument, {
        regionId: REGION,
        id: TARGET_GROUP,
        instanceIds: ids(n),
      });
      assert.equal(response.errors, undefined, JSON.stringify(response.errors));
      assert.deepEqual(
        sortedCounts(harness.control.callCounts()),
        expectedCounts({
          ...GROUP_FACT_CALLS,
          DescribeInstances: Math.ceil(n / 100),
          DescribeScalingInstances: Math.ceil(n / 20),
        }),
      );
      const preflight = response.data!.scalingGroup!.attachPreflight;
      assert.equal(preflight.instances.length, n);
      assert.ok(preflight.instances.every((entry) => entry.eligible && entry.instance?.status === "RUNNING"));
      assert.deepEqual(JSON.parse(JSON.stringify(preflight.groupBlockers)), []);
      // One AttachInstances call takes at most 20 instances: beyond that, the request itself is the only blocker.
      assert.equal(preflight.canAttach, n <= 20);
      assert.deepEqual(
        preflight.blockers.map((blocker) =>
          blocker.__typename === "InputValidationError" ? blocker.issues.map((issue) => issue.constraint) : blocker.__typename,
        ),
        n <= 20 ? [] : [["arrayMaxSize"]],
      );
    });
  }

  for (const n of [1, 20, 100]) {
    test(`instances(ids) × attachEligibility for ${n}: one batch per loader, group facts once`, async () => {
      harness.control.resetCallCounts();
      const response = await harness.execute(InstancesEligibilityDocument, { regionId: REGION, ids: ids(n), scalingGroupId: TARGET_GROUP });
      assert.equal(response.errors, undefined, JSON.stringify(response.errors));
      assert.deepEqual(
        sortedCounts(harness.control.callCounts()),
        expectedCounts({
          ...GROUP_FACT_CALLS,
          DescribeInstances: Math.ceil(n / 100),
          DescribeScalingInstances: Math.ceil(n / 20),
        }),
      );
      const instances = response.data!.instances;
      assert.deepEqual(
        instances.map((instance) => instance?.id),
        ids(n),
      );
      assert.ok(instances.every((instance) => instance?.attachEligibility.eligible === true));
    });
  }
});
