import { describe, test } from "node:test";
import assert from "node:assert/strict";
import diagnosticsChannel from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";
import { UpstreamError } from "../../src/upstream/upstream.error";
import { USER_AGENT } from "../../src/upstream/rpc-request.signer";
import { emulatorConfig, startTestEmulator, testClient } from "../support/upstream-test.harness";
import { TEST_REGION } from "../support/upstream-test.world";

/** Records the sockets the gateway's requests go out on. */
function recordSockets(t: { after(fn: () => void): void }): Set<Socket> {
  const sockets = new Set<Socket>();
  const listener = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (request.getHeader("user-agent") !== USER_AGENT) return;
    if (request.socket) sockets.add(request.socket as Socket);
    else request.once("socket", (socket: Socket) => sockets.add(socket));
  };
  diagnosticsChannel.subscribe("http.client.request.start", listener);
  t.after(() => diagnosticsChannel.unsubscribe("http.client.request.start", listener));
  return sockets;
}

describe("keep-alive", () => {
  test("sequential calls reuse one socket (across products); close() releases it and refuses new calls", async (t) => {
    const emulator = await startTestEmulator(t);
    const sockets = recordSockets(t);
    const { upstream } = testClient(t, emulatorConfig(emulator));
    await upstream.describeScalingGroups({ regionId: TEST_REGION });
    await upstream.describeScalingInstances({ regionId: TEST_REGION, scalingGroupId: "asg-test1" });
    await upstream.describeInstances({ regionId: TEST_REGION, instanceIds: ["i-free1"] });
    await upstream.describeLoadBalancerAttribute({ regionId: TEST_REGION, loadBalancerId: "lb-test1" });
    assert.equal(sockets.size, 1, "one connection for four calls (every product points at the emulator)");
    const [socket] = sockets;
    assert.equal(socket.destroyed, false, "kept alive between calls");

    await upstream.close();
    assert.equal(socket.destroyed, true, "close() destroyed the idle socket");
    await assert.rejects(upstream.describeScalingGroups({ regionId: TEST_REGION }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, "ClientClosed");
      return true;
    });
    await upstream.close(); // idempotent
  });

  test("close() waits for calls in flight, then releases their sockets", async (t) => {
    const emulator = await startTestEmulator(t);
    const sockets = recordSockets(t);
    const { upstream } = testClient(t, emulatorConfig(emulator));
    emulator.control.setFault("DescribeScalingGroups", { latencyMs: 200 });
    const pending = upstream.describeScalingGroups({ regionId: TEST_REGION });
    const closing = upstream.close();
    const page = await pending;
    assert.equal(page.items.length, 2, "the call in flight completed");
    await closing;
    assert.ok(sockets.size >= 1);
    assert.ok([...sockets].every((socket) => socket.destroyed));
  });

  test("close() leaves the sockets of another client alone", async (t) => {
    const emulator = await startTestEmulator(t);
    const first = testClient(t, emulatorConfig(emulator));
    const second = testClient(t, emulatorConfig(emulator));
    await first.upstream.describeScalingGroups({ regionId: TEST_REGION });
    await first.upstream.close();
    const page = await second.upstream.describeScalingGroups({ regionId: TEST_REGION });
    assert.equal(page.items.length, 2);
  });
});
