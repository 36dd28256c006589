import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import RPCClient from "@alicloud/pop-core";
import { startEmulator } from "../../src/emulator/emulator";
import type { RunningEmulator } from "../../src/emulator/emulator-core.types";
import { ACCOUNT_B, accessWorld, B, freeInstance, KEY_A, KEY_B, REGION, ROLES } from "../support/access-world";

const STS_VERSION = "2015-04-01";
const ESS_VERSION = "2014-08-28";
const ECS_VERSION = "2014-05-26";

interface AssumedCredentials {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityToken: string;
  Expiration: string;
}

/** The emulator's STS AssumeRole, driven by a real SDK client (pop-core, signature V1) over HTTP. */
describe("emulator STS AssumeRole (2015-04-01)", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ world: accessWorld(), activity: { mode: "immediate" } });
  });
  after(() => emulator.close());

  const client = (apiVersion: string, key: { accessKeyId: string; accessKeySecret: string; securityToken?: string }) =>
    new RPCClient({
      endpoint: emulator.url,
      apiVersion,
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      ...(key.securityToken ? { securityToken: key.securityToken } : {}),
    });
  const assume = async (key: { accessKeyId: string; accessKeySecret: string }, roleArn: string, extra: Record<string, string> = {}) => {
    const answer = await client(STS_VERSION, key).request<{ Credentials: AssumedCredentials; AssumedRoleUser: { Arn: string } }>(
      "AssumeRole",
      { RoleArn: roleArn, RoleSessionName: "ess-gateway-test", ...extra },
      { method: "POST" },
    );
    return answer;
  };
  const asTemporary = (credentials: AssumedCredentials) => ({
    accessKeyId: credentials.AccessKeyId,
    accessKeySecret: credentials.AccessKeySecret,
    securityToken: credentials.SecurityToken,
  });
  const codeOf = async (work: Promise<unknown>) => {
    try {
      await work;
      return "OK";
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };

  test("a trusted account's key gets temporary keys of the role's account, accepted by ESS and ECS there", async () => {
    const { Credentials, AssumedRoleUser } = await assume(KEY_A, ROLES.operator, { DurationSeconds: "900" });
    assert.match(Credentials.AccessKeyId, /^STS\./);
    assert.equal(AssumedRoleUser.Arn, `acs:ram::${ACCOUNT_B}:role/gateway-operator/ess-gateway-test`);
    const groups = await client(ESS_VERSION, asTemporary(Credentials)).request<any>("DescribeScalingGroups", {
      RegionId: REGION,
      ScalingGroupId1: B.web,
    });
    assert.equal(groups.ScalingGroups.ScalingGroup[0].ScalingGroupId, B.web);
    const instances = await client(ECS_VERSION, asTemporary(Credentials)).request<any>("DescribeInstances", {
      RegionId: REGION,
      InstanceIds: JSON.stringify([freeInstance("b", 1)]),
    });
    assert.equal(instances.Instances.Instance[0].InstanceId, freeInstance("b", 1));
    // The temporary key without its token is refused.
    assert.equal(
      await codeOf(
        client(ESS_VERSION, { accessKeyId: Credentials.AccessKeyId, accessKeySecret: Credentials.AccessKeySecret }).request(
          "DescribeScalingGroups",
          { RegionId: REGION },
        ),
      ),
      "InvalidSecurityToken.Missing",
    );
  });

  test("an untrusted account, an unknown role, a bad ARN and a too-long duration are refused", async () => {
    assert.equal(await codeOf(assume(KEY_A, ROLES.internal)), "NoPermission");
    assert.equal(await codeOf(assume(KEY_A, `acs:ram::${ACCOUNT_B}:role/nope`)), "EntityNotExist.Role");
    assert.equal(await codeOf(assume(KEY_A, "arn:aws:iam::1:role/x")), "InvalidParameter");
    assert.equal(await codeOf(assume(KEY_A, ROLES.operator, { DurationSeconds: "7200" })), "InvalidParameter");
    assert.equal(await codeOf(assume(KEY_B, ROLES.internal)), "OK");
  });

  test("temporary keys expire as the role says, and are then refused", async () => {
    const { Credentials } = await assume(KEY_A, ROLES.shortLived);
    const ess = client(ESS_VERSION, asTemporary(Credentials));
    assert.equal(await codeOf(ess.request("DescribeScalingGroups", { RegionId: REGION })), "OK");
    assert.ok(Date.parse(Credentials.Expiration) - Date.now() <= 1_000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(Credentials.Expiration) - Date.now()) + 1_100));
    assert.equal(await codeOf(ess.request("DescribeScalingGroups", { RegionId: REGION })), "InvalidSecurityToken.Expired");
  });
});
