import { describe, test } from "node:test";
import assert from "node:assert/strict";
import diagnosticsChannel from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { CLIENT_MARKER_HEADER } from "../../src/upstream/keep-alive-socket.tracker";
import { emulatorConfig, startTestEmulator, testClient } from "./upstream-test.harness";
import { TEST_REGION } from "./upstream-test.world";

/**
 * The read timers httpx armed for the client's requests, taken when each response arrives (httpx
 * keys them on the socket with a module-private `Symbol('TIMER::READ_TIMER')`).
 */
function recordSdkReadTimers(t: { after(fn: () => void): void }): NodeJS.Timeout[] {
  const timers: NodeJS.Timeout[] = [];
  const listener = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (request.getHeader(CLIENT_MARKER_HEADER) === undefined) return;
    request.once("response", () => {
      const socket = request.socket as unknown as Record<symbol, unknown>;
      const key = Object.getOwnPropertySymbols(socket).find((symbol) => symbol.description === "TIMER::READ_TIMER");
      const timer = key === undefined ? undefined : socket[key];
      if (timer) timers.push(timer as NodeJS.Timeout);
    });
  };
  diagnosticsChannel.subscribe("http.client.request.start", listener);
  t.after(() => diagnosticsChannel.unsubscribe("http.client.request.start", listener));
  return timers;
}

/** Node marks a cleared (or fired) timer `_destroyed`; a pending one still holds its closure. */
function pending(timers: readonly NodeJS.Timeout[]): number {
  return timers.filter((timer) => !(timer as unknown as { _destroyed: boolean })._destroyed).length;
}

describe("finished calls are not retained", () => {
  test("no SDK read timer (holding the request, response and socket) outlives its call", async (t) => {
    const emulator = await startTestEmulator(t);
    const timers = recordSdkReadTimers(t);
    // A long limit, so a timer that is still armed after the calls can only be a retained one.
    const { upstream } = testClient(t, emulatorConfig(emulator, { timeoutMs: 60_000 }));
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        upstream.describeScalingGroups({ regionId: TEST_REGION }),
        upstream.describeInstances({ regionId: TEST_REGION, instanceIds: ["i-free1"] }),
        upstream.describeLoadBalancerAttribute({ regionId: TEST_REGION, loadBalancerId: "lb-test1" }),
      ]);
    }
    assert.equal(timers.length, 9, "httpx armed one read timer per request");
    assert.equal(pending(timers), 0, "every read timer was cleared when its call ended");
  });

  test("a failed call clears its read timer too", async (t) => {
    const emulator = await startTestEmulator(t);
    const timers = recordSdkReadTimers(t);
    const { upstream } = testClient(t, emulatorConfig(emulator, { timeoutMs: 60_000, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }));
    await assert.rejects(upstream.describeLoadBalancerAttribute({ regionId: TEST_REGION, loadBalancerId: "lb-missing" }));
    assert.equal(timers.length, 1);
    assert.equal(pending(timers), 0);
  });
});
