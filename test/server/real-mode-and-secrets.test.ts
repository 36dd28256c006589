import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AttachInstancesDocument, ScalingGroupDocument } from "../../operations/__generated__/graphql";
import { startEmulator } from "../../src/emulator/emulator";
import type { RunningEmulator } from "../../src/emulator/emulator-core.types";
import { parseGatewayCommand } from "../../src/server/config/gateway-config.parser";
import { startGateway, type RunningGateway } from "../../src/server/gateway";
import {
  ACCESS_KEY_ID,
  ACCESS_KEY_SECRET,
  attachTestWorld,
  cleanInstanceId,
  GROUPS,
  INSTANCES,
  REGION,
  roomyGroupId,
} from "../support/attach-test-world";
import { assertNoSecretLeaks, createGraphQLClient, secretsOf, type GraphQLClient } from "../support/gateway-harness";

/**
 * Real mode (`ESS_GATEWAY_UPSTREAM=aliyun`) configured entirely through environment variables, with
 * every endpoint overridden to point at an emulator: the same path a deployment takes, checked
 * with both signature versions. No secret or signature may reach a response or a log line.
 */
for (const signatureVersion of ["v3", "v1"] as const) {
  describe(`real mode through the environment, ${signatureVersion} signatures`, () => {
    let emulator: RunningEmulator;
    let gateway: RunningGateway;
    let wrongKeyGateway: RunningGateway;
    let client: GraphQLClient;
    let wrongKeyClient: GraphQLClient;
    const logLines: string[] = [];
    const responseBodies: string[] = [];
    const WRONG_SECRET = "WrongSecretForThisKey0123456789abcdef";

    const startRealMode = (secret: string) => {
      const hostPort = `127.0.0.1:${emulator.port}`;
      const command = parseGatewayCommand(
        {
          ESS_GATEWAY_UPSTREAM: "aliyun",
          ESS_GATEWAY_REGION: REGION,
          ESS_GATEWAY_ESS_ENDPOINT: hostPort,
          ESS_GATEWAY_ECS_ENDPOINT: hostPort,
          ESS_GATEWAY_SLB_ENDPOINT: hostPort,
          ESS_GATEWAY_RDS_ENDPOINT: hostPort,
          ESS_GATEWAY_PROTOCOL: "http",
          ESS_GATEWAY_ACCESS_KEY_ID: ACCESS_KEY_ID,
          ESS_GATEWAY_ACCESS_KEY_SECRET: secret,
          ESS_GATEWAY_SIGNATURE_VERSION: signatureVersion,
          ESS_GATEWAY_LOG_LEVEL: "debug",
          ESS_GATEWAY_TIMEOUT_MS: "1000",
          ESS_GATEWAY_RETRY_BASE_DELAY_MS: "1",
          ESS_GATEWAY_RETRY_MAX_DELAY_MS: "5",
          ESS_GATEWAY_RETRY_SETTLE_MS: "300",
        },
        ["--port", "0"],
      );
      assert.equal(command.kind, "start");
      if (command.kind !== "start") throw new Error("unreachable");
      return startGateway(command.config, { logSink: (line) => logLines.push(line) });
    };

    before(async () => {
      emulator = await startEmulator({
        world: attachTestWorld(),
        dbPath: ":memory:",
        activity: { mode: "immediate" },
        faultSeed: 7,
        log: (line) => logLines.push(line),
      });
      gateway = await startRealMode(ACCESS_KEY_SECRET);
      wrongKeyGateway = await startRealMode(WRONG_SECRET);
      client = createGraphQLClient(gateway.url, responseBodies);
      wrongKeyClient = createGraphQLClient(wrongKeyGateway.url, responseBodies);
    });
    after(async () => {
      await wrongKeyGateway?.close();
      await gateway?.close();
      await emulator?.close();
      assertNoSecretLeaks([...logLines, ...responseBodies], [...secretsOf(attachTestWorld()), WRONG_SECRET]);
    });

    test("the gateway describes its upstream as Alibaba Cloud with the overridden endpoints", () => {
      assert.deepEqual(gateway.upstreamDescription, {
        kind: "aliyun",
        regionId: REGION,
        endpoints: {
          ess: `127.0.0.1:${emulator.port}`,
          ecs: `127.0.0.1:${emulator.port}`,
          slb: `127.0.0.1:${emulator.port}`,
          rds: `127.0.0.1:${emulator.port}`,
        },
        credentials: "accessKey",
        signatureVersion,
      });
    });

    test("attach succeeds, and a refused attach is typed, through signed calls", async () => {
      const index = signatureVersion === "v3" ? 0 : 1;
      const success = await client.execute(AttachInstancesDocument, {
        input: { regionId: REGION, scalingGroupId: roomyGroupId(index), instances: [{ instanceId: cleanInstanceId(index) }] },
      });
      assert.equal(success.data?.attachInstances?.__typename, "AttachInstancesSuccess", JSON.stringify(success));
      const refused = await client.execute(AttachInstancesDocument, {
        input: { regionId: REGION, scalingGroupId: GROUPS.main, instances: [{ instanceId: INSTANCES.stopped }] },
      });
      assert.equal(refused.data?.attachInstances?.__typename, "InstanceNotRunningError");
    });

    test("faults and dropped connections end in typed results", async () => {
      emulator.control.setFault("*", { throttlingRate: 1 });
      try {
        const throttled = await client.execute(AttachInstancesDocument, {
          input: { regionId: REGION, scalingGroupId: roomyGroupId(2), instances: [{ instanceId: cleanInstanceId(2) }] },
        });
        assert.equal(throttled.data?.attachInstances?.__typename, "UpstreamError");
        const read = await client.execute(ScalingGroupDocument, { regionId: REGION, id: GROUPS.main });
        assert.equal(read.errors?.[0]?.extensions?.upstreamCode, "Throttling");
      } finally {
        emulator.control.clearFaults();
      }
      emulator.control.setFault("AttachInstances", { dropConnectionRate: 1 });
      try {
        const dropped = await client.execute(AttachInstancesDocument, {
          input: { regionId: REGION, scalingGroupId: roomyGroupId(3), instances: [{ instanceId: cleanInstanceId(3) }] },
        });
        // The emulator commits, then drops the connection: the outcome is open, never "failed".
        const result = dropped.data?.attachInstances;
        assert.equal(result?.__typename, "AttachOutcomeUnknownError", JSON.stringify(dropped));
        assert.equal(result?.__typename === "AttachOutcomeUnknownError" && result.lastUpstreamCode, "ConnectionReset");
      } finally {
        emulator.control.clearFaults();
      }
    });

    test("a wrong AccessKey secret is a typed UpstreamError naming the signature problem, without the secret", async () => {
      const response = await wrongKeyClient.execute(AttachInstancesDocument, {
        input: { regionId: REGION, scalingGroupId: GROUPS.main, instances: [{ instanceId: cleanInstanceId(4) }] },
      });
      const result = response.data?.attachInstances;
      assert.equal(result?.__typename, "UpstreamError", JSON.stringify(response));
      if (result?.__typename !== "UpstreamError") return;
      assert.equal(result.code, "SignatureDoesNotMatch");
      assert.equal(result.httpStatus, 400);
      assert.equal(result.retryable, false);
    });
  });
}
