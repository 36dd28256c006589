import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AttachInstancesDocument, DetachInstancesDocument } from "../../../operations/__generated__/graphql";
import { DomainHarness } from "../../support/emulator-domain.harness";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

const REGION = "cn-hangzhou";

/** What the cloud says about a group and everything attached to it, read through the real APIs. */
async function snapshot(cloud: DomainHarness, scalingGroupId: string, loadBalancerId: string, dbInstanceId: string) {
  const group = await cloud.group(scalingGroupId);
  const members = (await cloud.scalingInstances(scalingGroupId)).map((member) => [member.InstanceId, member.LifecycleState]).sort();
  const lb = await cloud.ok("Slb", "DescribeLoadBalancerAttribute", { RegionId: REGION, LoadBalancerId: loadBalancerId });
  const backends = (lb.BackendServers.BackendServer as Array<{ ServerId: string; Weight: number }>)
    .map((server) => [server.ServerId, server.Weight])
    .sort();
  const ips = await cloud.ok("Rds", "DescribeDBInstanceIPArrayList", { DBInstanceId: dbInstanceId });
  const whitelist = (ips.Items.DBInstanceIPArray as Array<{ SecurityIPList: string }>)
    .flatMap((array) => array.SecurityIPList.split(","))
    .sort();
  return {
    capacities: [group.TotalCapacity, group.DesiredCapacity, group.MinSize, group.MaxSize],
    members,
    backends,
    whitelist,
  };
}

/** An attach followed by a detach with DetachOption=both leaves everything as it was. */
describe("attachInstances then detachInstances(detachFromLoadBalancersAndDatabases: true), over HTTP", () => {
  let harness: GatewayHarness;
  let cloud: DomainHarness;

  before(async () => {
    harness = await startGatewayHarness({ activity: { mode: "immediate" } });
    cloud = DomainHarness.forEndpoint(harness.emulator.host, harness.emulator.port);
  });
  after(async () => {
    await cloud.close();
    await harness.close();
  });

  test("the group, lb-demo-web's backends and rm-demo-main's whitelist are as before; the instances are Running and attach elsewhere", async () => {
    const instanceIds = ["i-demo-0040", "i-demo-0041"];
    const before = await snapshot(cloud, "asg-demo-web", "lb-demo-web", "rm-demo-main");

    const attach = await harness.execute(AttachInstancesDocument, {
      input: {
        regionId: REGION,
        scalingGroupId: "asg-demo-web",
        instances: instanceIds.map((instanceId) => ({ instanceId, loadBalancerWeight: 60 })),
      },
    });
    assert.equal(attach.data?.attachInstances.__typename, "AttachInstancesSuccess", JSON.stringify(attach.data));
    const attached = await snapshot(cloud, "asg-demo-web", "lb-demo-web", "rm-demo-main");
    assert.notDeepEqual(attached.backends, before.backends, "the attach did reach the load balancer (so the test can fail)");
    assert.notDeepEqual(attached.whitelist, before.whitelist, "the attach did reach the whitelist");

    const detach = await harness.execute(DetachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: "asg-demo-web", instanceIds, detachFromLoadBalancersAndDatabases: true },
    });
    const result = detach.data?.detachInstances;
    assert.equal(result?.__typename, "DetachInstancesSuccess", JSON.stringify(detach));
    if (result?.__typename !== "DetachInstancesSuccess") return;
    assert.equal(result.scalingActivity?.status, "SUCCESSFUL");

    assert.deepEqual(await snapshot(cloud, "asg-demo-web", "lb-demo-web", "rm-demo-main"), before);
    const ecs = await cloud.ok("Ecs", "DescribeInstances", { RegionId: REGION, InstanceIds: JSON.stringify(instanceIds) });
    assert.deepEqual(
      (ecs.Instances.Instance as Array<{ Status: string }>).map((instance) => instance.Status),
      ["Running", "Running"],
      "detached instances are neither stopped nor released",
    );

    const elsewhere = await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: "asg-demo-batch", instances: instanceIds.map((instanceId) => ({ instanceId })) },
    });
    assert.equal(elsewhere.data?.attachInstances.__typename, "AttachInstancesSuccess", "free to attach to another group");
  });

  test("without detachFromLoadBalancersAndDatabases the backends and whitelist entries stay", async () => {
    harness.control.reset();
    const instanceId = "i-demo-0042";
    await harness.execute(AttachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: "asg-demo-web", instances: [{ instanceId }] },
    });
    const detach = await harness.execute(DetachInstancesDocument, {
      input: { regionId: REGION, scalingGroupId: "asg-demo-web", instanceIds: [instanceId] },
    });
    assert.equal(detach.data?.detachInstances.__typename, "DetachInstancesSuccess");
    const after = await snapshot(cloud, "asg-demo-web", "lb-demo-web", "rm-demo-main");
    assert.ok(
      after.backends.some(([serverId]) => serverId === instanceId),
      "still a backend server",
    );
    assert.ok(!after.members.some(([id]) => id === instanceId), "but no longer a member");
  });
});
