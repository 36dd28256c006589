import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  evaluateAttachPreflight,
  type AttachPreflightFacts,
  type GroupFacts,
  type InstanceFacts,
} from "../../../src/graphql/attach-preflight/attach-preflight.rules";
import type {
  UpstreamDbInstance,
  UpstreamEcsInstance,
  UpstreamLoadBalancer,
  UpstreamScalingConfiguration,
  UpstreamScalingGroup,
  UpstreamSecurityGroup,
} from "../../../src/upstream/upstream.types";

const group = (overrides: Partial<UpstreamScalingGroup> = {}): UpstreamScalingGroup => ({
  scalingGroupId: "asg-1",
  scalingGroupName: "web",
  regionId: "cn-hangzhou",
  lifecycleState: "Active",
  minSize: 0,
  maxSize: 10,
  desiredCapacity: null,
  totalCapacity: 2,
  totalInstanceCount: 2,
  activeCapacity: 2,
  pendingCapacity: 0,
  pendingWaitCapacity: 0,
  removingCapacity: 0,
  removingWaitCapacity: 0,
  protectedCapacity: 0,
  standbyCapacity: 0,
  stoppedCapacity: 0,
  defaultCooldown: 300,
  vpcId: "vpc-a",
  vSwitchIds: ["vsw-a"],
  loadBalancerIds: [],
  dbInstanceIds: [],
  activeScalingConfigurationId: null,
  creationTime: null,
  tags: [],
  ...overrides,
});

const instance = (instanceId: string, overrides: Partial<UpstreamEcsInstance> = {}): UpstreamEcsInstance => ({
  instanceId,
  instanceName: null,
  regionId: "cn-hangzhou",
  zoneId: "cn-hangzhou-h",
  status: "Running",
  instanceType: "ecs.g7.large",
  networkType: "vpc",
  vpcId: "vpc-a",
  vSwitchId: "vsw-a",
  privateIp: `10.0.0.${instanceId.length}`,
  chargeType: "PostPaid",
  securityGroupIds: ["sg-a"],
  ...overrides,
});

const loadBalancer = (loadBalancerId: string, overrides: Partial<UpstreamLoadBalancer> = {}): UpstreamLoadBalancer => ({
  loadBalancerId,
  loadBalancerName: null,
  status: "active",
  healthCheck: "on",
  networkType: "vpc",
  vpcId: "vpc-a",
  backendServers: [],
  ...overrides,
});

const db = (dbInstanceId: string, overrides: Partial<UpstreamDbInstance> = {}): UpstreamDbInstance => ({
  dbInstanceId,
  status: "Running",
  engine: "MySQL",
  securityIps: [],
  securityIpQuota: 1000,
  ...overrides,
});

const configuration: UpstreamScalingConfiguration = {
  scalingConfigurationId: "asc-1",
  scalingConfigurationName: null,
  scalingGroupId: "asg-1",
  lifecycleState: "Active",
  instanceTypes: ["ecs.g7.large"],
  securityGroupId: "sg-b",
  imageId: null,
};

const securityGroup = (availableInstanceAmount: number): UpstreamSecurityGroup => ({
  securityGroupId: "sg-b",
  vpcId: "vpc-a",
  ecsCount: 10,
  availableInstanceAmount,
});

function found(overrides: Partial<Extract<GroupFacts, { state: "found" }>> = {}): GroupFacts {
  const base = overrides.group ?? group();
  return {
    state: "found",
    group: base,
    activityInProgress: false,
    loadBalancers: base.loadBalancerIds.map((id) => loadBalancer(id)),
    dbInstances: base.dbInstanceIds.map((id) => db(id)),
    activeConfiguration: null,
    securityGroup: null,
    ...overrides,
  };
}

function facts(
  groupFacts: GroupFacts,
  instances: Array<[string, Partial<InstanceFacts>]>,
  extra: Partial<AttachPreflightFacts> = {},
): AttachPreflightFacts {
  return {
    instanceIds: instances.map(([id]) => id),
    entrusted: false,
    ignoreInvalidInstance: false,
    group: groupFacts,
    instances: new Map(
      instances.map(([id, fact]) => [
        id,
        { instance: instance(id), foundInRegionId: null, membership: null, ...fact } satisfies InstanceFacts,
      ]),
    ),
    ...extra,
  };
}

