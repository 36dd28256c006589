import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  InstanceDocument,
  InstancesEligibilityDocument,
  ScalingGroupActivitiesDocument,
  ScalingGroupInstancesDocument,
  ScalingGroupsDocument,
  type ScalingGroupInstancesQuery,
  type ScalingGroupsQuery,
} from "../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness, type GraphQLResponse } from "../support/gateway-harness";
import { sortedCounts } from "../support/read-model.harness";
import {
  BIG_GROUP,
  BIG_GROUP_SIZE,
  bigMemberId,
  freeInstanceId,
  GROUP_COUNT,
  readModelTestWorld,
  REGION,
  TARGET_GROUP,
} from "../support/read-model-test.world";

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe("connections page correctly", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ world: readModelTestWorld() });
  });
  after(() => harness.close());

  test("scalingGroups pages forward to the end, with upstream pages of 50", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    harness.control.resetCallCounts();
    for (;;) {
      const response: GraphQLResponse<ScalingGroupsQuery> = await harness.execute(ScalingGroupsDocument, {
        regionId: REGION,
        first: 40,
        after,
      });
      assert.equal(response.errors, undefined, JSON.stringify(response.errors));
      const connection = response.data!.scalingGroups;
      assert.equal(connection.totalCount, GROUP_COUNT);
      assert.equal(connection.pageInfo.hasPreviousPage, after !== null);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
      assert.ok(after);
    }
    assert.equal(pages, Math.ceil(GROUP_COUNT / 40));
    assert.equal(seen.length, GROUP_COUNT);
    assert.equal(new Set(seen).size, GROUP_COUNT);
    // Windows [0,40) [40,80) [80,120) [120,160) over pages of 50: pages 1 | 1,2 | 2,3 | 3,4. A window's
    // pages are read concurrently, before the total is known, so the last one also reads page 4 (empty).
    assert.deepEqual(sortedCounts(harness.control.callCounts()), { DescribeScalingGroups: 7 });
  });

  test("after the last cursor comes an empty page", async () => {
    const all = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 100, after: null });
    const firstPage = all.data!.scalingGroups;
    const rest = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 100, after: firstPage.pageInfo.endCursor });
    const last = rest.data!.scalingGroups;
    assert.equal(last.edges.length, GROUP_COUNT - 100);
    const empty = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 10, after: last.pageInfo.endCursor });
    assert.equal(empty.errors, undefined);
    assert.deepEqual(plain(empty.data!.scalingGroups), {
      totalCount: GROUP_COUNT,
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      edges: [],
    });
    const none = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 0, after: null });
    assert.deepEqual(plain(none.data!.scalingGroups.pageInfo), {
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  test("filters: exact name, and lifecycle state (filtered in the gateway)", async () => {
    const byName = await harness.execute(ScalingGroupsDocument, { regionId: REGION, filter: { name: "target" }, first: 10, after: null });
    assert.deepEqual(
      byName.data!.scalingGroups.edges.map((edge) => edge.node.id),
      [TARGET_GROUP],
    );
    const inactive = await harness.execute(ScalingGroupsDocument, {
      regionId: REGION,
      filter: { lifecycleState: "INACTIVE" },
      first: 10,
      after: null,
    });
    assert.deepEqual(plain(inactive.data!.scalingGroups.edges.map((edge) => [edge.node.id, edge.node.lifecycleState])), [
      ["asg-sleeping", "INACTIVE"],
    ]);
    assert.equal(inactive.data!.scalingGroups.totalCount, 1);
    const active = await harness.execute(ScalingGroupsDocument, {
      regionId: REGION,
      filter: { lifecycleState: "ACTIVE" },
      first: 5,
      after: null,
    });
    assert.equal(active.data!.scalingGroups.totalCount, GROUP_COUNT - 1);
  });

  test("a group's instances page across upstream pages of 100", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    harness.control.resetCallCounts();
    for (;;) {
      const response: GraphQLResponse<ScalingGroupInstancesQuery> = await harness.execute(ScalingGroupInstancesDocument, {
        regionId: REGION,
        id: BIG_GROUP,
        first: 60,
        after,
      });
      assert.equal(response.errors, undefined, JSON.stringify(response.errors));
      const connection = response.data!.scalingGroup!.instances;
      assert.equal(connection.totalCount, BIG_GROUP_SIZE);
      for (const edge of connection.edges) {
        assert.equal(edge.node.instance?.id, edge.node.instanceId);
        seen.push(edge.node.instanceId);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    assert.deepEqual(seen.sort(), Array.from({ length: BIG_GROUP_SIZE }, (_, index) => bigMemberId(index)).sort());
    const counts = harness.control.callCounts();
    // Windows [0,60) [60,120) [120,150): pages 1 | 1,2 | 2 — and one DescribeInstances per window.
    assert.equal(counts.DescribeScalingInstances, 4);
    assert.equal(counts.DescribeInstances, 3);
  });

  test("first beyond 100 is refused before any upstream call", async () => {
    harness.control.resetCallCounts();
    const response = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 101, after: null });
    assert.equal(response.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
    assert.deepEqual(sortedCounts(harness.control.callCounts()), {});
  });

  // Last in this suite: an error in one field ends the response while its siblings' upstream calls
  // (here `hasActivityInProgress`) may still be running, which would leak into a later call count.
  test("an invalid cursor is a typed error, INVALID_CURSOR", async () => {
    const garbage = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 5, after: "not-a-cursor" });
    assert.equal(garbage.data, null);
    assert.equal(garbage.errors?.[0]?.extensions?.code, "INVALID_CURSOR");
    assert.match(garbage.errors![0]!.message, /cursor passed as `after` is not valid/);

    // A real cursor of another list (a group's instances) is refused too.
    const members = await harness.execute(ScalingGroupInstancesDocument, { regionId: REGION, id: BIG_GROUP, first: 1, after: null });
    const foreign = members.data!.scalingGroup!.instances.pageInfo.endCursor;
    const crossed = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 5, after: foreign });
    assert.equal(crossed.errors?.[0]?.extensions?.code, "INVALID_CURSOR");

    const activities = await harness.execute(ScalingGroupActivitiesDocument, { regionId: REGION, id: BIG_GROUP, first: 5, after: "AAAA" });
    assert.equal(activities.errors?.[0]?.extensions?.code, "INVALID_CURSOR");
    assert.deepEqual(activities.errors?.[0]?.path, ["scalingGroup", "activities"]);

    // A well-formed cursor past ESS's last page can only be forged: refused without an upstream call.
    const forged = Buffer.from("ess-gw:v1:ScalingGroup:" + REGION + ":*:*:49999999", "utf8").toString("base64url");
    harness.control.resetCallCounts();
    const past = await harness.execute(ScalingGroupsDocument, { regionId: REGION, first: 2, after: forged });
    assert.equal(past.errors?.[0]?.extensions?.code, "INVALID_CURSOR", JSON.stringify(past.errors));
    assert.equal(harness.control.callCounts().DescribeScalingGroups ?? 0, 0);
  });
});

