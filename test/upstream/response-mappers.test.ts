import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mapEcsInstance, mapSecurityGroup } from "../../src/upstream/ecs-response.mapper";
import { mapPage, mapScalingActivity, mapScalingGroup } from "../../src/upstream/ess-response.mapper";
import { mapDbInstance } from "../../src/upstream/rds-response.mapper";
import { mapLoadBalancer } from "../../src/upstream/slb-response.mapper";
import { WireShapeError } from "../../src/upstream/wire-values.reader";

/** Bodies shaped like the real cloud's: fewer fields than the emulator's [ext], strings for numbers. */
describe("response mappers tolerate the real API's shapes", () => {
  test("SLB without the emulator's HealthCheck field: healthCheck null", () => {
    const lb = mapLoadBalancer({
      RequestId: "R",
      LoadBalancerId: "lb-1",
      LoadBalancerStatus: "active",
      NetworkType: "vpc",
      VpcId: "vpc-1",
      BackendServers: { BackendServer: [{ ServerId: "i-1", Weight: "100" }] },
    });
    assert.equal(lb.healthCheck, null);
    assert.equal(lb.loadBalancerName, null);
    assert.deepEqual(lb.backendServers, [{ serverId: "i-1", weight: 100 }]);
  });

  test("RDS without SecurityIPQuota: the real limit, 1000; IP arrays merged and split", () => {
    const db = mapDbInstance(
      { DBInstanceId: "rm-1", DBInstanceStatus: "Running", Engine: "MySQL" },
      {
        Items: {
          DBInstanceIPArray: [
            { DBInstanceIPArrayName: "default", SecurityIPList: "127.0.0.1" },
            { DBInstanceIPArrayName: "app", SecurityIPList: "10.0.0.1, 10.0.0.2,," },
          ],
        },
      },
    );
    assert.equal(db.securityIpQuota, 1000);
    assert.deepEqual(db.securityIps, ["127.0.0.1", "10.0.0.1", "10.0.0.2"]);
  });

  test("string numbers, absent optional fields, a single element where a list was expected", () => {
    const page = mapPage(
      {
        TotalCount: "1",
        PageNumber: "1",
        PageSize: "10",
        ScalingGroups: {
          ScalingGroup: {
            ScalingGroupId: "asg-1",
            RegionId: "cn-hangzhou",
            LifecycleState: "Active",
            MinSize: 0,
            MaxSize: "5",
            TotalCapacity: "2",
            VSwitchId: "vsw-1",
          },
        },
      },
      "ScalingGroups",
      "ScalingGroup",
      mapScalingGroup,
    );
    assert.equal(page.totalCount, 1);
    const [group] = page.items;
    assert.equal(group.maxSize, 5);
    assert.equal(group.totalCapacity, 2);
    assert.equal(group.desiredCapacity, null);
    assert.deepEqual(group.vSwitchIds, ["vsw-1"], "the single VSwitchId when VSwitchIds is absent");
    assert.deepEqual(group.loadBalancerIds, []);
    assert.equal(group.vpcId, null);
  });

  test("activity capacities arrive as strings", () => {
    const activity = mapScalingActivity(
      {
        ScalingActivityId: "asa-1",
        ScalingGroupId: "asg-1",
        StatusCode: "Successful",
        Progress: 100,
        TotalCapacity: "3",
        AttachedCapacity: "2",
        AutoCreatedCapacity: "1",
      },
      "x",
    );
    assert.deepEqual([activity.totalCapacity, activity.attachedCapacity, activity.autoCreatedCapacity], [3, 2, 1]);
    assert.equal(activity.endTime, null);
  });

  test('ECS classic instance: VpcId "" is null, the address comes from InnerIpAddress', () => {
    const instance = mapEcsInstance(
      {
        InstanceId: "i-1",
        RegionId: "cn-hangzhou",
        Status: "Running",
        InstanceNetworkType: "classic",
        VpcAttributes: { VpcId: "", VSwitchId: "", PrivateIpAddress: { IpAddress: [] } },
        InnerIpAddress: { IpAddress: ["10.1.2.3"] },
        SecurityGroupIds: { SecurityGroupId: ["sg-1"] },
      },
      "x",
    );
    assert.equal(instance.vpcId, null);
    assert.equal(instance.vSwitchId, null);
    assert.equal(instance.privateIp, "10.1.2.3");
  });

  test("a body without a required field is a WireShapeError naming it", () => {
    assert.throws(
      () => mapSecurityGroup({ SecurityGroupId: "sg-1" }, "SecurityGroups.SecurityGroup[0]"),
      (error: unknown) => {
        assert.ok(error instanceof WireShapeError);
        assert.match(error.message, /SecurityGroups\.SecurityGroup\[0\]\.EcsCount/);
        return true;
      },
    );
  });
});
