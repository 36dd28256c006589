import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidCursorError } from "../../../../src/graphql/common/relay/invalid-cursor.error";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../../../src/graphql/common/relay/offset-cursor.codec";

describe("offset cursors", () => {
  test("round-trip positions of one list", () => {
    for (const offset of [0, 1, 49, 50, 12345])
      assert.equal(decodeOffsetCursor("ScalingGroup:cn-hangzhou", encodeOffsetCursor("ScalingGroup:cn-hangzhou", offset)), offset);
  });

  test("are opaque: no position is readable as plain text", () => {
    assert.doesNotMatch(encodeOffsetCursor("ScalingGroup:cn-hangzhou", 42), /42|ScalingGroup/);
  });

  test("refuse another list's cursor, garbage, and non-canonical encodings with INVALID_CURSOR", () => {
    const cursor = encodeOffsetCursor("ScalingGroup:cn-hangzhou", 3);
    const refused = [
      encodeOffsetCursor("ScalingInstance:cn-hangzhou:asg-1", 3),
      encodeOffsetCursor("ScalingGroup:cn-shanghai", 3),
      "",
      "not a cursor",
      `${cursor}=`,
      `${cursor}!`,
      Buffer.from("ess-gw:v1:ScalingGroup:cn-hangzhou:-1").toString("base64url"),
      Buffer.from("ess-gw:v1:ScalingGroup:cn-hangzhou:007").toString("base64url"),
      Buffer.from("ess-gw:v1:ScalingGroup:cn-hangzhou:1e3").toString("base64url"),
    ];
    for (const candidate of refused) {
      assert.throws(
        () => decodeOffsetCursor("ScalingGroup:cn-hangzhou", candidate),
        (error: unknown) => error instanceof InvalidCursorError && error.extensions.code === "INVALID_CURSOR",
        candidate,
      );
    }
  });
});
