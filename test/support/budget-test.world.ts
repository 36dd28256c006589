import type { WorldFile, WorldScalingGroup } from "../../src/emulator/world/world.types";
import {
  EXTRA_GROUP_COUNT as READ_MODEL_EXTRA_GROUPS,
  GROUP_COUNT as READ_MODEL_GROUPS,
  readModelTestWorld,
} from "./read-model-test.world";

export { FREE_INSTANCE_COUNT, freeInstanceId, REGION, TARGET_GROUP } from "./read-model-test.world";

/**
 * The read model's test world, grown for the upstream budget tests: more than 300 groups (seven
 * DescribeScalingGroups pages, some inactive), a target group with every kind of fact at its
 * maximum (5 load balancers, 8 RDS instances, an active configuration with a security group),
 * more members than one DescribeScalingInstances page and more activities than one
 * DescribeScalingActivities page.
 */
export const ADDED_GROUP_COUNT = 200;
/** Every group of the world's region. */
export const GROUP_COUNT = READ_MODEL_GROUPS + ADDED_GROUP_COUNT;
export const TARGET_MEMBER_COUNT = 130;
export const TARGET_ACTIVITY_COUNT = 70;
/** Added groups with two members each: the first ones. */
export const POPULATED_GROUP_COUNT = 30;
/** The read model's extra groups and the added ones, numbered together. */
export const EXTRA_GROUP_COUNT = READ_MODEL_EXTRA_GROUPS + ADDED_GROUP_COUNT;

const addedGroupId = (index: number): string => `asg-bt-${String(index).padStart(3, "0")}`;
export const extraGroupId = (index: number): string =>
  index < READ_MODEL_EXTRA_GROUPS ? `asg-extra${String(index).padStart(3, "0")}` : addedGroupId(index - READ_MODEL_EXTRA_GROUPS);
export const targetMemberId = (index: number): string => `i-btmember${String(index).padStart(3, "0")}`;
export const extraMemberId = (group: number, index: number): string => `i-btx${String(group).padStart(3, "0")}-${index}`;
export const targetActivityId = (index: number): string => `asa-bt-${String(index).padStart(3, "0")}`;

export function budgetTestWorld(): WorldFile {
  const world = readModelTestWorld();
  const resources = world.accounts[0]!.resources;
  const template = resources.instances![0]!;
  let ip = 0;
  const instance = (instanceId: string) => ({ ...template, instanceId, privateIp: `172.21.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}` });
  const loadBalancer = resources.loadBalancers![0]!;
  const dbInstance = resources.dbInstances![0]!;
  const target = resources.scalingGroups![0]!;
  const extraLoadBalancers = [1, 2, 3, 4].map((index) => ({ ...loadBalancer, loadBalancerId: `lb-bt-${index}` }));
  const extraDbInstances = [1, 2, 3, 4, 5, 6, 7].map((index) => ({ ...dbInstance, dbInstanceId: `rm-bt-${index}` }));
  resources.loadBalancers!.push(...extraLoadBalancers);
  resources.dbInstances!.push(...extraDbInstances);
  target.loadBalancerIds = [...target.loadBalancerIds!, ...extraLoadBalancers.map((entry) => entry.loadBalancerId)];
  target.dbInstanceIds = [...target.dbInstanceIds!, ...extraDbInstances.map((entry) => entry.dbInstanceId)];
  target.instances = Array.from({ length: TARGET_MEMBER_COUNT }, (_, index) => ({
    instanceId: targetMemberId(index),
    creationType: "Attached" as const,
  }));
  const start = Date.parse("2026-11-01T00:00:00Z");
  target.activities = Array.from({ length: TARGET_ACTIVITY_COUNT }, (_, index) => ({
    scalingActivityId: targetActivityId(index),
    statusCode: "Successful" as const,
    progress: 100,
    startTime: new Date(start + index * 60_000).toISOString(),
    endTime: new Date(start + index * 60_000 + 30_000).toISOString(),
  }));
  resources.instances!.push(
    ...Array.from({ length: TARGET_MEMBER_COUNT }, (_, index) => instance(targetMemberId(index))),
    ...Array.from({ length: POPULATED_GROUP_COUNT }, (_, group) => [
      instance(extraMemberId(group, 0)),
      instance(extraMemberId(group, 1)),
    ]).flat(),
  );
  const added = Array.from({ length: ADDED_GROUP_COUNT }, (_, index): WorldScalingGroup => ({
    ...resources.scalingGroups![1]!,
    scalingGroupId: addedGroupId(index),
    scalingGroupName: addedGroupId(index).replace(/^asg-/, ""),
    lifecycleState: index % 7 === 3 ? "Inactive" : "Active",
    instances:
      index < POPULATED_GROUP_COUNT
        ? [0, 1].map((member) => ({ instanceId: extraMemberId(index, member), creationType: "Attached" as const }))
        : [],
    activities: undefined,
  }));
  resources.scalingGroups!.push(...added);
  return world;
}
