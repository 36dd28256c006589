import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UpstreamError } from "../../src/upstream/upstream.error";
import { emulatorConfig, startTestEmulator, testClient } from "../support/upstream-test.harness";
import { TEST_KEYS, TEST_REGION } from "../support/upstream-test.world";

/**
 * The default chain reads the environment and the home directory. This file runs in its own
 * process (node --test), so it may set them; each test sets what it needs before creating a client.
 */
const CHAIN_VARIABLES = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  "ALIBABA_CLOUD_CREDENTIALS_URI",
  "ALIBABA_CLOUD_ECS_METADATA",
];

function isolatedChainEnvironment(): string {
  for (const name of CHAIN_VARIABLES) delete process.env[name];
  const home = mkdtempSync(join(tmpdir(), "upstream-credentials-"));
  process.env.HOME = home;
  // No ECS metadata service here: do not wait for one.
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
  return home;
}

describe("credentials: the default chain", () => {
  for (const signatureVersion of ["v3", "v1"] as const) {
    test(`ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET (and SECURITY_TOKEN) from the environment (signature ${signatureVersion})`, async (t) => {
      isolatedChainEnvironment();
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = TEST_KEYS.sts.accessKeyId;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = TEST_KEYS.sts.accessKeySecret;
      process.env.ALIBABA_CLOUD_SECURITY_TOKEN = TEST_KEYS.sts.securityToken;
      const emulator = await startTestEmulator(t);
      const { upstream } = testClient(t, emulatorConfig(emulator, { signatureVersion, credentials: { kind: "defaultChain" } }));
      const page = await upstream.describeScalingGroups({ regionId: TEST_REGION, scalingGroupIds: ["asg-test1"] });
      assert.equal(page.items[0].scalingGroupId, "asg-test1");
    });
  }

  test("a profile in ~/.alibabacloud/credentials, chosen by ALIBABA_CLOUD_PROFILE", async (t) => {
    const home = isolatedChainEnvironment();
    mkdirSync(join(home, ".alibabacloud"));
    writeFileSync(
      join(home, ".alibabacloud", "credentials"),
      [
        "[default]",
        "type = access_key",
        "access_key_id = LTAI5tNotThisOne",
        "access_key_secret = not-this-secret-000",
        "",
        "[gateway]",
        "type = access_key",
        `access_key_id = ${TEST_KEYS.plain.accessKeyId}`,
        `access_key_secret = ${TEST_KEYS.plain.accessKeySecret}`,
        "",
      ].join("\n"),
    );
    process.env.ALIBABA_CLOUD_PROFILE = "gateway";
    const emulator = await startTestEmulator(t);
    const { upstream } = testClient(t, emulatorConfig(emulator, { credentials: { kind: "defaultChain" } }));
    const result = await upstream.describeInstances({ regionId: TEST_REGION, instanceIds: ["i-free1"] });
    assert.equal(result.items[0].instanceId, "i-free1");
  });

  test("no credentials anywhere: CredentialsUnavailable, not retried, nothing sent", async (t) => {
    isolatedChainEnvironment();
    const emulator = await startTestEmulator(t);
    const { upstream, events } = testClient(t, emulatorConfig(emulator, { credentials: { kind: "defaultChain" } }));
    await assert.rejects(upstream.describeScalingGroups({ regionId: TEST_REGION }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, "CredentialsUnavailable");
      assert.equal(error.httpStatus, null);
      assert.equal(error.retryable, false);
      assert.match(error.message, /no Alibaba Cloud credentials found \(tried: environment variables/);
      assert.doesNotMatch(error.message, /\/|undefined/, "no file paths, no garbled URL");
      return true;
    });
    assert.equal(events.length, 1);
    assert.deepEqual(emulator.control.callCounts(), {});
  });
});
