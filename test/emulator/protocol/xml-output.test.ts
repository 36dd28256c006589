import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { startProtocolEmulator } from "../../support/emulator-fixture.helper";
import { ECS_VERSION, ESS_VERSION, GROUP_IDS, INSTANCE_IDS, REGION, TEST_KEY } from "../../support/protocol-world.fixture";
import { sendV1 } from "../../support/signed-request.helper";

describe("XML output (Format=XML)", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startProtocolEmulator(undefined);
  });
  after(() => emulator.close());

  test("AttachInstances success has the spec's shape: <AttachInstancesResponse> with ScalingActivityId and RequestId", async () => {
    const response = await sendV1(emulator.url, {
      method: "POST",
      key: TEST_KEY,
      action: "AttachInstances",
      version: ESS_VERSION,
      params: { Format: "XML", RegionId: REGION, ScalingGroupId: GROUP_IDS[0], "InstanceId.1": INSTANCE_IDS[10] },
    });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers["content-type"], "text/xml;charset=utf-8");
    assert.match(
      response.text,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<AttachInstancesResponse><ScalingActivityId>asa-[^<]+<\/ScalingActivityId><RequestId>[0-9A-F-]{36}<\/RequestId><\/AttachInstancesResponse>$/,
    );
    assert.equal(/<RequestId>([^<]+)</.exec(response.text)![1], response.headers["x-acs-request-id"]);
  });

  test("a list renders from the wrapped JSON shape", async () => {
    const response = await sendV1(emulator.url, {
      key: TEST_KEY,
      action: "DescribeScalingGroups",
      version: ESS_VERSION,
      params: { Format: "xml", RegionId: REGION, "ScalingGroupId.1": GROUP_IDS[1], "ScalingGroupId.2": GROUP_IDS[2] },
    });
    assert.equal(response.status, 200, response.text);
    assert.match(
      response.text,
      /<DescribeScalingGroupsResponse>.*<ScalingGroups><ScalingGroup>.*<\/ScalingGroup><ScalingGroup>.*<\/ScalingGroup><\/ScalingGroups>/s,
    );
    assert.ok(response.text.includes(`<ScalingGroupId>${GROUP_IDS[1]}</ScalingGroupId>`));
  });

  test("an error renders as <Error> with the error's status", async () => {
    const response = await sendV1(emulator.url, {
      method: "POST",
      key: TEST_KEY,
      action: "AttachInstances",
      version: ESS_VERSION,
      params: { Format: "XML", RegionId: REGION, ScalingGroupId: "asg-nothere", "InstanceId.1": INSTANCE_IDS[11] },
    });
    assert.equal(response.status, 404);
    assert.equal(response.headers["content-type"], "text/xml;charset=utf-8");
    assert.match(
      response.text,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>ess\.aliyuncs\.com<\/HostId><Code>InvalidScalingGroupId\.NotFound<\/Code><Message>[^<]+<\/Message><Recommend>https:\/\/api\.aliyun\.com\/troubleshoot\?q=InvalidScalingGroupId\.NotFound&amp;product=Ess<\/Recommend><\/Error>$/,
    );
  });

  test("a protocol error in XML too", async () => {
    const response = await sendV1(emulator.url, {
      key: TEST_KEY,
      action: "DescribeScalingGroups",
      version: ESS_VERSION,
      params: { Format: "XML", RegionId: REGION },
      signatureOverride: "bm9wZQ==",
    });
    assert.equal(response.status, 400);
    assert.match(response.text, /<Error>.*<Code>SignatureDoesNotMatch<\/Code>/s);
  });

  test("without Format, ECS answers XML (its documented default) and ESS JSON", async () => {
    const ecs = await sendV1(emulator.url, {
      key: TEST_KEY,
      action: "DescribeInstances",
      version: ECS_VERSION,
      params: { RegionId: REGION, InstanceIds: JSON.stringify([INSTANCE_IDS[20]]) },
      omit: ["Format"],
    });
    assert.equal(ecs.status, 200, ecs.text);
    assert.equal(ecs.headers["content-type"], "text/xml;charset=utf-8");
    assert.match(
      ecs.text,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<DescribeInstancesResponse>.*<Instances><Instance>.*<InstanceId>i-proto21<\/InstanceId>/s,
    );
    const ecsError = await sendV1(emulator.url, {
      key: TEST_KEY,
      action: "DescribeInstances",
      version: ECS_VERSION,
      params: { RegionId: REGION, Status: "Sleeping" },
      omit: ["Format"],
    });
    assert.equal(ecsError.status, 404);
    assert.match(ecsError.text, /<Error>.*<Code>InvalidStatus\.NotFound<\/Code>/s);
    const ess = await sendV1(emulator.url, {
      key: TEST_KEY,
      action: "DescribeScalingGroups",
      version: ESS_VERSION,
      params: { RegionId: REGION },
      omit: ["Format"],
    });
    assert.equal(ess.status, 200, ess.text);
    assert.equal(ess.headers["content-type"], "application/json;charset=utf-8");
    const json = await sendV1(emulator.url, {
      key: TEST_KEY,
      action: "DescribeInstances",
      version: ECS_VERSION,
      params: { RegionId: REGION, Format: "JSON" },
    });
    assert.equal(
      json.headers["content-type"],
      "application/json;charset=utf-8",
      "Format=JSON, as @alicloud/pop-core and openapi-client V1 send it",
    );
  });
});
