import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { sha256Hex, v3CanonicalRequest, v3Signature, v3StringToSign } from "../../../src/emulator/protocol/signature-v3.signer";
import { startProtocolEmulator } from "../../support/emulator-fixture.helper";
import { ESS_VERSION, REGION, STS_KEY, TEST_KEY } from "../../support/protocol-world.fixture";
import { formEncode, isoSeconds, jsonOf, rawRequest, type RawResponse, type TestKey } from "../../support/signed-request.helper";

interface V3Options {
  key: TestKey;
  query?: Record<string, string>;
  /** A form body; signed through x-acs-content-sha256. */
  body?: Record<string, string>;
  date?: string;
  nonce?: string;
  /** Drop these headers from the request after signing. */
  dropHeaders?: string[];
  /** Leave these headers out of SignedHeaders. */
  unsigned?: string[];
  /** Send this body instead of the signed one (same headers). */
  bodyOverride?: string;
  algorithm?: string;
  securityToken?: string | null;
}

/**
 * Builds a V3 (ACS3-HMAC-SHA256) request by hand, with the pure signer functions (which the
 * signature test pins to `@alicloud/openapi-util`), so each part can be broken on purpose.
 */
function v3Request(emulator: RunningEmulator, options: V3Options): Promise<RawResponse> {
  const query = options.query ?? { RegionId: REGION };
  const body = options.body ? formEncode(options.body) : "";
  const headers: Record<string, string> = {
    host: `127.0.0.1:${emulator.port}`,
    "x-acs-action": "DescribeScalingGroups",
    "x-acs-version": ESS_VERSION,
    "x-acs-date": options.date ?? isoSeconds(new Date()),
    "x-acs-signature-nonce": options.nonce ?? randomUUID(),
    "x-acs-content-sha256": sha256Hex(body),
    ...(options.body && { "content-type": "application/x-www-form-urlencoded" }),
  };
  const token = options.securityToken === undefined ? options.key.securityToken : options.securityToken;
  if (token) headers["x-acs-security-token"] = token;
  const signedHeaders = Object.keys(headers)
    .filter((name) => !(options.unsigned ?? []).includes(name))
    .sort();
  const signature = v3Signature(
    v3StringToSign(
      v3CanonicalRequest({
        httpMethod: "POST",
        path: "/",
        query,
        signedHeaders,
        headerValues: (name) => [headers[name]],
        contentSha256: headers["x-acs-content-sha256"],
      }),
    ),
    options.key.accessKeySecret,
  );
  headers.authorization = `${options.algorithm ?? "ACS3-HMAC-SHA256"} Credential=${options.key.accessKeyId},SignedHeaders=${signedHeaders.join(";")},Signature=${signature}`;
  for (const name of options.dropHeaders ?? []) delete headers[name];
  return rawRequest(emulator.url, {
    method: "POST",
    path: `/?${formEncode(query)}`,
    headers,
    body: options.bodyOverride ?? body,
  });
}

function expectError(response: RawResponse, status: number, code: string): string {
  const body = jsonOf(response);
  assert.equal(response.status, status, response.text);
  assert.equal(body.Code, code, body.Message);
  for (const secret of [TEST_KEY.accessKeySecret, STS_KEY.accessKeySecret, STS_KEY.securityToken]) {
    assert.ok(!response.text.includes(secret));
  }
  return body.Message as string;
}

describe("V3 signatures over HTTP (hand-built requests)", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startProtocolEmulator(undefined);
  });
  after(() => emulator.close());

  test("a correct request verifies, with the query and with a form body", async () => {
    assert.equal((await v3Request(emulator, { key: TEST_KEY })).status, 200);
    const withBody = await v3Request(emulator, { key: TEST_KEY, query: {}, body: { RegionId: REGION } });
    assert.equal(withBody.status, 200, withBody.text);
  });

  test("a body changed after signing fails the content hash", async () => {
    const message = expectError(
      await v3Request(emulator, {
        key: TEST_KEY,
        query: {},
        body: { RegionId: REGION },
        bodyOverride: "RegionId=cn-beijing",
      }),
      400,
      "SignatureDoesNotMatch",
    );
    assert.match(message, /x-acs-content-sha256/);
  });

  test("a wrong secret is SignatureDoesNotMatch with the server's StringToSign", async () => {
    const message = expectError(
      await v3Request(emulator, { key: { accessKeyId: TEST_KEY.accessKeyId, accessKeySecret: "not-the-secret" } }),
      400,
      "SignatureDoesNotMatch",
    );
    assert.match(message, /server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
  });

  test("missing or unsigned parts are IncompleteSignature naming them", async () => {
    assert.match(
      expectError(await v3Request(emulator, { key: TEST_KEY, dropHeaders: ["x-acs-date"] }), 400, "IncompleteSignature"),
      /x-acs-date/,
    );
    assert.match(
      expectError(await v3Request(emulator, { key: TEST_KEY, unsigned: ["x-acs-action"] }), 400, "IncompleteSignature"),
      /x-acs-action/,
    );
    assert.match(
      expectError(await v3Request(emulator, { key: TEST_KEY, algorithm: "ACS3-HMAC-SM3" }), 400, "IncompleteSignature"),
      /ACS3-HMAC-SM3/,
    );
  });

  test("unknown key, stale date, replayed nonce", async () => {
    expectError(await v3Request(emulator, { key: { accessKeyId: "LTAIghost", accessKeySecret: "x" } }), 404, "InvalidAccessKeyId.NotFound");
    expectError(
      await v3Request(emulator, { key: TEST_KEY, date: isoSeconds(new Date(Date.now() - 20 * 60 * 1000)) }),
      400,
      "InvalidTimeStamp.Expired",
    );
    const nonce = randomUUID();
    assert.equal((await v3Request(emulator, { key: TEST_KEY, nonce })).status, 200);
    expectError(await v3Request(emulator, { key: TEST_KEY, nonce }), 400, "SignatureNonceUsed");
  });

  test("STS via x-acs-security-token: missing, wrong, right", async () => {
    expectError(await v3Request(emulator, { key: STS_KEY, securityToken: null }), 400, "InvalidSecurityToken.Missing");
    expectError(
      await v3Request(emulator, { key: STS_KEY, securityToken: "CAIS-wrong" }),
      400,
      "InvalidSecurityToken.MismatchWithAccessKey",
    );
    assert.equal((await v3Request(emulator, { key: STS_KEY })).status, 200);
  });
});
