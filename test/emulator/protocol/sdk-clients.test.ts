import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import * as $Util from "@alicloud/tea-util";
import RPCClient from "@alicloud/pop-core";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { startProtocolEmulator } from "../../support/emulator-fixture.helper";
import { ECS_VERSION, ESS_VERSION, GROUP_IDS, INSTANCE_IDS, REGION, STS_KEY, TEST_KEY } from "../../support/protocol-world.fixture";

/**
 * The real client libraries against the emulator: every signature path they use must verify and
 * the actions must answer. Each client attaches its own instance to its own group.
 */
describe("SDK clients against the emulator", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startProtocolEmulator(undefined);
  });
  after(() => emulator.close());

  function openApiClient(
    options: {
      signatureAlgorithm?: string;
      key?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
    } = {},
  ) {
    const key = options.key ?? TEST_KEY;
    return new OpenApi(
      new $OpenApi.Config({
        ...key,
        endpoint: `127.0.0.1:${emulator.port}`,
        protocol: "http",
        regionId: REGION,
        ...(options.signatureAlgorithm && { signatureAlgorithm: options.signatureAlgorithm }),
      }),
    );
  }

  function rpcParams(action: string, version: string) {
    return new $OpenApi.Params({
      action,
      version,
      protocol: "HTTP",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
  }

  async function attachAndDescribe(client: OpenApi, groupId: string, instanceId: string, useBody = false) {
    const attachArgs = {
      RegionId: REGION,
      ScalingGroupId: groupId,
      "InstanceId.1": instanceId,
      "LoadBalancerWeight.1": "60",
    };
    const attach = await client.callApi(
      rpcParams("AttachInstances", ESS_VERSION),
      new $OpenApi.OpenApiRequest(useBody ? { body: attachArgs } : { query: attachArgs }),
      new $Util.RuntimeOptions({ autoretry: false }),
    );
    assert.equal(attach.statusCode, 200);
    assert.match(attach.body.ScalingActivityId, /^asa-/);
    assert.match(attach.body.RequestId, /^[0-9A-F-]{36}$/);

    const instances = await client.callApi(
      rpcParams("DescribeScalingInstances", ESS_VERSION),
      new $OpenApi.OpenApiRequest({ query: { RegionId: REGION, ScalingGroupId: groupId } }),
      new $Util.RuntimeOptions({}),
    );
    const members = instances.body.ScalingInstances.ScalingInstance as Array<Record<string, unknown>>;
    assert.ok(
      members.some((member) => member.InstanceId === instanceId && member.LoadBalancerWeight === 60),
      JSON.stringify(members),
    );
    const ecs = await client.callApi(
      rpcParams("DescribeInstances", ECS_VERSION),
      new $OpenApi.OpenApiRequest({ query: { RegionId: REGION, InstanceIds: JSON.stringify([instanceId]) } }),
      new $Util.RuntimeOptions({}),
    );
    assert.equal(ecs.body.Instances.Instance[0].InstanceId, instanceId);
  }

  test("@alicloud/openapi-client, default signature (V3, ACS3-HMAC-SHA256), params in the query", async () => {
    await attachAndDescribe(openApiClient(), GROUP_IDS[0], INSTANCE_IDS[0]);
  });

  test("@alicloud/openapi-client V3 with a form body (content hash checked)", async () => {
    await attachAndDescribe(openApiClient(), GROUP_IDS[1], INSTANCE_IDS[1], true);
  });

  test("@alicloud/openapi-client with signatureAlgorithm v2 (V1, HMAC-SHA1)", async () => {
    await attachAndDescribe(openApiClient({ signatureAlgorithm: "v2" }), GROUP_IDS[2], INSTANCE_IDS[2]);
  });

  test("@alicloud/openapi-client with an STS key, V3 and V1", async () => {
    await attachAndDescribe(openApiClient({ key: STS_KEY }), GROUP_IDS[3], INSTANCE_IDS[3]);
    await attachAndDescribe(openApiClient({ key: STS_KEY, signatureAlgorithm: "v2" }), GROUP_IDS[3], INSTANCE_IDS[4]);
  });

  test("@alicloud/openapi-client surfaces emulator errors with code, statusCode and data", async () => {
    await assert.rejects(
      openApiClient().callApi(
        rpcParams("AttachInstances", ESS_VERSION),
        new $OpenApi.OpenApiRequest({
          query: { RegionId: REGION, ScalingGroupId: "asg-missing", "InstanceId.1": INSTANCE_IDS[5] },
        }),
        new $Util.RuntimeOptions({ autoretry: false }),
      ),
      (error: any) => {
        assert.equal(error.code, "InvalidScalingGroupId.NotFound");
        assert.equal(error.statusCode ?? error.data?.statusCode, 404);
        assert.equal(error.data.HostId, "ess.aliyuncs.com");
        return true;
      },
    );
    await assert.rejects(
      openApiClient({ key: { accessKeyId: TEST_KEY.accessKeyId, accessKeySecret: "wrong-secret" } }).callApi(
        rpcParams("DescribeScalingGroups", ESS_VERSION),
        new $OpenApi.OpenApiRequest({ query: { RegionId: REGION } }),
        new $Util.RuntimeOptions({ autoretry: false }),
      ),
      (error: any) => error.code === "SignatureDoesNotMatch" && error.data.statusCode === 400,
    );
  });

  test("values with reserved and non-ASCII characters verify on every signature path", async () => {
    const awkwardName = "a b*c+d/é(x)~!'&=%";
    for (const signatureAlgorithm of [undefined, "v2"]) {
      for (const [where, method] of [
        ["query", "POST"],
        ["body", "POST"],
        ["query", "GET"],
      ] as const) {
        const params = rpcParams("DescribeScalingGroups", ESS_VERSION);
        params.method = method;
        const response = await openApiClient({ signatureAlgorithm }).callApi(
          params,
          new $OpenApi.OpenApiRequest({ [where]: { RegionId: REGION, ScalingGroupName: awkwardName } }),
          new $Util.RuntimeOptions({ autoretry: false }),
        );
        assert.equal(response.statusCode, 200, `${signatureAlgorithm ?? "v3"} ${method} ${where}`);
        assert.equal(response.body.TotalCount, 0);
      }
    }
  });

  for (const method of ["POST", "GET"] as const) {
    test(`@alicloud/pop-core (V1) with ${method}`, async () => {
      const client = new RPCClient({
        endpoint: emulator.url,
        apiVersion: ESS_VERSION,
        accessKeyId: TEST_KEY.accessKeyId,
        accessKeySecret: TEST_KEY.accessKeySecret,
      });
      const groupId = method === "POST" ? GROUP_IDS[4] : GROUP_IDS[5];
      const instanceId = method === "POST" ? INSTANCE_IDS[6] : INSTANCE_IDS[7];
      try {
        const attach = await client.request<{ ScalingActivityId: string }>(
          "AttachInstances",
          { RegionId: REGION, ScalingGroupId: groupId, InstanceId: [instanceId], LoadBalancerWeight: [70] },
          { method },
        );
        assert.match(attach.ScalingActivityId, /^asa-/);
        const groups = await client.request<any>("DescribeScalingGroups", { RegionId: REGION, "ScalingGroupId.1": groupId }, { method });
        assert.equal(groups.ScalingGroups.ScalingGroup[0].ScalingGroupId, groupId);
        assert.equal(groups.ScalingGroups.ScalingGroup[0].TotalCapacity, 1);
        const ecs = new RPCClient({
          endpoint: emulator.url,
          apiVersion: ECS_VERSION,
          accessKeyId: TEST_KEY.accessKeyId,
          accessKeySecret: TEST_KEY.accessKeySecret,
        });
        const instances = await ecs.request<any>(
          "DescribeInstances",
          { RegionId: REGION, InstanceIds: JSON.stringify([instanceId]) },
          { method },
        );
        assert.equal(instances.Instances.Instance[0].InstanceId, instanceId);
        (ecs as any).keepAliveAgent?.destroy();
      } finally {
        (client as any).keepAliveAgent?.destroy();
      }
    });
  }
});
