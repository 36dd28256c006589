import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import OpenApiClient, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { UpstreamError } from "../../src/upstream/upstream.error";
import type { UpstreamCallEvent } from "../../src/upstream/upstream.hooks";
import type { EssUpstream } from "../../src/upstream/upstream.types";
import { emulatorConfig, startTestEmulator, testClient } from "../support/upstream-test.harness";
import { TEST_KEYS, TEST_REGION } from "../support/upstream-test.world";

const key = TEST_KEYS.sts;

/** Everything that must never show up in an error, a stack, a log line or a hook payload. */
const FORBIDDEN = [key.accessKeySecret, key.securityToken, "Signature=", `AccessKeyId=${key.accessKeyId}`, "SecurityToken="];

function assertClean(texts: string[]): void {
  for (const text of texts) {
    for (const forbidden of FORBIDDEN) {
      assert.ok(!text.includes(forbidden), `leaked ${JSON.stringify(forbidden)} in: ${text.slice(0, 300)}`);
    }
    assert.doesNotMatch(text, /https?:\/\/[^\s]*\?/, "no URL with a query string");
  }
}

function captured(error: unknown): string[] {
  assert.ok(error instanceof UpstreamError, `expected an UpstreamError, got ${String(error)}`);
  return [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 5 }), String(error)];
}

async function failureTexts(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    return captured(error);
  }
  assert.fail("expected the call to fail");
}

describe("secrets never leave the client", () => {
  test("the raw SDK error of a V1 timeout carries the signed URL (what the client must not pass on)", async (t) => {
    const emulator = await startTestEmulator(t);
    emulator.control.setFault("DescribeScalingGroups", { latencyMs: 800 });
    const sdk = new OpenApiClient(
      new Config({ ...key, endpoint: `${emulator.host}:${emulator.port}`, protocol: "http", signatureAlgorithm: "v2" }),
    );
    const params = new Params({
      action: "DescribeScalingGroups",
      version: "2014-08-28",
      protocol: "HTTP",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    await assert.rejects(
      sdk.callApi(
        params,
        new OpenApiRequest({ query: { RegionId: TEST_REGION } }),
        new RuntimeOptions({ readTimeout: 100, connectTimeout: 100 }),
      ),
      (error: Error) => {
        assert.match(error.message, /Signature=/);
        assert.ok(error.message.includes(encodeURIComponent(key.securityToken)) || error.message.includes(key.securityToken));
        return true;
      },
    );
  });

  for (const signatureVersion of ["v1", "v3"] as const) {
    test(`failing and succeeding calls with an STS key (signature ${signatureVersion})`, async (t) => {
      const emulator = await startTestEmulator(t);
      const logLines: string[] = [];
      const events: UpstreamCallEvent[] = [];
      const { upstream } = testClient(
        t,
        emulatorConfig(emulator, {
          signatureVersion,
          timeoutMs: 150,
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
          credentials: { kind: "accessKey", ...key },
        }),
        (event) => {
          events.push(event);
          logLines.push(`upstream call ${inspect(event)}`);
        },
      );
      const texts: string[] = [];
      const groups = (u: EssUpstream) => u.describeScalingGroups({ regionId: TEST_REGION });

      // Success.
      await groups(upstream);
      // 404 and 400 API errors.
      texts.push(
        ...(await failureTexts(() =>
          upstream.attachInstances({
            regionId: TEST_REGION,
            scalingGroupId: "asg-missing",
            instances: [{ instanceId: "i-free1" }],
            clientToken: "s-1",
          }),
        )),
      );
      texts.push(
        ...(await failureTexts(() =>
          upstream.attachInstances({
            regionId: TEST_REGION,
            scalingGroupId: "asg-test1",
            instances: [{ instanceId: "i-stopped1" }],
            clientToken: "s-2",
          }),
        )),
      );
      // Throttling, timeout (the SDK's message holds the signed URL for V1), dropped connection.
      emulator.control.setFault("DescribeScalingGroups", { throttlingRate: 1 });
      texts.push(...(await failureTexts(() => groups(upstream))));
      emulator.control.setFault("DescribeScalingGroups", { latencyMs: 500 });
      texts.push(...(await failureTexts(() => groups(upstream))));
      emulator.control.setFault("DescribeScalingGroups", { dropConnectionRate: 1 });
      texts.push(...(await failureTexts(() => groups(upstream))));
      emulator.control.clearFaults();

      // A wrong secret: the error message of a real signature failure quotes the string to sign.
      const wrong = testClient(
        t,
        emulatorConfig(emulator, {
          signatureVersion,
          credentials: {
            kind: "accessKey",
            accessKeyId: key.accessKeyId,
            accessKeySecret: "wrong-secret-value-1",
            securityToken: key.securityToken,
          },
        }),
      );
      texts.push(...(await failureTexts(() => groups(wrong.upstream))));

      const codes = events.filter((e) => e.outcome === "error").map((e) => e.code);
      assert.ok(codes.includes("Throttling") && codes.includes("RequestTimeout") && codes.includes("ConnectionReset"), codes.join());
      assertClean([...texts, ...logLines, JSON.stringify(events), ...wrong.events.map((e) => JSON.stringify(e))]);
    });
  }
});