describe("instance lookups", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ world: readModelTestWorld() });
  });
  after(() => harness.close());

  test("instances(ids): one entry per ID, in order, null where missing", async () => {
    const requested = [freeInstanceId(3), "i-nowhere", bigMemberId(0), freeInstanceId(1)];
    const response = await harness.execute(InstancesEligibilityDocument, {
      regionId: REGION,
      ids: requested,
      scalingGroupId: TARGET_GROUP,
    });
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    const instances = response.data!.instances;
    assert.deepEqual(
      instances.map((instance) => instance?.id ?? null),
      [freeInstanceId(3), null, bigMemberId(0), freeInstanceId(1)],
    );
    assert.deepEqual(
      instances.map((instance) => instance?.attachEligibility.blockers.map((blocker) => blocker.__typename) ?? null),
      [[], null, ["InstanceInUseError"], []],
    );
  });

  test("instances(ids) with more than 100 IDs is a typed error and calls nothing", async () => {
    harness.control.resetCallCounts();
    const ids = Array.from({ length: 101 }, (_, index) => freeInstanceId(index));
    const response = await harness.execute(InstancesEligibilityDocument, { regionId: REGION, ids, scalingGroupId: TARGET_GROUP });
    assert.equal(response.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
    assert.match(response.errors![0]!.message, /Argument Validation Error/);
    assert.deepEqual(sortedCounts(harness.control.callCounts()), {});
  });

  test("instance(id) shows its scaling group membership", async () => {
    const member = await harness.execute(InstanceDocument, { regionId: REGION, id: bigMemberId(7) });
    assert.deepEqual(plain(member.data!.instance!.scalingGroup), { id: BIG_GROUP, name: "big" });
    assert.equal(member.data!.instance!.scalingMembership?.creationType, "ATTACHED");
    const free = await harness.execute(InstanceDocument, { regionId: REGION, id: freeInstanceId(7) });
    assert.equal(free.data!.instance!.scalingGroup, null);
    const missing = await harness.execute(InstanceDocument, { regionId: REGION, id: "i-nowhere" });
    assert.equal(missing.data!.instance, null);
  });
});
