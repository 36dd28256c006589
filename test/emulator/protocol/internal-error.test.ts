import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createEmulatorCore } from "../../../src/emulator/core";
import type { EmulatorCore } from "../../../src/emulator/emulator-core.types";
import { DelayScheduler } from "../../../src/emulator/http/delay.scheduler";
import { EmulatorHttpServer } from "../../../src/emulator/http/emulator-http.server";
import { CallCounter } from "../../../src/emulator/protocol/call.counter";
import { FaultInjector } from "../../../src/emulator/protocol/fault.injector";
import { NonceReplayGuard } from "../../../src/emulator/protocol/nonce-replay.guard";
import { RequestAuthenticator } from "../../../src/emulator/protocol/request.authenticator";
import { ESS_VERSION, REGION, TEST_KEY, protocolTestWorld } from "../../support/protocol-world.fixture";
import { jsonOf, sendV1 } from "../../support/signed-request.helper";

/**
 * A handler that throws something other than an EmulatorApiError is a bug: the client gets a
 * 500 InternalError, the log gets the RequestId and the cause, and the server keeps serving.
 * The real core is used; only DescribeScalingGroups is made to throw, to have a bug to observe.
 */
test("a handler bug is 500 InternalError, logged with its RequestId, and the server stays up", async () => {
  const core = createEmulatorCore({ world: protocolTestWorld(), dbPath: ":memory:", activity: { mode: "immediate" } });
  const buggy = new Proxy(core, {
    get(target, property) {
      if (property === "handler") {
        return (product: Parameters<EmulatorCore["handler"]>[0], action: string) =>
          action === "DescribeScalingGroups"
            ? () => {
                throw new TypeError("Cannot read properties of undefined (reading 'maxSize')");
              }
            : target.handler(product, action);
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const lines: string[] = [];
  const server = new EmulatorHttpServer({
    rpc: {
      core: buggy,
      authenticator: new RequestAuthenticator((id) => core.findAccessKey(id), new NonceReplayGuard()),
      faults: new FaultInjector(1),
      calls: new CallCounter(),
      delays: new DelayScheduler(),
      log: (line) => lines.push(line),
    },
  });
  const address = await server.listen(0, "127.0.0.1");
  after(async () => {
    await server.close();
    core.close();
  });
  const url = `http://127.0.0.1:${address.port}`;

  const response = await sendV1(url, {
    key: TEST_KEY,
    action: "DescribeScalingGroups",
    version: ESS_VERSION,
    params: { RegionId: REGION },
  });
  assert.equal(response.status, 500);
  const body = jsonOf(response);
  assert.equal(body.Code, "InternalError");
  assert.ok(!response.text.includes("maxSize"), "the cause stays in the log, not in the response");
  const logged = lines.filter((line) => line.includes(body.RequestId));
  assert.ok(
    logged.some((line) => line.includes("TypeError") && line.includes("maxSize")),
    lines.join("\n"),
  );
  assert.ok(
    logged.some((line) => /DescribeScalingGroups 500 InternalError/.test(line)),
    lines.join("\n"),
  );
  assert.ok(!lines.join("\n").includes(TEST_KEY.accessKeySecret));

  const healthy = await sendV1(url, {
    key: TEST_KEY,
    action: "DescribeScalingInstances",
    version: ESS_VERSION,
    params: { RegionId: REGION },
  });
  assert.equal(healthy.status, 200, healthy.text);
});