const codes = (blockers: ReadonlyArray<{ scope: string; code?: string; problem?: string }>) =>
  blockers.map((blocker) => blocker.code ?? `request:${blocker.problem}`);

describe("evaluateAttachPreflight", () => {
  test("a clean attach has no blocker", () => {
    const verdict = evaluateAttachPreflight(
      facts(found(), [
        ["i-1", {}],
        ["i-2", {}],
      ]),
    );
    assert.deepEqual(verdict.blockers, []);
    assert.deepEqual(
      verdict.instances.map((entry) => [entry.instanceId, entry.blockers.length]),
      [
        ["i-1", 0],
        ["i-2", 0],
      ],
    );
  });

  test("Forbidden.Unauthorized comes first and group-dependent checks are skipped", () => {
    const verdict = evaluateAttachPreflight(facts({ state: "forbidden" }, [["i-1", { membership: undefined }]]));
    assert.deepEqual(codes(verdict.blockers), ["Forbidden.Unauthorized"]);
  });

  test("a missing group is InvalidScalingGroupId.NotFound, still reporting group-independent instance checks", () => {
    const verdict = evaluateAttachPreflight(facts({ state: "notFound" }, [["i-1", { instance: instance("i-1", { status: "Stopped" }) }]]));
    assert.deepEqual(codes(verdict.blockers), ["InvalidScalingGroupId.NotFound", "IncorrectInstanceStatus"]);
  });

  test("the order follows the wire contract: status, activity, LBs, DBs, instances, capacity, SG quota, DB quota", () => {
    const base = group({
      lifecycleState: "Inactive",
      totalCapacity: 10,
      loadBalancerIds: ["lb-1", "lb-2"],
      dbInstanceIds: ["rm-1", "rm-2"],
      activeScalingConfigurationId: "asc-1",
    });
    const verdict = evaluateAttachPreflight(
      facts(
        found({
          group: base,
          activityInProgress: true,
          loadBalancers: [loadBalancer("lb-1", { status: "inactive", healthCheck: "off" }), loadBalancer("lb-2", { vpcId: "vpc-z" })],
          dbInstances: [db("rm-1", { status: "Stopped" }), db("rm-2", { securityIps: ["1.1.1.1"], securityIpQuota: 1 })],
          activeConfiguration: configuration,
          securityGroup: securityGroup(0),
        }),
        [
          ["i-missing", { instance: null }],
          ["i-elsewhere", { instance: null, foundInRegionId: "cn-shanghai" }],
          [
            "i-bad",
            {
              instance: instance("i-bad", { status: "Stopped", vpcId: "vpc-z", instanceType: "ecs.t5" }),
              membership: membershipIn("asg-9", "i-bad"),
            },
          ],
          ["i-classic", { instance: instance("i-classic", { networkType: "classic", vpcId: null }) }],
        ],
      ),
    );
    assert.deepEqual(codes(verdict.blockers), [
      "IncorrectScalingGroupStatus",
      "ScalingActivityInProgress",
      "IncorrectLoadBalancerStatus",
      "IncorrectLoadBalancerHealthCheck",
      "InvalidLoadBalancerId.VPCMismatch",
      "IncorrectDBInstanceStatus",
      "InvalidInstanceId.NotFound",
      "InvalidInstanceId.RegionMismatch",
      "IncorrectInstanceStatus",
      "InvalidInstanceId.VPCMismatch",
      "InvalidInstanceId.InUse",
      "InvalidInstanceId.InstanceTypeMismatch",
      "InvalidInstanceId.NetworkTypeMismatch",
      "IncorrectCapacity.MaxSize",
      "QuotaExceeded.SecurityGroupInstance",
      "QuotaExceeded.DBInstanceSecurityIP",
    ]);
    assert.deepEqual(codes(verdict.groupBlockers), [
      "IncorrectScalingGroupStatus",
      "ScalingActivityInProgress",
      "IncorrectLoadBalancerStatus",
      "IncorrectLoadBalancerHealthCheck",
      "InvalidLoadBalancerId.VPCMismatch",
      "IncorrectDBInstanceStatus",
      "IncorrectCapacity.MaxSize",
      "QuotaExceeded.SecurityGroupInstance",
      "QuotaExceeded.DBInstanceSecurityIP",
    ]);
    const inUse = verdict.instances[2]!.blockers.find((blocker) => blocker.code === "InvalidInstanceId.InUse");
    assert.equal(inUse?.scalingGroupId, "asg-9");
    assert.equal(verdict.instances[1]!.blockers[0]!.instanceRegionId, "cn-shanghai");
    const capacity = verdict.groupBlockers.find((blocker) => blocker.code === "IncorrectCapacity.MaxSize");
    assert.deepEqual(capacity, { scope: "group", code: "IncorrectCapacity.MaxSize", maxSize: 10, totalCapacity: 10, requested: 4 });
  });

  test("load balancer network type: a classic load balancer behind a VPC group", () => {
    const base = group({ loadBalancerIds: ["lb-c"] });
    const verdict = evaluateAttachPreflight(
      facts(found({ group: base, loadBalancers: [loadBalancer("lb-c", { networkType: "classic", vpcId: null })] }), [["i-1", {}]]),
    );
    assert.deepEqual(codes(verdict.blockers), ["InvalidLoadBalancerId.IncorrectInstanceNetworkType"]);
  });

  test("a load balancer or DB instance that no longer exists blocks like the emulator (status)", () => {
    const base = group({ loadBalancerIds: ["lb-gone"], dbInstanceIds: ["rm-gone"] });
    const verdict = evaluateAttachPreflight(facts(found({ group: base, loadBalancers: [null], dbInstances: [null] }), [["i-1", {}]]));
    assert.deepEqual(verdict.groupBlockers, [
      { scope: "group", code: "IncorrectLoadBalancerStatus", loadBalancerId: "lb-gone" },
      { scope: "group", code: "IncorrectDBInstanceStatus", dbInstanceId: "rm-gone" },
    ]);
  });

  test("a classic group refuses VPC instances; VPC groups refuse classic ones", () => {
    const classic = group({ vpcId: null, vSwitchIds: [] });
    const verdict = evaluateAttachPreflight(
      facts(found({ group: classic }), [
        ["i-vpc", {}],
        ["i-classic", { instance: instance("i-classic", { networkType: "classic", vpcId: null }) }],
      ]),
    );
    assert.deepEqual(codes(verdict.blockers), ["InvalidInstanceId.NetworkTypeMismatch"]);
    assert.equal(verdict.instances[0]!.blockers[0]!.instanceId, "i-vpc");
  });

  test("entrusted is refused for PrePaid instances only, after the other instance checks", () => {
    const instances: Array<[string, Partial<InstanceFacts>]> = [
      ["i-pre", { instance: instance("i-pre", { chargeType: "PrePaid" }) }],
      ["i-post", {}],
    ];
    assert.deepEqual(codes(evaluateAttachPreflight(facts(found(), instances)).blockers), []);
    assert.deepEqual(codes(evaluateAttachPreflight(facts(found(), instances, { entrusted: true })).blockers), ["InvalidParameter"]);
  });

  test("capacity counts every requested instance against MaxSize", () => {
    const tight = found({ group: group({ maxSize: 4, totalCapacity: 2 }) });
    assert.deepEqual(
      codes(
        evaluateAttachPreflight(
          facts(tight, [
            ["i-1", {}],
            ["i-2", {}],
          ]),
        ).blockers,
      ),
      [],
    );
    assert.deepEqual(
      codes(
        evaluateAttachPreflight(
          facts(tight, [
            ["i-1", {}],
            ["i-2", {}],
            ["i-3", {}],
          ]),
        ).blockers,
      ),
      ["IncorrectCapacity.MaxSize"],
    );
  });

  test("security group quota: instances already in the group take no room", () => {
    const withSg = (available: number) =>
      found({
        group: group({ activeScalingConfigurationId: "asc-1" }),
        activeConfiguration: configuration,
        securityGroup: securityGroup(available),
      });
    const member = instance("i-member", { securityGroupIds: ["sg-a", "sg-b"] });
    const requested: Array<[string, Partial<InstanceFacts>]> = [
      ["i-new", {}],
      ["i-member", { instance: member }],
    ];
    assert.deepEqual(codes(evaluateAttachPreflight(facts(withSg(1), requested)).blockers), []);
    assert.deepEqual(codes(evaluateAttachPreflight(facts(withSg(0), requested)).blockers), ["QuotaExceeded.SecurityGroupInstance"]);
    assert.deepEqual(codes(evaluateAttachPreflight(facts(withSg(0), [["i-member", { instance: member }]])).blockers), []);
  });

  test("DB whitelist quota: listed IPs take no room; a full whitelist only blocks new IPs", () => {
    const one = instance("i-1", { privateIp: "10.0.0.1" });
    const withDb = (securityIps: string[], quota: number) =>
      found({ group: group({ dbInstanceIds: ["rm-1"] }), dbInstances: [db("rm-1", { securityIps, securityIpQuota: quota })] });
    assert.deepEqual(codes(evaluateAttachPreflight(facts(withDb(["10.0.0.1"], 1), [["i-1", { instance: one }]])).blockers), []);
    assert.deepEqual(codes(evaluateAttachPreflight(facts(withDb(["10.9.9.9"], 1), [["i-1", { instance: one }]])).blockers), [
      "QuotaExceeded.DBInstanceSecurityIP",
    ]);
    assert.deepEqual(codes(evaluateAttachPreflight(facts(withDb(["10.9.9.9"], 2), [["i-1", { instance: one }]])).blockers), []);
  });

  test("ignoreInvalidInstance skips instances with blockers, counting capacity on the rest", () => {
    const tight = found({ group: group({ maxSize: 3, totalCapacity: 2 }) });
    const requested: Array<[string, Partial<InstanceFacts>]> = [
      ["i-stopped", { instance: instance("i-stopped", { status: "Stopped" }) }],
      ["i-ok", {}],
    ];
    const skipping = evaluateAttachPreflight(facts(tight, requested, { ignoreInvalidInstance: true }));
    assert.deepEqual(codes(skipping.blockers), []);
    assert.deepEqual(skipping.attachedInstanceIds, ["i-ok"]);
    assert.deepEqual(codes(skipping.instances[0]!.blockers), ["IncorrectInstanceStatus"]);
    assert.deepEqual(codes(evaluateAttachPreflight(facts(tight, requested)).blockers), [
      "IncorrectInstanceStatus",
      "IncorrectCapacity.MaxSize",
    ]);
    const noneLeft = evaluateAttachPreflight(facts(tight, [requested[0]!], { ignoreInvalidInstance: true }));
    assert.deepEqual(codes(noneLeft.blockers), ["IncorrectInstanceStatus"]);
  });

  test("request problems come first: none, more than 20, duplicates", () => {
    assert.deepEqual(codes(evaluateAttachPreflight(facts(found(), [])).blockers), ["request:noInstances"]);
    const many = Array.from({ length: 21 }, (_, index): [string, Partial<InstanceFacts>] => [`i-${index}`, {}]);
    const verdict = evaluateAttachPreflight(facts(found({ group: group({ maxSize: 100 }) }), many));
    assert.deepEqual(codes(verdict.blockers), ["request:tooManyInstances"]);
    assert.equal(verdict.instances.length, 21);
    const duplicated = evaluateAttachPreflight({ ...facts(found(), [["i-1", {}]]), instanceIds: ["i-1", "i-1"] });
    assert.deepEqual(duplicated.requestBlockers, [{ scope: "request", problem: "duplicateInstances", instanceIds: ["i-1"] }]);
    assert.equal(duplicated.instances.length, 1);
  });
});

function membershipIn(scalingGroupId: string, instanceId: string) {
  return {
    instanceId,
    scalingGroupId,
    scalingConfigurationId: null,
    scalingActivityId: null,
    lifecycleState: "InService",
    healthStatus: "Healthy",
    creationType: "Attached",
    entrusted: false,
    loadBalancerWeight: 50,
    createdTime: null,
    zoneId: null,
  };
}
