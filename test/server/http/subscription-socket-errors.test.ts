import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** A frame the socket refuses is a client's problem: logged through the gateway's logger, never a stack on stderr. */
describe("socket frames the gateway refuses", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  for (const [name, frame, code] of [
    ["a frame over the 1 MB limit", "x".repeat(1_100_000), 1009],
    ["a text frame that is not UTF-8", Buffer.from([0xc3, 0x28]), 1007],
  ] as const) {
    test(`${name}: the socket is closed (${code}), a line is logged, nothing is written to the console`, async () => {
      const consoleErrors: unknown[][] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => consoleErrors.push(args);
      try {
        const socket = new WebSocket(harness.url.replace(/^http/, "ws"), "graphql-transport-ws");
        await new Promise<void>((resolve, reject) => {
          socket.once("open", () => resolve());
          socket.once("error", reject);
        });
        const closed = new Promise<number>((resolve) => socket.once("close", (closeCode) => resolve(closeCode)));
        socket.on("error", () => undefined);
        socket.send(frame, { binary: false });
        assert.equal(await closed, code);
        // Let the server side finish its close handling.
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        console.error = original;
      }
      assert.deepEqual(consoleErrors, []);
      assert.ok(harness.logLines.some((line) => line.includes("subscription socket closed on a protocol error")));
    });
  }
});
