import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as OpenApiUtil from "@alicloud/openapi-util";
import { percentEncodeRfc3986 } from "../../../src/emulator/protocol/rfc3986.codec";
import { v1Signature, v1StringToSign } from "../../../src/emulator/protocol/signature-v1.signer";
import { sha256Hex, v3CanonicalRequest, v3Signature, v3StringToSign } from "../../../src/emulator/protocol/signature-v3.signer";

describe("signature V1 (pure)", () => {
  test("reproduces the documented ECS vector", () => {
    const params = {
      AccessKeyId: "testid",
      Action: "DescribeRegions",
      Format: "XML",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      SignatureVersion: "1.0",
      Timestamp: "2016-02-23T12:46:24Z",
      Version: "2014-05-26",
    };
    const stringToSign = v1StringToSign("GET", params);
    assert.equal(
      stringToSign,
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    );
    assert.equal(v1Signature(stringToSign, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  });

  test("agrees with @alicloud/openapi-util on awkward characters and POST", () => {
    const params = { Action: "X", Comment: "a b*c/(d)~!'ü+", "InstanceId.1": "i-1", Empty: "" };
    const ours = v1Signature(v1StringToSign("POST", params), "s3cr3t");
    assert.equal(ours, OpenApiUtil.default.getRPCSignature(params, "POST", "s3cr3t"));
    assert.notEqual(ours, v1Signature(v1StringToSign("GET", params), "s3cr3t"), "the method is signed");
  });

  test("RFC 3986 encoding keeps unreserved characters only", () => {
    assert.equal(percentEncodeRfc3986("A-Z a_z.0~9*!'()/+=&"), "A-Z%20a_z.0~9%2A%21%27%28%29%2F%2B%3D%26");
  });
});

describe("signature V3 (pure)", () => {
  test("matches @alicloud/openapi-util getAuthorization for an RPC call", () => {
    const headers: Record<string, string> = {
      host: "127.0.0.1:4100",
      "x-acs-action": "AttachInstances",
      "x-acs-version": "2014-08-28",
      "x-acs-date": "2026-11-27T20:00:00Z",
      "x-acs-signature-nonce": "f2a1",
      "x-acs-content-sha256": sha256Hex(""),
      "user-agent": "not signed",
    };
    const query = { RegionId: "cn-hangzhou", "InstanceId.1": "i-1", Comment: "a b*" };
    const authorization = OpenApiUtil.default.getAuthorization(
      { pathname: "/", method: "POST", query, headers } as never,
      "ACS3-HMAC-SHA256",
      headers["x-acs-content-sha256"],
      "AKID",
      "secret",
    );
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)![1].split(";");
    const ours = v3Signature(
      v3StringToSign(
        v3CanonicalRequest({
          httpMethod: "POST",
          path: "/",
          query,
          signedHeaders,
          headerValues: (name) => (headers[name] === undefined ? [] : [headers[name]]),
          contentSha256: headers["x-acs-content-sha256"],
        }),
      ),
      "secret",
    );
    assert.equal(authorization, `ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=${signedHeaders.join(";")},Signature=${ours}`);
  });
});
