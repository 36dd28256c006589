import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { attachTestWorld, GROUPS, OTHER_REGION, REGION, roomyGroupId } from "../support/attach-test-world";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";

/** Per-request DataLoaders: one upstream call per region and tick, at most 20 IDs per call, no cache across requests. */
describe("scaling group reads are batched per region", () => {
  let harness: GatewayHarness;

  before(async () => {
    harness = await startGatewayHarness({ world: attachTestWorld() });
  });
  after(async () => {
    await harness.close();
  });

  const groupsQuery = (ids: Array<[string, string]>) =>
    `{ ${ids.map(([regionId, id], index) => `g${index}: scalingGroup(regionId: "${regionId}", id: "${id}") { id maxSize }`).join(" ")} }`;

  async function run(ids: Array<[string, string]>): Promise<Record<string, { id: string } | null>> {
    harness.control.resetCallCounts();
    const response = await harness.post(JSON.stringify({ query: groupsQuery(ids) }));
    const body = JSON.parse(response.text) as { data: Record<string, { id: string } | null>; errors?: unknown };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data;
  }

  test("three groups of one region and one of another: two calls; unknown IDs resolve to null", async () => {
    const data = await run([
      [REGION, GROUPS.main],
      [REGION, roomyGroupId(0)],
      [REGION, GROUPS.missing],
      [OTHER_REGION, GROUPS.main],
    ]);
    assert.equal(data.g0?.id, GROUPS.main);
    assert.equal(data.g1?.id, roomyGroupId(0));
    assert.equal(data.g2, null);
    assert.equal(data.g3, null, "IDs are per region");
    assert.equal(harness.control.callCounts().DescribeScalingGroups, 2);
  });

  test("the same group twice is fetched once", async () => {
    const data = await run([
      [REGION, GROUPS.main],
      [REGION, GROUPS.main],
    ]);
    assert.equal(data.g1?.id, GROUPS.main);
    assert.equal(harness.control.callCounts().DescribeScalingGroups, 1);
  });

  test("25 groups of one region take two calls (20 IDs per call at most)", async () => {
    const ids: Array<[string, string]> = Array.from({ length: 20 }, (_, index) => [REGION, roomyGroupId(index)]);
    ids.push([REGION, GROUPS.main], [REGION, GROUPS.full], [REGION, GROUPS.busy], [REGION, GROUPS.inactive], [REGION, GROUPS.lbInactive]);
    const data = await run(ids);
    assert.equal(Object.values(data).filter((group) => group !== null).length, 25);
    assert.equal(harness.control.callCounts().DescribeScalingGroups, 2);
  });

  test("a new request reads again (no cache across requests)", async () => {
    await run([[REGION, GROUPS.main]]);
    await run([[REGION, GROUPS.main]]);
    assert.equal(harness.control.callCounts().DescribeScalingGroups, 1, "counted per request after reset");
  });
});
