import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { startProtocolEmulator } from "../../support/emulator-fixture.helper";
import { ECS_VERSION, ESS_VERSION, REGION, STS_KEY, TEST_KEY } from "../../support/protocol-world.fixture";
import { formEncode, isoSeconds, jsonOf, rawRequest, sendV1, v1SignedParams, type RawResponse } from "../../support/signed-request.helper";

const describeGroups = { action: "DescribeScalingGroups", version: ESS_VERSION, params: { RegionId: REGION } };

function assertError(response: RawResponse, status: number, code: string): Record<string, any> {
  const body = jsonOf(response);
  assert.equal(response.status, status, `status for ${body.Code}: ${body.Message}`);
  assert.equal(body.Code, code, body.Message);
  assert.match(body.RequestId, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  assert.ok(typeof body.HostId === "string" && body.HostId.length > 0);
  assert.ok(String(body.Recommend).startsWith(`https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}`));
  for (const secret of [TEST_KEY.accessKeySecret, STS_KEY.accessKeySecret, STS_KEY.securityToken]) {
    assert.ok(!response.text.includes(secret), "no secret or token in an error body");
  }
  return body;
}

describe("V1 signatures over HTTP", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startProtocolEmulator(undefined);
  });
  after(() => emulator.close());

  test("a GET signed with a world key verifies, and so does a POST form body", async () => {
    const get = await sendV1(emulator.url, { ...describeGroups, key: TEST_KEY, method: "GET" });
    assert.equal(get.status, 200, get.text);
    const body = jsonOf(get);
    assert.match(body.RequestId, /^[0-9A-F-]{36}$/);
    assert.ok(Array.isArray(body.ScalingGroups.ScalingGroup));
    assert.equal(get.headers["content-type"], "application/json;charset=utf-8");

    const post = await sendV1(emulator.url, { ...describeGroups, key: TEST_KEY, method: "POST" });
    assert.equal(post.status, 200, post.text);
  });

  test("a tampered signature is SignatureDoesNotMatch (400) with the server's StringToSign, never the secret", async () => {
    const response = await sendV1(emulator.url, {
      ...describeGroups,
      key: TEST_KEY,
      signatureOverride: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    });
    const body = assertError(response, 400, "SignatureDoesNotMatch");
    assert.match(body.Message, /server string to sign is:GET&%2F&AccessKeyId%3DLTAIprotocolTest01/);
    assert.equal(body.HostId, "ess.aliyuncs.com");
    assert.equal(body.Recommend, "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Ess");
  });

  test("a parameter changed after signing is SignatureDoesNotMatch", async () => {
    const params = v1SignedParams({ ...describeGroups, key: TEST_KEY });
    params.RegionId = "cn-beijing";
    assertError(await rawRequest(emulator.url, { method: "GET", path: `/?${formEncode(params)}` }), 400, "SignatureDoesNotMatch");
  });

  test("a GET signature does not verify as a POST (the method is signed)", async () => {
    const params = v1SignedParams({ ...describeGroups, key: TEST_KEY, method: "GET" });
    const response = await rawRequest(emulator.url, {
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: formEncode(params),
    });
    assertError(response, 400, "SignatureDoesNotMatch");
  });

  test("missing signature parts are IncompleteSignature naming them", async () => {
    const response = await sendV1(emulator.url, {
      ...describeGroups,
      key: TEST_KEY,
      omit: ["Signature", "SignatureNonce"],
    });
    const body = assertError(response, 400, "IncompleteSignature");
    assert.match(body.Message, /Signature, SignatureNonce|SignatureNonce, Signature/);
    const unsigned = await rawRequest(emulator.url, {
      method: "GET",
      path: `/?${formEncode({ Action: "DescribeScalingGroups", Version: ESS_VERSION, RegionId: REGION })}`,
    });
    assert.match(assertError(unsigned, 400, "IncompleteSignature").Message, /AccessKeyId/);
  });

  test("an unknown AccessKeyId is InvalidAccessKeyId.NotFound (404)", async () => {
    const response = await sendV1(emulator.url, {
      ...describeGroups,
      key: { accessKeyId: "LTAInobodyHere", accessKeySecret: "x" },
    });
    assertError(response, 404, "InvalidAccessKeyId.NotFound");
  });

  test("replaying the same signed request is SignatureNonceUsed", async () => {
    const path = `/?${formEncode(v1SignedParams({ ...describeGroups, key: TEST_KEY }))}`;
    assert.equal((await rawRequest(emulator.url, { method: "GET", path })).status, 200);
    assertError(await rawRequest(emulator.url, { method: "GET", path }), 400, "SignatureNonceUsed");
  });

  test("a 20-minute-old timestamp is InvalidTimeStamp.Expired; a malformed one InvalidTimeStamp.Format", async () => {
    const old = isoSeconds(new Date(Date.now() - 20 * 60 * 1000));
    assertError(await sendV1(emulator.url, { ...describeGroups, key: TEST_KEY, timestamp: old }), 400, "InvalidTimeStamp.Expired");
    assertError(
      await sendV1(emulator.url, { ...describeGroups, key: TEST_KEY, timestamp: "27/11/2026 20:00" }),
      400,
      "InvalidTimeStamp.Format",
    );
  });

  test("routing: NoSuchVersion, InvalidAction.NotFound naming the action, MissingParameter Action", async () => {
    const noVersion = assertError(
      await sendV1(emulator.url, { ...describeGroups, version: "2099-01-01", key: TEST_KEY }),
      400,
      "NoSuchVersion",
    );
    assert.match(noVersion.Message, /2099-01-01/);
    const noAction = assertError(
      await sendV1(emulator.url, { ...describeGroups, action: "LaunchRocket", key: TEST_KEY }),
      404,
      "InvalidAction.NotFound",
    );
    assert.match(noAction.Message, /"LaunchRocket"/);
    const missing = assertError(
      await sendV1(emulator.url, { ...describeGroups, action: undefined, key: TEST_KEY }),
      400,
      "MissingParameter",
    );
    assert.match(missing.Message, /"Action"/);
  });

  test("the same key reaches ECS by its version", async () => {
    const response = await sendV1(emulator.url, {
      action: "DescribeInstances",
      version: ECS_VERSION,
      params: { RegionId: REGION, InstanceIds: JSON.stringify(["i-proto01"]) },
      key: TEST_KEY,
    });
    assert.equal(response.status, 200, response.text);
    assert.equal(jsonOf(response).Instances.Instance[0].InstanceId, "i-proto01");
  });

  test("STS: token missing, wrong, or given with a permanent key fails; the right token passes", async () => {
    assertError(await sendV1(emulator.url, { ...describeGroups, key: STS_KEY, securityToken: null }), 400, "InvalidSecurityToken.Missing");
    const wrong = await sendV1(emulator.url, {
      ...describeGroups,
      key: STS_KEY,
      securityToken: "CAIS-some-other-token",
    });
    assertError(wrong, 400, "InvalidSecurityToken.MismatchWithAccessKey");
    assertError(
      await sendV1(emulator.url, { ...describeGroups, key: TEST_KEY, securityToken: "CAIS-stray" }),
      400,
      "InvalidSecurityToken.MismatchWithAccessKey",
    );
    const right = await sendV1(emulator.url, { ...describeGroups, key: STS_KEY });
    assert.equal(right.status, 200, right.text);
  });

  test("a wrong signature with an STS token masks the token in the StringToSign", async () => {
    const response = await sendV1(emulator.url, { ...describeGroups, key: STS_KEY, signatureOverride: "bm9wZQ==" });
    const body = assertError(response, 400, "SignatureDoesNotMatch");
    assert.match(body.Message, /SecurityToken%3D%252A%252A%252A%252A/);
  });
});
