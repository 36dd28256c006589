import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createEssUpstream } from "../../src/upstream/ess-upstream.client";
import {
  DEFAULT_UPSTREAM_RETRY,
  DEFAULT_UPSTREAM_TIMEOUTS,
  defaultEndpoints,
  UpstreamConfigError,
  validateUpstreamConfig,
  type UpstreamConfig,
} from "../../src/upstream/upstream.config";

const valid: UpstreamConfig = {
  regionId: "cn-hangzhou",
  endpoints: defaultEndpoints("cn-hangzhou"),
  protocol: "https",
  credentials: { kind: "accessKey", accessKeyId: "LTAI5tExample", accessKeySecret: "example-secret-1" },
  signatureVersion: "v3",
  ...DEFAULT_UPSTREAM_TIMEOUTS,
  retry: { ...DEFAULT_UPSTREAM_RETRY },
};

describe("defaultEndpoints", () => {
  test("central regions use the central ESS/SLB/RDS endpoints, ECS is always regional", () => {
    assert.deepEqual(defaultEndpoints("cn-hangzhou"), {
      ess: "ess.aliyuncs.com",
      ecs: "ecs.cn-hangzhou.aliyuncs.com",
      slb: "slb.aliyuncs.com",
      rds: "rds.aliyuncs.com",
    });
  });

  test("other regions use regional endpoints everywhere", () => {
    assert.deepEqual(defaultEndpoints("eu-central-1"), {
      ess: "ess.eu-central-1.aliyuncs.com",
      ecs: "ecs.eu-central-1.aliyuncs.com",
      slb: "slb.eu-central-1.aliyuncs.com",
      rds: "rds.eu-central-1.aliyuncs.com",
    });
  });

  test("rejects something that is not a region id", () => {
    assert.throws(() => defaultEndpoints("cn-hangzhou.evil.com/x"), RangeError);
  });
});

describe("validateUpstreamConfig", () => {
  test("accepts a complete configuration", () => {
    validateUpstreamConfig(valid);
  });

  test("lists every problem at once", () => {
    const bad = {
      ...valid,
      endpoints: { ...valid.endpoints, ess: "https://ess.aliyuncs.com/" },
      protocol: "ftp",
      credentials: { kind: "accessKey", accessKeyId: "", accessKeySecret: "" },
      timeoutMs: 0,
      retry: { maxAttempts: 0, baseDelayMs: 10, maxDelayMs: 5 },
    } as unknown as UpstreamConfig;
    assert.throws(
      () => validateUpstreamConfig(bad),
      (error: unknown) => {
        assert.ok(error instanceof UpstreamConfigError);
        for (const fragment of [
          "endpoints.ess",
          "protocol",
          "credentials.accessKeyId",
          "timeoutMs",
          "retry.maxAttempts",
          "retry.maxDelayMs",
        ]) {
          assert.match(error.message, new RegExp(fragment.replace(".", "\\.")));
        }
        return true;
      },
    );
  });

  test("createEssUpstream validates, and never echoes the secret", () => {
    const bad = { ...valid, signatureVersion: "v2" } as unknown as UpstreamConfig;
    assert.throws(
      () => createEssUpstream(bad),
      (error: unknown) => {
        assert.ok(error instanceof UpstreamConfigError);
        assert.doesNotMatch(error.message, /example-secret-1/);
        return true;
      },
    );
  });
});
