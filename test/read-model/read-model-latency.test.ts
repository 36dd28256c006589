import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ScalingGroupInstancesEligibilityDocument } from "../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";
import { BIG_GROUP, readModelTestWorld, REGION, TARGET_GROUP } from "./read-model-test.world";

const LATENCY_MS = 50;

/**
 * The dependent round trips of `ScalingGroupInstancesEligibility` (BIG_GROUP's first 100 instances,
 * each checked against TARGET_GROUP):
 * 1. DescribeScalingGroups (the root field needs the group to exist);
 * 2. DescribeScalingInstances, the group's first page (`instances`);
 * 3. DescribeInstances, one batch for the 100 members (`instance`);
 * 4. the eligibility facts, all at once: the target group, its in-progress activities, its
 *    configuration, load balancer and DB instance (the memberships came with step 2);
 * 5. what depends on step 4: the configuration's security group, the DB whitelist.
 */
const DEPENDENCY_DEPTH = 5;

describe("latency follows the critical path, not the number of calls", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ world: readModelTestWorld() });
  });
  after(() => harness.close());

  test(`with ${LATENCY_MS} ms on every action, the query takes ≈ ${DEPENDENCY_DEPTH} × ${LATENCY_MS} ms`, async () => {
    const variables = { regionId: REGION, id: BIG_GROUP, first: 100, targetScalingGroupId: TARGET_GROUP };
    // Warm up (JIT, keep-alive sockets) without latency, so the measurement is of the round trips.
    await harness.execute(ScalingGroupInstancesEligibilityDocument, variables);

    harness.control.setFault("*", { latencyMs: LATENCY_MS });
    harness.control.resetCallCounts();
    const started = performance.now();
    const response = await harness.execute(ScalingGroupInstancesEligibilityDocument, variables);
    const elapsed = performance.now() - started;
    harness.control.clearFaults();

    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    const nodes = response.data!.scalingGroup!.instances.nodes;
    assert.equal(nodes.length, 100);
    // Members of BIG_GROUP are in a group already: the one blocker each is InUse.
    assert.ok(nodes.every((node) => node.instance?.attachEligibility.blockers.map((blocker) => blocker.__typename).join() === "InstanceInUseError"));

    const calls = Object.values(harness.control.callCounts()).reduce((sum, count) => sum + count, 0);
    const critical = DEPENDENCY_DEPTH * LATENCY_MS;
    const ratio = elapsed / critical;
    assert.ok(elapsed >= critical, `${elapsed.toFixed(0)} ms is below the ${critical} ms the dependent round trips need`);
    assert.ok(ratio < 1.6, `elapsed ${elapsed.toFixed(0)} ms is ${ratio.toFixed(2)} × the critical path (${critical} ms)`);
    assert.ok(calls >= 9, `expected the query to make at least 9 calls, made ${calls}`);
    assert.ok(elapsed < 0.75 * calls * LATENCY_MS, `elapsed ${elapsed.toFixed(0)} ms is not well below ${calls} calls × ${LATENCY_MS} ms`);
  });
});
