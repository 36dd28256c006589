import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ActivityTiming } from "../../../src/emulator/emulator-core.types";
import { DEMO_ACCESS_KEYS } from "../../../src/emulator/world/demo-cases";
import type { WorldFile, WorldInstance } from "../../../src/emulator/world/world.types";
import { DomainHarness, attachParams, type CallResult } from "../../support/emulator-domain.harness";

const GROUPS = [
  { scalingGroupId: "asg-c-one", room: 1 },
  { scalingGroupId: "asg-c-two", room: 2 },
  { scalingGroupId: "asg-c-three", room: 3 },
];
const POOL = Array.from({ length: 12 }, (_, i) => `i-c-${String(i + 1).padStart(2, "0")}`);
const ALLOWED_REJECTIONS = new Set(["ScalingActivityInProgress", "IncorrectCapacity.MaxSize", "InvalidInstanceId.InUse"]);

/** Deterministic pseudo-random choices, so a failure can be replayed. */
function choices(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** 50 AttachInstances requests of 1 or 2 pool instances each, spread over the three groups. */
function requests(seed: number): Array<Record<string, string>> {
  const next = choices(seed);
  return Array.from({ length: 50 }, () => {
    const group = GROUPS[Math.floor(next() * GROUPS.length)]!;
    const first = POOL[Math.floor(next() * POOL.length)]!;
    const second = POOL[Math.floor(next() * POOL.length)]!;
    const ids = next() < 0.5 || first === second ? [first] : [first, second];
    return attachParams(group.scalingGroupId, ids);
  });
}

async function runRound(harness: DomainHarness, seed: number): Promise<CallResult[]> {
  return Promise.all(requests(seed).map((params) => harness.call("Ess", "AttachInstances", params)));
}

async function assertInvariants(harness: DomainHarness, results: CallResult[]): Promise<void> {
  for (const result of results) {
    if (result.statusCode === 200) continue;
    assert.ok(ALLOWED_REJECTIONS.has(result.code!), `unexpected rejection ${result.statusCode} ${result.code}: ${result.message}`);
    assert.equal(result.statusCode, 400);
  }
  const owner = new Map<string, string>();
  for (const { scalingGroupId, room } of GROUPS) {
    const group = await harness.group(scalingGroupId);
    assert.ok(group.TotalCapacity <= group.MaxSize, `${scalingGroupId}: ${group.TotalCapacity} > MaxSize ${group.MaxSize}`);
    assert.equal(group.MaxSize, room);
    const inProgress = await harness.ok("Ess", "DescribeScalingActivities", {
      RegionId: "cn-hangzhou",
      ScalingGroupId: scalingGroupId,
      StatusCode: "InProgress",
    });
    assert.ok(inProgress.TotalCount <= 1, `${scalingGroupId} has ${inProgress.TotalCount} activities in progress`);
    for (const row of await harness.scalingInstances(scalingGroupId)) {
      assert.equal(owner.get(row.InstanceId), undefined, `${row.InstanceId} is in two groups`);
      owner.set(row.InstanceId, scalingGroupId);
    }
  }
  const succeeded = results.filter((result) => result.statusCode === 200);
  const activityIds = new Set(succeeded.map((result) => result.body.ScalingActivityId));
  assert.equal(activityIds.size, succeeded.length, "each accepted call started its own activity");
}

describe("50 parallel AttachInstances over HTTP", () => {
  for (const [label, activity] of [
    ["manual timing (activities stay in progress)", { mode: "manual" }],
    ["immediate timing (groups fill up to MaxSize)", { mode: "immediate" }],
  ] as Array<[string, ActivityTiming]>) {
    describe(label, () => {
      let harness: DomainHarness;
      before(async () => {
        harness = await DomainHarness.start({ world: concurrencyWorld(), activity });
      });
      after(() => harness.close());

      for (const seed of [1, 2, 3]) {
        test(`seed ${seed}: no group over MaxSize, at most one activity in progress per group, no instance in two groups`, async () => {
          harness.emulator.control.reset();
          const results = await runRound(harness, seed);
          await assertInvariants(harness, results);
          const accepted = results.filter((result) => result.statusCode === 200).length;
          assert.ok(accepted >= 1, "at least one call is accepted");
          if (activity.mode === "manual") {
            assert.ok(accepted <= GROUPS.length, `manual: at most one accepted call per group, got ${accepted}`);
            assert.ok(results.some((result) => result.code === "ScalingActivityInProgress"));
          } else {
            assert.ok(results.some((result) => result.code === "IncorrectCapacity.MaxSize" || result.code === "InvalidInstanceId.InUse"));
          }
        });
      }
    });
  }
});

function concurrencyWorld(): WorldFile {
  const instances: WorldInstance[] = POOL.map((instanceId, index) => ({
    instanceId,
    regionId: "cn-hangzhou",
    zoneId: "cn-hangzhou-h",
    status: "Running",
    networkType: "vpc",
    vpcId: "vpc-c",
    vSwitchId: "vsw-c",
    instanceType: "ecs.g7.large",
    chargeType: "PostPaid",
    securityGroupIds: ["sg-c"],
    privateIp: `10.6.0.${index + 2}`,
  }));
  return {
    version: 1,
    regions: [{ regionId: "cn-hangzhou", zones: ["cn-hangzhou-h"] }],
    accounts: [
      {
        accountId: "7",
        accessKeys: [{ accessKeyId: DEMO_ACCESS_KEYS.primary.accessKeyId, accessKeySecret: DEMO_ACCESS_KEYS.primary.accessKeySecret }],
        resources: {
          vpcs: [{ vpcId: "vpc-c", regionId: "cn-hangzhou" }],
          vSwitches: [{ vSwitchId: "vsw-c", vpcId: "vpc-c", regionId: "cn-hangzhou", zoneId: "cn-hangzhou-h" }],
          securityGroups: [{ securityGroupId: "sg-c", regionId: "cn-hangzhou", vpcId: "vpc-c" }],
          instances,
          scalingGroups: GROUPS.map(({ scalingGroupId, room }) => ({
            scalingGroupId,
            scalingGroupName: scalingGroupId.slice(4),
            regionId: "cn-hangzhou",
            lifecycleState: "Active" as const,
            minSize: 0,
            maxSize: room,
            vSwitchIds: ["vsw-c"],
          })),
        },
      },
    ],
  };
}
