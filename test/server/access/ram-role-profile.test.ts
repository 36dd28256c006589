import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "../../../src/emulator/emulator";
import type { RunningEmulator } from "../../../src/emulator/emulator-core.types";
import { A, ACCOUNT_B, accessWorld, B, KEY_A, KEY_B, OPERATOR_SESSION_SECONDS, REGION, ROLES } from "../../support/access-world";
import { bearer, writeAccessFiles } from "../../support/auth-support";
import { startGatewayProcess, type GatewayProcess } from "../../support/gateway-process";

const Q_GROUP = `query($id: ID!) { scalingGroup(regionId: "${REGION}", id: $id) { id name } }`;
const Q_LIST = `{ scalingGroups(regionId: "${REGION}", first: 20) { totalCount nodes { id } } }`;

/**
 * A RAM-role profile assumes its role through the emulator's STS, acts in
 * the role's account, refreshes before expiry, and never uses the source account's keys for the
 * target's resources. `@alicloud/credentials` only speaks HTTPS to STS, so the emulator serves TLS
 * with a certificate generated here, and the gateway (a child process) trusts it through
 * NODE_EXTRA_CA_CERTS.
 */
describe("a RAM-role profile (STS AssumeRole) end to end", () => {
  let emulator: RunningEmulator;
  let gateway: GatewayProcess;
  let apiKeys: Record<string, string>;
  before(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ess-tls-"));
    const keyFile = path.join(dir, "key.pem");
    const certFile = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-keyout",
        keyFile,
        "-out",
        certFile,
      ],
      { stdio: "ignore" },
    );
    emulator = await startEmulator({
      world: accessWorld(),
      activity: { mode: "immediate" },
      tls: { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") },
    });
    const endpoint = `127.0.0.1:${emulator.port}`;
    const files = writeAccessFiles({
      policy: {
        version: 1,
        bindings: [
          { name: "team-a", match: { apiKeys: ["team-a-svc"] }, grants: [{ operations: ["read"], regions: [REGION], scalingGroups: "*" }] },
          {
            name: "team-b",
            match: { apiKeys: ["team-b-svc"] },
            profile: "team-b",
            grants: [{ operations: ["read"], regions: [REGION], scalingGroups: "*" }],
          },
        ],
      },
      apiKeyNames: ["team-a-svc", "team-b-svc"],
      profiles: {
        profiles: {
          "team-b": {
            kind: "ramRoleArn",
            accountId: ACCOUNT_B,
            source: { accessKeyId: KEY_A.accessKeyId, accessKeySecretEnv: "SOURCE_SECRET" },
            roleArn: ROLES.operator,
            roleSessionName: "ess-gateway",
            durationSeconds: 900,
            stsEndpoint: endpoint,
          },
        },
      },
    });
    apiKeys = files.apiKeys;
    gateway = await startGatewayProcess({
      ...files.env,
      NODE_EXTRA_CA_CERTS: certFile,
      SOURCE_SECRET: KEY_A.accessKeySecret,
      ESS_GATEWAY_UPSTREAM: "aliyun",
      ESS_GATEWAY_REGION: REGION,
      ESS_GATEWAY_PROTOCOL: "https",
      ESS_GATEWAY_ESS_ENDPOINT: endpoint,
      ESS_GATEWAY_ECS_ENDPOINT: endpoint,
      ESS_GATEWAY_SLB_ENDPOINT: endpoint,
      ESS_GATEWAY_RDS_ENDPOINT: endpoint,
      // The gateway's own (default profile) credentials: account A's key, the role's source.
      ESS_GATEWAY_ACCESS_KEY_ID: KEY_A.accessKeyId,
      ESS_GATEWAY_ACCESS_KEY_SECRET: KEY_A.accessKeySecret,
      ESS_GATEWAY_RETRY_MAX_ATTEMPTS: "1",
    });
  });
  after(async () => {
    await gateway?.stop();
    await emulator?.close();
  });

  const ask = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(apiKeys[who]!) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    assert.equal(body.errors, undefined, JSON.stringify(body));
    return body.data;
  };

  test("the profile acts in the role's account: B's groups, never A's, with temporary keys from AssumeRole", async () => {
    emulator.control.resetCallCounts();
    assert.deepEqual((await ask("team-b-svc", Q_GROUP, { id: B.web })).scalingGroup, { id: B.web, name: "web-prod" });
    assert.ok((emulator.control.callCounts().AssumeRole ?? 0) >= 1, "the role was assumed");
    const list = (await ask("team-b-svc", Q_LIST)).scalingGroups;
    assert.deepEqual(list.nodes.map((group: { id: string }) => group.id).sort(), [B.batch, B.web]);
    // Had the source account's key been used, A's group would be found and B's not.
    assert.equal((await ask("team-b-svc", Q_GROUP, { id: A.web })).scalingGroup, null);
    // The default profile (account A's own key) is not the role: it sees A, not B.
    assert.deepEqual((await ask("team-a-svc", Q_GROUP, { id: A.web })).scalingGroup, { id: A.web, name: "web-prod" });
    assert.equal((await ask("team-a-svc", Q_GROUP, { id: B.web })).scalingGroup, null);
  });

  test("temporary credentials are refreshed before they expire: requests across several session lifetimes all succeed", async () => {
    emulator.control.resetCallCounts();
    const deadline = Date.now() + (OPERATOR_SESSION_SECONDS * 2 + 1) * 1000;
    let requests = 0;
    while (Date.now() < deadline) {
      assert.deepEqual((await ask("team-b-svc", Q_GROUP, { id: B.web })).scalingGroup, { id: B.web, name: "web-prod" });
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const assumed = emulator.control.callCounts().AssumeRole ?? 0;
    // Sessions last 3 s; the requests spanned more than two of them, so the role was assumed again
    // (a 3 s session is inside the library's 15-minute refresh window), never an expired key used.
    assert.ok(assumed >= 2, `AssumeRole ${assumed}× over ${requests} requests`);
  });

  test("no secret of either account appears in the gateway's output", () => {
    const output = gateway.stdout() + gateway.stderr();
    for (const secret of [KEY_A.accessKeySecret, KEY_B.accessKeySecret]) assert.ok(!output.includes(secret));
  });
});
