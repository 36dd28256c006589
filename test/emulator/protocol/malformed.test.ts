import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { startProtocolEmulator } from "../../support/emulator-fixture.helper";
import { ESS_VERSION, GROUP_IDS, INSTANCE_IDS, REGION, TEST_KEY } from "../../support/protocol-world.fixture";
import { formEncode, jsonOf, rawRequest, sendV1, v1SignedParams, type RawResponse } from "../../support/signed-request.helper";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

function assertBadRequest(response: RawResponse, code: string, status = 400): Record<string, any> {
  assert.equal(response.status, status, response.text);
  const body = jsonOf(response);
  assert.equal(body.Code, code, body.Message);
  return body;
}

describe("malformed requests get precise errors and the server stays up", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startProtocolEmulator(undefined);
  });
  after(() => emulator.close());

  test("garbage bodies: bare words, invalid UTF-8, bad percent-encoding", async () => {
    const bareWord = assertBadRequest(
      await rawRequest(emulator.url, { method: "POST", path: "/", headers: FORM, body: "hello world" }),
      "InvalidParameter.Encoding",
    );
    assert.match(bareWord.Message, /form body pair 1 has no "="/);
    const binary = Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0x00, 0x80]);
    assertBadRequest(
      await rawRequest(emulator.url, { method: "POST", path: "/", headers: FORM, body: binary }),
      "InvalidParameter.Encoding",
    );
    const badPercent = await rawRequest(emulator.url, {
      method: "GET",
      path: "/?Action=DescribeScalingGroups&RegionId=cn%ZZhangzhou",
    });
    assert.match(assertBadRequest(badPercent, "InvalidParameter.Encoding").Message, /"RegionId"/);
    const badUtf8 = await rawRequest(emulator.url, { method: "GET", path: "/?Action=%C3%28" });
    assert.match(assertBadRequest(badUtf8, "InvalidParameter.Encoding").Message, /not valid UTF-8/);
  });

  test("wrong content type and repeated parameters", async () => {
    const json = await rawRequest(emulator.url, {
      method: "POST",
      path: "/",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Action: "DescribeScalingGroups" }),
    });
    assert.match(assertBadRequest(json, "InvalidParameter.ContentType").Message, /application\/json/);
    const twice = await rawRequest(emulator.url, { method: "GET", path: "/?Action=A&Version=B&Action=C" });
    assert.match(assertBadRequest(twice, "InvalidParameter.Duplicate").Message, /"Action"/);
    const acrossQueryAndBody = await rawRequest(emulator.url, {
      method: "POST",
      path: "/?RegionId=cn-hangzhou",
      headers: FORM,
      body: "RegionId=cn-beijing",
    });
    assertBadRequest(acrossQueryAndBody, "InvalidParameter.Duplicate");
  });

  test("a 2 MiB body is 413 RequestEntityTooLarge", async () => {
    const huge = `Action=DescribeScalingGroups&Padding=${"x".repeat(2 * 1024 * 1024)}`;
    const response = await rawRequest(emulator.url, { method: "POST", path: "/", headers: FORM, body: huge });
    assert.match(assertBadRequest(response, "RequestEntityTooLarge", 413).Message, /1048576 bytes/);
  });

  test("other methods and paths", async () => {
    assertBadRequest(
      await rawRequest(emulator.url, { method: "PUT", path: "/", headers: FORM, body: "a=1" }),
      "UnsupportedHTTPMethod",
      403,
    );
    assertBadRequest(await rawRequest(emulator.url, { method: "GET", path: "/foo?Action=X" }), "InvalidApi.NotFound", 404);
  });

  test("21 InstanceId params and weight 101 come back as 400s naming the parameter", async () => {
    const instanceParams = Object.fromEntries(INSTANCE_IDS.slice(0, 21).map((id, index) => [`InstanceId.${index + 1}`, id]));
    const tooMany = await sendV1(emulator.url, {
      method: "POST",
      key: TEST_KEY,
      action: "AttachInstances",
      version: ESS_VERSION,
      params: { RegionId: REGION, ScalingGroupId: GROUP_IDS[0], ...instanceParams },
    });
    assert.equal(tooMany.status, 400, tooMany.text);
    assert.match(`${jsonOf(tooMany).Code} ${jsonOf(tooMany).Message}`, /InstanceId/);
    const heavy = await sendV1(emulator.url, {
      method: "POST",
      key: TEST_KEY,
      action: "AttachInstances",
      version: ESS_VERSION,
      params: {
        RegionId: REGION,
        ScalingGroupId: GROUP_IDS[0],
        "InstanceId.1": INSTANCE_IDS[0],
        "LoadBalancerWeight.1": "101",
      },
    });
    assert.equal(heavy.status, 400, heavy.text);
    assert.match(`${jsonOf(heavy).Code} ${jsonOf(heavy).Message}`, /LoadBalancerWeight/);
  });

  test("concurrent garbage, then a valid call still succeeds", async () => {
    const garbage = Array.from({ length: 40 }, (_, index) => {
      switch (index % 4) {
        case 0:
          return rawRequest(emulator.url, {
            method: "POST",
            path: "/",
            headers: FORM,
            body: Buffer.from([index, 0xff, 0x25, 0x3d]),
          });
        case 1:
          return rawRequest(emulator.url, { method: "GET", path: `/?${"%".repeat(index)}` });
        case 2:
          return rawRequest(emulator.url, {
            method: "POST",
            path: "/",
            headers: { "content-type": "text/plain" },
            body: "x".repeat(index * 100),
          });
        default:
          return rawRequest(emulator.url, {
            method: "GET",
            path: `/?${formEncode(v1SignedParams({ key: TEST_KEY, action: "DescribeScalingGroups", version: ESS_VERSION, params: { RegionId: REGION }, signatureOverride: String(index) }))}`,
          });
      }
    });
    const responses = await Promise.all(garbage);
    assert.ok(
      responses.every((response) => response.status >= 400 && response.status < 500),
      responses.map((r) => r.status).join(","),
    );
    const valid = await sendV1(emulator.url, {
      key: TEST_KEY,
      action: "DescribeScalingGroups",
      version: ESS_VERSION,
      params: { RegionId: REGION },
    });
    assert.equal(valid.status, 200, valid.text);
  });
});
