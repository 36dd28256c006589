import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EmulatorApiError } from "../../../src/emulator/emulator-core.types";
import { FaultInjector, FaultValidationError, validateActionFault } from "../../../src/emulator/protocol/fault.injector";
import { parseFormEncoded } from "../../../src/emulator/protocol/form-params.parser";
import { checkRequestTimestamp } from "../../../src/emulator/protocol/request-timestamp.validator";
import { encodeXmlDocument } from "../../../src/emulator/protocol/xml.encoder";

function assertApiError(fn: () => unknown, code: string, messagePart?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof EmulatorApiError, `expected an EmulatorApiError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (messagePart) assert.match(error.message, new RegExp(messagePart.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    return true;
  });
}

describe("form parameter parser", () => {
  test("decodes names and values, %20 and + as space, skips empty segments", () => {
    assert.deepEqual(parseFormEncoded("a=1&&b=x%20y+z&c=&d=%E4%B8%AD&", "query string"), [
      { name: "a", value: "1" },
      { name: "b", value: "x y z" },
      { name: "c", value: "" },
      { name: "d", value: "中" },
    ]);
  });

  test("rejects malformed input precisely", () => {
    assertApiError(() => parseFormEncoded("a=%zz", "query string"), "InvalidParameter.Encoding", '"a"');
    assertApiError(() => parseFormEncoded("a=%E4%B8", "form body"), "InvalidParameter.Encoding", "not valid UTF-8");
    assertApiError(() => parseFormEncoded("garbage", "form body"), "InvalidParameter.Encoding", 'no "="');
    assertApiError(() => parseFormEncoded("=1", "form body"), "InvalidParameter.Encoding", "empty name");
    assertApiError(() => parseFormEncoded("a%00b=1", "form body"), "InvalidParameter.Encoding", "control character");
  });
});

describe("timestamps", () => {
  const now = Date.UTC(2026, 10, 27, 20, 0, 0);
  test("accepts ISO 8601 UTC within 15 minutes either way", () => {
    assert.equal(checkRequestTimestamp("Timestamp", "2026-11-27T20:14:59Z", now), now + 899_000);
    assert.equal(checkRequestTimestamp("Timestamp", "2026-11-27T19:45:00.123Z", now), now - 900_000);
  });
  test("rejects skew beyond 15 minutes and bad formats", () => {
    assertApiError(() => checkRequestTimestamp("Timestamp", "2026-11-27T19:40:00Z", now), "InvalidTimeStamp.Expired");
    assertApiError(() => checkRequestTimestamp("Timestamp", "2026-11-27T20:16:00Z", now), "InvalidTimeStamp.Expired");
    assertApiError(() => checkRequestTimestamp("Timestamp", "2026-11-27 20:00:00", now), "InvalidTimeStamp.Format");
    assertApiError(() => checkRequestTimestamp("Timestamp", "2026-02-30T20:00:00Z", now), "InvalidTimeStamp.Format");
    assertApiError(() => checkRequestTimestamp("x-acs-date", "2026-11-27T20:00:00+08:00", now), "InvalidTimeStamp.Format", "x-acs-date");
  });
});

describe("XML encoder", () => {
  test("renders wrapped lists as repeated elements and escapes text", () => {
    const xml = encodeXmlDocument("DescribeScalingGroupsResponse", {
      TotalCount: 2,
      ScalingGroups: { ScalingGroup: [{ ScalingGroupId: "asg-1", Name: "a<b&c" }, { ScalingGroupId: "asg-2" }] },
      Empty: { Item: [] },
      Skipped: undefined,
      Flag: false,
    });
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeScalingGroupsResponse><TotalCount>2</TotalCount><ScalingGroups>' +
        "<ScalingGroup><ScalingGroupId>asg-1</ScalingGroupId><Name>a&lt;b&amp;c</Name></ScalingGroup>" +
        "<ScalingGroup><ScalingGroupId>asg-2</ScalingGroupId></ScalingGroup></ScalingGroups><Empty></Empty>" +
        "<Flag>false</Flag></DescribeScalingGroupsResponse>",
    );
  });
});

describe("fault injector", () => {
  test("the same seed gives the same decisions; action faults override '*' field by field", () => {
    const run = (seed: number) => {
      const faults = new FaultInjector(seed);
      faults.set("*", { throttlingRate: 0.3, latencyMs: 5 });
      faults.set("AttachInstances", { latencyMs: 10 });
      return Array.from({ length: 40 }, () => faults.decide("AttachInstances"));
    };
    const first = run(42);
    assert.deepEqual(first, run(42));
    assert.notDeepEqual(first, run(43));
    const throttled = first.filter((decision) => decision.reject === "Throttling").length;
    assert.ok(throttled > 0 && throttled < 40, `some but not all throttled (${throttled})`);
    assert.ok(first.filter((decision) => !decision.reject).every((decision) => decision.latencyMs === 10));
  });

  test("validation names the bad field", () => {
    assert.throws(() => validateActionFault({ throttlingRate: 2 }), FaultValidationError);
    assert.throws(() => validateActionFault({ latencyMS: 5 }), /Unknown fault field "latencyMS"/);
    assert.throws(() => validateActionFault({ latencyMs: -1 }), /latencyMs/);
    assert.throws(() => validateActionFault([]), FaultValidationError);
  });
});
