import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ActivityTiming } from "../../../src/emulator/emulator-core.types";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import type { WorldFile, WorldInstance } from "../../../src/emulator/world/world.types";
import { DomainHarness, type CallResult } from "../../support/emulator-domain.harness";

/** Three groups of 6 members each, with MinSize 1, 3 and 5: room to detach 5, 3 and 1. */
const GROUPS = [
  { scalingGroupId: "asg-d-one", minSize: 1 },
  { scalingGroupId: "asg-d-three", minSize: 3 },
  { scalingGroupId: "asg-d-five", minSize: 5 },
];
const MEMBERS_PER_GROUP = 6;
const memberId = (group: number, n: number) => `i-d-${group}-${n}`;
const ALLOWED_REJECTIONS = new Set([
  "ScalingActivityInProgress",
  "IncorrectCapacity.MinSize",
  "InvalidInstanceId.NotFound",
  "IncorrectInstanceStatus",
]);

/** Deterministic pseudo-random choices, so a failure can be replayed. */
function choices(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** 50 DetachInstances requests of 1 to 3 members each (sometimes of another group), spread over the groups. */
function requests(seed: number): Array<Record<string, string>> {
  const next = choices(seed);
  return Array.from({ length: 50 }, () => {
    const group = Math.floor(next() * GROUPS.length);
    const owner = next() < 0.9 ? group : Math.floor(next() * GROUPS.length);
    const ids = [
      ...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => memberId(owner, Math.floor(next() * MEMBERS_PER_GROUP)))),
    ];
    const params: Record<string, string> = { RegionId: "cn-hangzhou", ScalingGroupId: GROUPS[group]!.scalingGroupId };
    ids.forEach((id, index) => (params[`InstanceId.${index + 1}`] = id));
    if (next() < 0.3) params.DetachOption = "both";
    return params;
  });
}

async function assertInvariants(harness: DomainHarness, results: CallResult[]): Promise<void> {
  for (const result of results) {
    if (result.statusCode === 200) continue;
    assert.ok(ALLOWED_REJECTIONS.has(result.code!), `unexpected rejection ${result.statusCode} ${result.code}: ${result.message}`);
  }
  const seen = new Set<string>();
  for (const { scalingGroupId, minSize } of GROUPS) {
    const group = await harness.group(scalingGroupId);
    assert.ok(group.TotalCapacity >= minSize, `${scalingGroupId}: ${group.TotalCapacity} < MinSize ${minSize}`);
    const inProgress = await harness.ok("Ess", "DescribeScalingActivities", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: scalingGroupId,
      StatusCode: "InProgress",
    });
    assert.ok(inProgress.TotalCount <= 1, `${scalingGroupId} has ${inProgress.TotalCount} activities in progress`);
    for (const row of await harness.scalingInstances(scalingGroupId)) {
      assert.ok(!seen.has(row.InstanceId), `${row.InstanceId} is listed twice`);
      seen.add(row.InstanceId);
    }
  }
  // Every instance detached once at most: the accepted calls' instances are disjoint.
  const accepted = results.filter((result) => result.statusCode === 200);
  assert.equal(
    new Set(accepted.map((result) => result.body.ScalingActivityId)).size,
    accepted.length,
    "each accepted call started its own activity",
  );
  const ecs = await harness.ok("Ecs", "DescribeInstances", { RegionId: "cn-hangzhou", PageSize: "100" });
  for (const instance of ecs.Instances.Instance as Array<{ InstanceId: string; Status: string }>) {
    assert.equal(instance.Status, "Running", `${instance.InstanceId}: detaching never stops an instance`);
  }
}

describe("50 parallel DetachInstances over HTTP never cross MinSize", () => {
  for (const [label, activity] of [
    ["manual timing (activities stay in progress)", { mode: "manual" }],
    ["immediate timing (groups shrink down to MinSize)", { mode: "immediate" }],
  ] as Array<[string, ActivityTiming]>) {
    describe(label, () => {
      let harness: DomainHarness;
      before(async () => {
        harness = await DomainHarness.start({ world: detachWorld(), activity });
      });
      after(() => harness.close());

      for (const seed of [1, 2, 3]) {
        test(`seed ${seed}: no group below MinSize, at most one activity in progress per group, instances Running`, async () => {
          harness.emulator.control.reset();
          const results = await Promise.all(requests(seed).map((params) => harness.call("Ess", "DetachInstances", params)));
          await assertInvariants(harness, results);
          const accepted = results.filter((result) => result.statusCode === 200).length;
          assert.ok(accepted >= 1, "at least one call is accepted");
          if (activity.mode === "manual") {
            assert.ok(accepted <= GROUPS.length, `manual: at most one accepted call per group, got ${accepted}`);
            assert.ok(results.some((result) => result.code === "ScalingActivityInProgress"));
          } else {
            assert.ok(
              results.some((result) => result.code === "IncorrectCapacity.MinSize"),
              "some call hit MinSize (so the test can fail)",
            );
          }
        });
      }
    });
  }
});

function detachWorld(): WorldFile {
  const instances: WorldInstance[] = GROUPS.flatMap((_, group) =>
    Array.from({ length: MEMBERS_PER_GROUP }, (__, n) => ({
      instanceId: memberId(group, n),
      regionId: "cn-hangzhou",
      zoneId: "cn-hangzhou-h",
      status: "Running" as const,
      networkType: "vpc" as const,
      vpcId: "vpc-d",
      vSwitchId: "vsw-d",
      instanceType: "ecs.g7.large",
      chargeType: "PostPaid" as const,
      securityGroupIds: ["sg-d"],
      privateIp: `10.7.${group}.${n + 2}`,
    })),
  );
  return {
    version: 1,
    regions: [{ regionId: "cn-hangzhou", zones: ["cn-hangzhou-h"] }],
    accounts: [
      {
        accountId: "8",
        accessKeys: [{ accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId, accessKeySecret: DEMO_ACCESS_KEYS.primary.accessKeySecret }],
        resources: {
          vpcs: [{ vpcId: "vpc-d", regionId: "cn-hangzhou" }],
          vSwitches: [{ vSwitchId: "vsw-d", vpcId: "vpc-d", regionId: "cn-hangzhou", zoneId: "cn-hangzhou-h" }],
          securityGroups: [{ securityGroupId: "sg-d", regionId: "cn-hangzhou", vpcId: "vpc-d" }],
          instances,
          scalingGroups: GROUPS.map(({ scalingGroupId, minSize }, group) => ({
            scalingGroupId,
            scalingGroupName: scalingGroupId.slice(4),
            regionId: "cn-hangzhou",
            lifecycleState: "Active" as const,
            minSize,
            maxSize: 10,
            desiredCapacity: MEMBERS_PER_GROUP,
            vSwitchIds: ["vsw-d"],
            instances: Array.from({ length: MEMBERS_PER_GROUP }, (__, n) => ({
              instanceId: memberId(group, n),
              creationType: "Attached" as const,
            })),
          })),
        },
      },
    ],
  };
}
