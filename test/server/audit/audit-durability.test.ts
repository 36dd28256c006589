import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { bearer, writeAccessFiles } from "../../support/auth-support";
import { startGatewayProcess } from "../../support/gateway-process";

const ATTACH = `mutation($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on AttachInstancesSuccess { scalingActivityId requestId clientToken } ... on MutationError { clientToken } } }`;

/**
 * Durability: the gateway CLI is killed with SIGKILL right after a mutation's response
 * arrives; the audit record of that mutation is on disk (the sink fsyncs before the response is sent).
 */
describe("audit trail durability", () => {
  test("kill -9 right after a mutation's response: its audit record (allowed or refused) is in the file", async () => {
    const files = writeAccessFiles({
      policy: {
        version: 1,
        bindings: [
          {
            name: "ops",
            match: { apiKeys: ["ops"] },
            grants: [
              { operations: ["read", "attach"], regions: ["cn-hangzhou"], scalingGroups: { ids: ["asg-demo-batch"] } },
              { operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: "*" },
            ],
          },
        ],
      },
      apiKeyNames: ["ops"],
    });
    const attach = async (url: string, scalingGroupId: string, instanceId: string, clientToken: string) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(files.apiKeys.ops!) },
        body: JSON.stringify({
          query: ATTACH,
          variables: { input: { regionId: "cn-hangzhou", scalingGroupId, instances: [{ instanceId }], clientToken } },
        }),
      });
      return {
        correlationId: response.headers.get("x-correlation-id"),
        body: (await response.json()) as { data: { attachInstances: Record<string, string> } },
      };
    };
    const env = { ...files.env, ESS_GATEWAY_EMULATOR_DB: ":memory:", ESS_GATEWAY_EMULATOR_ACTIVITY: "immediate" };
    const auditFile = path.join(files.dir, "audit.jsonl");
    const records = () =>
      readFileSync(auditFile, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, any>);

    for (const [scalingGroupId, expected] of [
      ["asg-demo-batch", "AttachInstancesSuccess"],
      ["asg-demo-full", "AccessDeniedError"],
    ] as const) {
      const gateway = await startGatewayProcess(env);
      const clientToken = `kill9-${scalingGroupId}`;
      const { correlationId, body } = await attach(gateway.url, scalingGroupId, "i-demo-0016", clientToken);
      await gateway.kill9();
      assert.equal(body.data.attachInstances.__typename, expected, JSON.stringify(body));
      const record = records().find((candidate) => candidate.clientToken === clientToken);
      assert.ok(record, `the record of ${clientToken} is on disk`);
      assert.equal(record.correlationId, correlationId);
      assert.deepEqual(record.principal, { kind: "apiKey", id: "ops" });
      assert.equal(record.operation, "attach");
      assert.equal(record.scalingGroupId, scalingGroupId);
      assert.deepEqual(record.instanceIds, ["i-demo-0016"]);
      assert.equal(record.outcome.typename, expected);
      assert.equal(record.profile, "default");
      assert.match(record.clientAddress, /127\.0\.0\.1/);
      if (expected === "AttachInstancesSuccess") {
        assert.equal(record.scalingActivityId, body.data.attachInstances.scalingActivityId);
        assert.equal(record.upstreamRequestId, body.data.attachInstances.requestId);
      } else {
        assert.equal(record.outcome.code, "AccessDenied");
        assert.equal(record.upstreamRequestId, null);
      }
      // Never a credential: not the API key, not its hash.
      assert.ok(!readFileSync(auditFile, "utf8").includes(files.apiKeys.ops!));
    }
  });
});
